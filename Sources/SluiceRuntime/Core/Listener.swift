import CSluice
import Glibc

/// A listening socket owned by one loop. Every loop binds its own socket to the same address with
/// SO_REUSEPORT, so the kernel spreads new connections over the loops without a shared accept queue.
final class Listener: EventHandler {
    private let loop: EventLoop
    private let context: ProxyContext
    private let socket: FileDescriptor
    private var id: UInt64 = 0
    let address: SocketAddress

    /// Binds and listens; `address` with port 0 picks a port, which `boundPort` reports.
    init(address: SocketAddress, loop: EventLoop, context: ProxyContext) throws(SystemError) {
        self.loop = loop
        self.context = context
        self.address = address
        socket = FileDescriptor(takingOwnership: try SystemError.check(csl_socket(address.family), "socket"))
        _ = try address.withSockAddr { addr, len throws(SystemError) in
            try SystemError.check(csl_listen_on(socket.raw, addr, len, 4096, 1), "listen on \(address)")
        }
    }

    var boundPort: Int { Int(csl_local_port(socket.raw)) }

    func start() throws(SystemError) {
        id = loop.add(self)
        try loop.watch(socket.raw, events: UInt32(CSL_EPOLLIN), id: id, tag: 0)
    }

    func handle(events: UInt32, tag: UInt8) {
        // Accept a bounded batch so one busy listener cannot starve the connections of this loop.
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(0)
            let fd = csl_accept(socket.raw, &storage, &length)
            if fd < 0 {
                // EAGAIN: drained. EMFILE and friends: try again on the next event rather than spin.
                return
            }
            let peer = withUnsafeBytes(of: &storage) { raw in
                SocketAddress(raw: raw.baseAddress!, length: Int(length))
            }
            context.stats.bump(context.stats.accepted)
            let connection = ProxyConnection(
                loop: loop, context: context,
                client: FileDescriptor(takingOwnership: fd),
                clientAddress: peer?.host ?? "unknown")
            connection.start()
        }
    }

    func tick(now: ContinuousClock.Instant) {}

    /// Stop accepting: close the socket so new connections go to no one (SIGTERM).
    func drain(deadline: ContinuousClock.Instant) {
        loop.unwatch(socket.raw)
        socket.close()
        loop.remove(id)
    }
}
