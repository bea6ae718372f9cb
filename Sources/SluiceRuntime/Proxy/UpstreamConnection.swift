import CSluice
import Glibc

/// The proxy's side of a connection to an origin server, owned by one client connection at a time
/// or parked idle in the loop's `UpstreamPool`.
///
/// It is its own epoll handler, registered once for its whole life: events go to whoever owns it now
/// (a `ProxyConnection`, or the pool, for which any event while idle means the origin closed it). So moving
/// a keep-alive connection between the pool and a client costs no epoll_ctl at all.
final class UpstreamConnection: EventHandler {
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

    /// The client connection using it; nil while parked.
    weak var owner: ProxyConnection?
    /// Set while parked in the pool.
    fileprivate weak var pool: UpstreamPool?
    fileprivate var parkedSince: ContinuousClock.Instant?
    private(set) var id: UInt64 = 0
    /// The epoll events currently registered.
    private(set) var interest: UInt32 = 0
    private unowned(unsafe) var loop: EventLoop?

    /// Bytes accepted for the origin and not yet on the socket.
    var pendingBytes: Int { outbuf.count + (tls?.wire.count ?? 0) }

    init(fd: FileDescriptor, key: String) {
        self.fd = fd
        self.key = key
    }

    /// Joins `loop`'s epoll set; false when the kernel refused.
    func register(with loop: EventLoop, events: UInt32) -> Bool {
        self.loop = loop
        id = loop.add(self)
        do {
            try loop.watch(fd.raw, events: events, id: id, tag: 0)
        } catch {
            loop.remove(id)
            return false
        }
        interest = events
        return true
    }

    /// Changes the registered events, if they differ.
    func setInterest(_ events: UInt32) {
        guard events != interest, let loop else { return }
        interest = events
        loop.change(fd.raw, events: events, id: id, tag: 0)
    }

    /// Leaves epoll and the loop; the descriptor stays open for a new owner (a tunnel).
    func detach() {
        guard let loop else { return }
        loop.unwatch(fd.raw)
        loop.remove(id)
        self.loop = nil
    }

    /// Closes the socket; close(2) also ends its epoll registration.
    func close() {
        loop?.remove(id)
        loop = nil
        fd.close()
    }

    func handle(events: UInt32, tag: UInt8) {
        if let owner {
            owner.handle(events: events, tag: ProxyConnection.upstreamTag)
        } else if let pool {
            pool.evict(self)   // readable or hung up while idle: the origin closed it
        }
    }

    func tick(now: ContinuousClock.Instant) {
        if let pool, let since = parkedSince, now - since > UpstreamPool.idleLimit { pool.evict(self) }
    }

    func drain(deadline: ContinuousClock.Instant) {
        if let pool { pool.evict(self) }
    }

    /// A parked connection is alive if it has nothing to read and no EOF (the origin closes idle ones).
    var looksAlive: Bool {
        var byte: UInt8 = 0
        let n = recv(fd.raw, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
}

/// Idle keep-alive connections to origins, per loop and per host:port. A parked connection stays watched
/// for reading, so an origin closing it frees it at once instead of failing the next request.
final class UpstreamPool {
    static let idleLimit: Duration = .seconds(30)
    /// A connection parked this briefly is trusted without a peek: an origin's close would already have
    /// arrived as an event, and idempotent requests are retried on a stale one anyway.
    static let peekAfter: Duration = .seconds(1)

    private var parked: [String: [UpstreamConnection]] = [:]
    var maxPerKey = 16

    /// Takes a live idle connection to `key`, if any; the caller becomes its owner.
    func take(_ key: String) -> UpstreamConnection? {
        guard var entries = parked[key] else { return nil }
        defer { parked[key] = entries.isEmpty ? nil : entries }
        var now: ContinuousClock.Instant?
        while let connection = entries.popLast() {
            let since = connection.parkedSince
            connection.pool = nil
            connection.parkedSince = nil
            let checked = now ?? .now
            now = checked
            if let since, checked - since < Self.peekAfter || connection.looksAlive {
                connection.reused = true
                return connection
            }
            connection.close()
        }
        return nil
    }

    /// Parks a connection whose last exchange ended cleanly; false when the pool will not keep it and the
    /// caller must close it.
    func put(_ connection: UpstreamConnection) -> Bool {
        guard connection.inbuf.isEmpty, connection.pendingBytes == 0, (parked[connection.key]?.count ?? 0) < maxPerKey else { return false }
        connection.inbuf.shrinkIfEmpty()
        connection.outbuf.shrinkIfEmpty()
        connection.owner = nil
        connection.pool = self
        connection.parkedSince = .now
        connection.setInterest(UInt32(CSL_EPOLLIN))
        parked[connection.key, default: []].append(connection)
        return true
    }

    fileprivate func evict(_ connection: UpstreamConnection) {
        connection.pool = nil
        connection.parkedSince = nil
        parked[connection.key]?.removeAll { $0 === connection }
        if parked[connection.key]?.isEmpty == true { parked[connection.key] = nil }
        connection.close()
    }
}
