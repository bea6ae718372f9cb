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
        let since = ContinuousClock.now

        init(connection: UpstreamConnection, pool: UpstreamPool) {
            self.connection = connection
            self.pool = pool
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

    /// Takes a live idle connection to `key`, if any.
    func take(_ key: String) -> UpstreamConnection? {
        while let entry = parked[key]?.popLast() {
            loop.unwatch(entry.connection.fd.raw)
            loop.remove(entry.id)
            if entry.connection.looksAlive {
                entry.connection.reused = true
                return entry.connection
            }
        }
        return nil
    }

    /// Parks a connection whose last exchange ended cleanly; closes it when the pool is full.
    func put(_ connection: UpstreamConnection) {
        guard connection.inbuf.isEmpty, connection.pendingBytes == 0, (parked[connection.key]?.count ?? 0) < maxPerKey else { return }
        connection.inbuf.shrinkIfEmpty()
        connection.outbuf.shrinkIfEmpty()
        let entry = Parked(connection: connection, pool: self)
        entry.id = loop.add(entry)
        do {
            try loop.watch(connection.fd.raw, events: UInt32(CSL_EPOLLIN), id: entry.id, tag: 0)
        } catch {
            loop.remove(entry.id)
            return
        }
        parked[connection.key, default: []].append(entry)
    }

    private func evict(_ entry: Parked) {
        loop.unwatch(entry.connection.fd.raw)
        loop.remove(entry.id)
        parked[entry.connection.key]?.removeAll { $0 === entry }
        if parked[entry.connection.key]?.isEmpty == true { parked[entry.connection.key] = nil }
    }
}
