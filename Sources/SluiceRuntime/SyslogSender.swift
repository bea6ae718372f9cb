import Foundation
import SluiceAudit
#if canImport(Glibc)
import Glibc
#endif

/// Sends every audit line to a syslog collector (UDP or TCP) from its own thread, so a slow collector never stalls the log.
///
/// `write` only enqueues. The sender thread resolves the collector, connects, and sends RFC 5424 messages framed by
/// `SyslogFormatter`; a TCP connection that fails is re-opened after `retryDelay`. When the queue is full the oldest
/// message is dropped and counted: the file log stays the record of truth, syslog is a copy.
public final class SyslogSender: AuditSink {
    public let formatter: SyslogFormatter
    private let condition = NSCondition()
    private let state = SyslogSenderState()
    private let maxQueue: Int
    private let retryDelay: Double

    public init(target: SyslogTarget, hostname: String = ProcessInfo.processInfo.hostName, maxQueue: Int = 10_000,
                retryDelay: Double = 1, alert: (@Sendable (String) -> Void)? = nil) {
        formatter = SyslogFormatter(target: target, hostname: hostname, procID: String(getpid()))
        self.maxQueue = max(1, maxQueue)
        self.retryDelay = retryDelay
        let condition = self.condition, state = self.state, formatter = self.formatter, retryDelay = self.retryDelay
        let thread = Thread { Self.run(formatter: formatter, state: state, condition: condition, retryDelay: retryDelay, alert: alert) }
        thread.name = "sluice-syslog"
        thread.start()
    }

    deinit { close() }

    public func write(_ record: AuditRecord, line: String) {
        let frame = formatter.frame(for: record, line: line)
        condition.lock()
        defer { condition.unlock() }
        guard !state.stopping else { return }
        if state.queue.count >= maxQueue {
            state.queue.removeFirst()
            state.dropped += 1
        }
        state.queue.append(frame)
        condition.signal()
    }

    /// Messages dropped because the collector could not keep up or was unreachable.
    public var dropped: Int { condition.withLock { state.dropped } }
    /// Messages handed to the kernel.
    public var sent: Int { condition.withLock { state.sent } }
    public var lastError: String? { condition.withLock { state.lastError } }

    /// Waits until the queue is empty (true) or `timeout` passes (false); for tests and shutdown.
    @discardableResult
    public func drain(timeout: Double = 5) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !state.queue.isEmpty || state.inFlight {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    /// Sends what is queued (bounded by one second), then stops the thread and closes the socket.
    public func close() {
        drain(timeout: 1)
        condition.lock()
        defer { condition.unlock() }
        state.stopping = true
        condition.broadcast()
        while !state.finished { condition.wait() }
    }

    private static func run(formatter: SyslogFormatter, state: SyslogSenderState, condition: NSCondition, retryDelay: Double,
                            alert: (@Sendable (String) -> Void)?) {
        var socket: SyslogSocket?
        var retryAt = Date.distantPast
        while true {
            condition.lock()
            while state.queue.isEmpty, !state.stopping { condition.wait() }
            if state.stopping {
                state.finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let frame = state.queue.removeFirst()
            state.inFlight = true
            condition.unlock()

            var error: String?
            if socket == nil, Date() >= retryAt {
                switch SyslogSocket.open(target: formatter.target) {
                case .success(let opened): socket = opened
                case .failure(let failure): error = failure.message; retryAt = Date(timeIntervalSinceNow: retryDelay)
                }
            }
            var delivered = false
            if let open = socket {
                if let failure = open.send(frame) {
                    error = failure
                    socket = nil
                    retryAt = Date(timeIntervalSinceNow: retryDelay)
                } else {
                    delivered = true
                }
            }
            condition.lock()
            state.inFlight = false
            if delivered { state.sent += 1 } else { state.dropped += 1 }
            let firstFailure = error != nil && state.lastError == nil
            if let error { state.lastError = error } else if delivered { state.lastError = nil }
            condition.broadcast()
            condition.unlock()
            if firstFailure, let error { alert?("syslog: \(error)") }
        }
    }
}

/// Queue and counters shared between `write` callers and the sender thread.
final class SyslogSenderState {
    var queue: [[UInt8]] = []
    var dropped = 0
    var sent = 0
    var lastError: String?
    var inFlight = false
    var stopping = false
    var finished = false
}

// Safe: every property is read and written only while holding the owning SyslogSender's NSCondition.
extension SyslogSenderState: @unchecked Sendable {}

/// One connected UDP or TCP socket to the collector; the sender thread is its only user, `deinit` closes it.
final class SyslogSocket {
    /// Why the collector could not be reached, with the resolver's or the kernel's words.
    struct Failure: Error {
        var message: String
    }

    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { Glibc.close(fd) }

    /// Resolves the collector and connects (UDP `connect` only fixes the peer); the error names the step and errno.
    static func open(target: SyslogTarget) -> Result<SyslogSocket, Failure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(target.transport == .udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(target.host, String(target.port), &hints, &list)
        guard rc == 0, let first = list else {
            return .failure(Failure(message: "cannot resolve \(target.host): \(String(cString: gai_strerror(rc)))"))
        }
        defer { freeaddrinfo(list) }
        var lastErrno: Int32 = 0
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let ai = entry {
            entry = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), ai.pointee.ai_protocol)
            guard fd >= 0 else { lastErrno = errno; continue }
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return .success(SyslogSocket(fd: fd)) }
            lastErrno = errno
            Glibc.close(fd)
        }
        return .failure(Failure(message: "connect to \(target.host):\(target.port)/\(target.transport.rawValue) failed: \(String(cString: strerror(lastErrno)))"))
    }

    /// Sends the whole frame (TCP may take several calls); nil on success, else the error with its errno text.
    func send(_ frame: [UInt8]) -> String? {
        var offset = 0
        while offset < frame.count {
            let n = frame.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                let err = errno
                if err == EINTR { continue }
                return "send failed: \(String(cString: strerror(err)))"
            }
            offset += n
        }
        return nil
    }
}
