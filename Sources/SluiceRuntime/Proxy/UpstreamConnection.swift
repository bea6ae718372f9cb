import CSluice
import Glibc

/// The proxy's side of a connection to an origin server, owned by one client connection at a time
/// or parked idle in the loop's `UpstreamPool`.
final class UpstreamConnection {
    let fd: FileDescriptor
    /// "host:port" actually connected to; the pool key.
    let key: String
    var inbuf = ByteQueue()
    var outbuf = ByteQueue()
    var connected = false
    /// Came from the pool: a failure before any response byte may be a stale keep-alive connection.
    var reused = false
    /// TLS towards the origin (intercepted HTTPS); nil for plain HTTP.
    var tls: TLSLink?

    /// Bytes accepted for the origin and not yet on the socket.
    var pendingBytes: Int { outbuf.count + (tls?.wire.count ?? 0) }

    init(fd: FileDescriptor, key: String) {
        self.fd = fd
        self.key = key
    }

    /// A parked connection is alive if it has nothing to read and no EOF (the origin closes idle ones).
    var looksAlive: Bool {
        var byte: UInt8 = 0
        let n = recv(fd.raw, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
}

/// Idle keep-alive connections to origins, per loop and per host:port. A parked connection is watched so
/// that an origin closing it frees it at once instead of failing the next request.
final class UpstreamPool {
    private final class Parked: EventHandler {
        let connection: UpstreamConnection
        weak var pool: UpstreamPool?
        var id: UInt64 = 0
        let since: ContinuousClock.Instant

        init(connection: UpstreamConnection, pool: UpstreamPool, since: ContinuousClock.Instant) {
            self.connection = connection
            self.pool = pool
            self.since = since
        }

        func handle(events: UInt32, tag: UInt8) { pool?.evict(self) }   // readable or hung up while idle: closed
        func tick(now: ContinuousClock.Instant) {
            if now - since > UpstreamPool.idleLimit { pool?.evict(self) }
        }
        func drain(deadline: ContinuousClock.Instant) { pool?.evict(self) }
    }

    static let idleLimit: Duration = .seconds(30)
    private unowned let loop: EventLoop
    private var parked: [String: [Parked]] = [:]
    var maxPerKey = 16

    init(loop: EventLoop) { self.loop = loop }

    /// A connection parked this briefly is trusted without a peek: an origin's close would already have
    /// arrived as an event, and idempotent requests are retried on a stale one anyway.
    static let peekAfter: Duration = .seconds(1)

    /// Takes a live idle connection to `key`, if any. It stays registered with epoll under the pool's token;
    /// the taker re-tags it with one EPOLL_CTL_MOD.
    func take(_ key: String) -> UpstreamConnection? {
        guard var entries = parked[key] else { return nil }
        defer { parked[key] = entries.isEmpty ? nil : entries }
        var now: ContinuousClock.Instant?
        while let entry = entries.popLast() {
            loop.remove(entry.id)
            let checked = now ?? .now
            now = checked
            if checked - entry.since < Self.peekAfter || entry.connection.looksAlive {
                entry.connection.reused = true
                return entry.connection
            }
            entry.connection.fd.close()
        }
        return nil
    }

    /// Parks a connection whose last exchange ended cleanly, still registered with epoll (re-tagged to the
    /// pool); false when the pool will not keep it and the caller must close it.
    func put(_ connection: UpstreamConnection) -> Bool {
        guard connection.inbuf.isEmpty, connection.pendingBytes == 0, (parked[connection.key]?.count ?? 0) < maxPerKey else { return false }
        connection.inbuf.shrinkIfEmpty()
        connection.outbuf.shrinkIfEmpty()
        let entry = Parked(connection: connection, pool: self, since: .now)
        entry.id = loop.add(entry)
        loop.change(connection.fd.raw, events: UInt32(CSL_EPOLLIN), id: entry.id, tag: 0)
        parked[connection.key, default: []].append(entry)
        return true
    }

    private func evict(_ entry: Parked) {
        entry.connection.fd.close()   // leaves epoll with it
        loop.remove(entry.id)
        parked[entry.connection.key]?.removeAll { $0 === entry }
        if parked[entry.connection.key]?.isEmpty == true { parked[entry.connection.key] = nil }
    }
}
