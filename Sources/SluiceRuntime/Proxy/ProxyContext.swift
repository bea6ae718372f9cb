import Foundation
import SluiceAudit
import SluiceEngine
import SluiceTLS
import Synchronization

/// Counters for the status page and `/metrics`; relaxed atomics, written by every loop.
final class ProxyStats: Sendable {
    let accepted = Atomic<Int>(0)
    let requests = Atomic<Int>(0)
    let tunnels = Atomic<Int>(0)
    let blocked = Atomic<Int>(0)
    let errors = Atomic<Int>(0)
    let active = Atomic<Int>(0)

    func bump(_ counter: borrowing Atomic<Int>, by n: Int = 1) { counter.add(n, ordering: .relaxed) }
    func read(_ counter: borrowing Atomic<Int>) -> Int { counter.load(ordering: .relaxed) }
}

/// What every loop shares: configuration, the current engine (swapped whole on reload), resolver, audit writer.
public final class ProxyContext: Sendable {
    public let configuration: ProxyConfiguration
    let resolver: Resolver
    let stats = ProxyStats()
    let audit: AuditWriter?
    private let currentEngine: Mutex<Engine>
    let started = Date()
    /// Set when `--ca-dir` turns interception on.
    let tlsServer: TLSServerContext?
    let tlsClient: TLSClientContext?
    /// Keyed fingerprint of a personal-data value for the audit log (HMAC with the local audit key).
    let fingerprint: (@Sendable (String) -> String)?
    /// The Via field value this proxy adds (RFC 9110 §7.6.3), built once.
    let via: String
    /// The connection deadlines, decided by the engine's pure timer rules.
    let timers: ConnectionTimers

    public init(configuration: ProxyConfiguration, engine: Engine, audit: AuditWriter?,
                tlsServer: TLSServerContext? = nil, tlsClient: TLSClientContext? = nil,
                fingerprint: (@Sendable (String) -> String)? = nil) {
        self.fingerprint = fingerprint
        self.configuration = configuration
        self.via = "1.1 \(configuration.viaName)"
        let timeouts = configuration.timeouts
        self.timers = ConnectionTimers(headerRead: timeouts.headerRead, clientIdle: timeouts.clientIdle, connect: timeouts.connect,
                                       upstreamResponse: timeouts.upstreamResponse, streamIdle: timeouts.streamIdle)
        self.tlsServer = tlsServer
        self.tlsClient = tlsClient
        self.currentEngine = Mutex(engine)
        self.audit = audit
        self.resolver = Resolver(threads: 2)
    }

    /// The engine for a new decision; in-flight requests keep the one they started with.
    public var engine: Engine { currentEngine.withLock { $0 } }

    /// Installs a new engine atomically (policy reload).
    public func replaceEngine(_ engine: Engine) { currentEngine.withLock { $0 = engine } }

    /// A short, unguessable id shown on pages and written to the audit line.
    /// A short id users can quote and the audit log can be searched by. Ids are a keyed hash (Swift's
    /// per-process random SipHash key) of a per-loop serial and a random per-process salt: unique in practice,
    /// not guessable, and without a getrandom(2) call per request.
    func newReferenceID(serial: UInt64) -> String {
        var hasher = Hasher()
        hasher.combine(referenceSalt)
        hasher.combine(serial)
        var value = UInt64(bitPattern: Int64(hasher.finalize()))
        return String(unsafeUninitializedCapacity: 12) { buffer in
            for i in 0..<12 {
                buffer[i] = Self.referenceAlphabet[Int(value & 31)]
                value >>= 5
            }
            return 12
        }
    }

    private static let referenceAlphabet = Array("abcdefghijkmnpqrstuvwxyz23456789".utf8)
    private let referenceSalt = UInt64.random(in: .min ... .max)

    func record(_ record: AuditRecord) { audit?.append(record) }
}
