import Dispatch
import Foundation
import Glibc
import Synchronization

/// Why a host name gave no address.
struct ResolveError: Error, Sendable, CustomStringConvertible {
    var host: String
    var reason: String
    var description: String { "cannot resolve \(host): \(reason)" }
}

/// Resolves host names off the event-loop threads (getaddrinfo blocks), with a small TTL cache.
/// A loop asks, a resolver thread answers through the loop's mailbox; the loop enforces the timeout.
final class Resolver: Sendable {
    private struct Job: Sendable {
        var host: String
        var port: Int
        var reply: @Sendable (Result<[SocketAddress], ResolveError>) -> Void
    }

    private struct CacheEntry: Sendable {
        var addresses: [SocketAddress]
        var expires: ContinuousClock.Instant
    }

    private let jobs = Mutex<[Job]>([])
    private let pending = DispatchSemaphore(value: 0)
    private let cache = Mutex<[String: CacheEntry]>([:])
    private let ttl: Duration
    private let cacheLimit = 1024

    init(threads: Int = 2, ttl: Duration = .seconds(30)) {
        self.ttl = ttl
        for i in 0..<max(1, threads) {
            let thread = Thread { [self] in self.work() }
            thread.name = "sluice-dns-\(i)"
            thread.start()
        }
    }

    /// Answers at once for IP literals and cached names, otherwise later on a resolver thread.
    func resolve(host: String, port: Int, reply: @escaping @Sendable (Result<[SocketAddress], ResolveError>) -> Void) {
        if let literal = SocketAddress(ip: host, port: port) {
            reply(.success([literal]))
            return
        }
        // RFC 6761 §6.4: .invalid never resolves, and resolvers should not send queries for it.
        let lowered = host.lowercased()
        if lowered == "invalid" || lowered.hasSuffix(".invalid") {
            reply(.failure(ResolveError(host: host, reason: "reserved name (RFC 6761)")))
            return
        }
        let now = ContinuousClock.now
        if let hit = cache.withLock({ $0[host] }), hit.expires > now {
            reply(.success(hit.addresses.compactMap { SocketAddress(ip: $0.host, port: port) }))
            return
        }
        jobs.withLock { $0.append(Job(host: host, port: port, reply: reply)) }
        pending.signal()
    }

    private func work() {
        while true {
            pending.wait()
            guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            let result = lookup(job.host, port: job.port)
            if case .success(let addresses) = result {
                cache.withLock { cache in
                    if cache.count >= cacheLimit { cache.removeAll() }
                    cache[job.host] = CacheEntry(addresses: addresses, expires: .now + ttl)
                }
            }
            job.reply(result)
        }
    }

    private func lookup(_ host: String, port: Int) -> Result<[SocketAddress], ResolveError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            return .failure(ResolveError(host: host, reason: String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let sa = entry.pointee.ai_addr,
               let address = SocketAddress(raw: UnsafeRawPointer(sa), length: Int(entry.pointee.ai_addrlen)),
               !addresses.contains(address) {
                addresses.append(address)
            }
            cursor = entry.pointee.ai_next
        }
        if addresses.isEmpty { return .failure(ResolveError(host: host, reason: "no address")) }
        return .success(addresses)
    }
}
