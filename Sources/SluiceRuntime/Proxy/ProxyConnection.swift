import CSluice
import Glibc
import SluiceEngine
import SluiceHTTP
import SluiceTLS

/// One client connection: reads requests, asks the engine, forwards to an origin or answers itself,
/// streams the response back, and hands CONNECT and WebSocket connections over to a `SpliceTunnel`.
/// Requests are handled one at a time; pipelined requests wait in `inbuf`, so answers stay in order.
final class ProxyConnection: EventHandler {
    enum Phase { case idle, inspecting, connecting, exchanging, closing, closed }

    static let highWater = 256 * 1024
    static let clientTag: UInt8 = 0
    static let upstreamTag: UInt8 = 1

    let loop: EventLoop
    let context: ProxyContext
    let client: FileDescriptor
    let clientAddress: String
    var id: UInt64 = 0

    var inbuf = ByteQueue()
    var outbuf = ByteQueue()
    var parser: RequestHeadParser
    /// Reused for every response on this connection (reset per exchange), like `parser` for requests.
    var responseParser = ResponseHeadParser()
    var phase = Phase.idle
    var exchange: Exchange?
    var upstream: UpstreamConnection?
    var clientEOF = false
    var draining = false
    /// After the current response the connection closes (client asked, HTTP/1.0 framing, an error, drain).
    var closeAfterResponse = false

    // Timers, checked on the loop's tick.
    var lastActivity = ContinuousClock.now
    var headStarted: ContinuousClock.Instant?
    var phaseStarted = ContinuousClock.now
    var connectGeneration = 0
    /// Addresses of the connect in progress, to try the next one when this one fails.
    var pendingAddresses: (addresses: [SocketAddress], index: Int)?
    var lastConnectError: SystemError?

    // TLS interception: set once the client's CONNECT was answered and its TLS is terminated here.
    var clientTLS: TLSLink?
    /// The session waiting for the plaintext "200 Connection established" to leave before it takes over.
    var pendingClientTLS: TLSLink?
    /// "host:port" of the intercepted CONNECT: every inner request is decided against it.
    var tunnelAuthority: String?
    var tunnelHost: String?
    /// The user the CONNECT authenticated as; inner requests carry no Proxy-Authorization.
    var tunnelUser: String?
    /// The last origin this client was routed to and its pool key.
    var lastRoute: (host: String, port: Int, tls: Bool, key: String)?
    private var clientInterest: UInt32 = 0
    private var parsing = false
    private var parseAgain = false

    init(loop: EventLoop, context: ProxyContext, client: FileDescriptor, clientAddress: String) {
        self.loop = loop
        self.context = context
        self.client = client
        self.clientAddress = clientAddress
        self.parser = RequestHeadParser(limits: context.configuration.limits)
    }

    func start() {
        id = loop.add(self)
        _ = csl_set_nodelay(client.raw)
        do {
            try loop.watch(client.raw, events: UInt32(CSL_EPOLLIN), id: id, tag: Self.clientTag)
            clientInterest = UInt32(CSL_EPOLLIN)
        } catch {
            close()
            return
        }
        context.stats.bump(context.stats.active)
    }

    // MARK: events

    func handle(events: UInt32, tag: UInt8) {
        if phase == .closed { return }
        lastActivity = .now
        if tag == Self.upstreamTag {
            upstreamEvent(events)
        } else {
            clientEvent(events)
        }
        if phase != .closed { updateInterest() }
    }

    private func clientEvent(_ events: UInt32) {
        if events & UInt32(CSL_EPOLLOUT) != 0 {
            flushClient()
            // Room again: buffered response bytes, or pipelined requests held back, can move on.
            if phase == .exchanging { pumpResponse() }
            if phase == .idle, !inbuf.isEmpty {
                parseNextRequest()
                closeIfClientDone()
            }
        }
        if phase == .closed { return }
        if events & UInt32(CSL_EPOLLIN | CSL_EPOLLHUP | CSL_EPOLLERR) != 0 {
            if !readClient() { return }
            process()
        }
    }

    /// Reads what the client sent; false when the connection was closed as a result.
    private func readClient() -> Bool {
        for _ in 0..<4 {
            let fd = client.raw
            let n = loop.readBuffer.withUnsafeMutableBytes { csl_read(fd, $0.baseAddress, $0.count) }
            if n == -Int(EAGAIN) { return true }
            if n < 0 {
                abort(note: SystemError("read from client", errno: Int32(-n)).description)
                return false
            }
            if n == 0 {
                clientEOF = true
                return clientClosed()
            }
            if let tls = clientTLS {
                if !receiveTLS(tls, loop.readBuffer[0..<n]) { return false }
            } else {
                inbuf.append(loop.readBuffer[0..<n])
            }
            if n < loop.readBuffer.count { return true }
        }
        return true
    }

    /// Decrypts client bytes into `inbuf`; false when the connection was closed as a result.
    func receiveTLS(_ tls: TLSLink, _ ciphertext: ArraySlice<UInt8>) -> Bool {
        do {
            let opened = try tls.receive(ciphertext, into: &inbuf)
            if opened, !clientHandshakeDone(tls) { return false }
        } catch {
            interceptionFailed(note: "client TLS: \(error)")
            return false
        }
        flushClient()
        if tls.state == .closed {
            clientEOF = true
            return clientClosed()
        }
        return phase != .closed
    }

    /// The client sent FIN. Between requests that is the normal end; inside one it aborts the exchange.
    private func clientClosed() -> Bool {
        switch phase {
        case .idle where inbuf.isEmpty, .closing:
            close()
            return false
        case .exchanging where exchange?.requestDone == true, .connecting where exchange?.requestDone == true:
            // Half-close after a complete request: still deliver the response (RFC 9112 §9.6), and answer the
            // pipelined requests already buffered; `closeIfClientDone` ends the connection after them.
            return true
        default:
            if phase == .idle {
                // A partial head and then EOF.
                close()
            } else {
                abort(note: "client closed the connection mid-request")
            }
            return false
        }
    }

    // MARK: the request state machine

    /// Advances whatever the buffered client bytes allow in the current phase.
    func process() {
        switch phase {
        case .idle:
            parseNextRequest()
        case .inspecting:
            collectInspectedBody()
        case .exchanging:
            pumpRequestBody()
            flushUpstream()
        case .connecting, .closing, .closed:
            break
        }
    }

    /// Parses and starts buffered requests one after another. A loop, not recursion: a client can
    /// pipeline thousands of requests the proxy answers itself, and each must not cost a stack frame.
    func parseNextRequest() {
        if parsing {
            parseAgain = true
            return
        }
        parsing = true
        defer { parsing = false }
        repeat {
            parseAgain = false
            // Answers the client is not reading yet stay bounded: resume when the socket drains.
            guard phase == .idle, pendingClientBytes < Self.highWater else { return }
            parseOneRequest()
        } while parseAgain
    }

    private func parseOneRequest() {
        if inbuf.isEmpty { headStarted = nil; return }
        if headStarted == nil { headStarted = .now }
        let result: (head: RequestHead, consumed: Int)?
        do {
            result = try parser.parse(inbuf.contiguous)
        } catch {
            rejectMalformed(error)
            return
        }
        guard let (head, consumed) = result else { return }
        inbuf.consume(consumed)
        parser.reset()
        headStarted = nil
        context.stats.bump(context.stats.requests)
        begin(head)
    }

    /// The client has sent FIN and every complete request it sent is answered: close once the answers are out.
    /// Not while answers are held back by the high-water mark, since a buffered request may still wait.
    func closeIfClientDone() {
        guard clientEOF, phase == .idle, pendingClientBytes < Self.highWater else { return }
        phase = .closing
        inbuf = ByteQueue()   // at most an incomplete head, which can never be finished now
        flushClient()
    }

    // MARK: writing

    func sendToClient(_ bytes: [UInt8]) {
        outbuf.append(bytes)
        if let exchange { exchange.responseStarted = true }
        flushClient()
    }

    /// Bytes accepted for the client and not yet on the socket.
    var pendingClientBytes: Int { outbuf.count + (clientTLS?.wire.count ?? 0) }

    func flushClient() {
        if let tls = clientTLS, !outbuf.isEmpty {
            do {
                try tls.send(outbuf.readable)
            } catch {
                abort(note: "TLS write to client: \(error)")
                return
            }
            outbuf.consume(outbuf.count)
        }
        let error: Int
        if let tls = clientTLS {
            error = write(client.raw, &tls.wire)
        } else {
            error = write(client.raw, &outbuf)
        }
        if error != 0 {
            abort(note: SystemError("write to client", errno: Int32(error)).description)
            return
        }
        if outbuf.isEmpty, let pending = pendingClientTLS {
            // The plaintext 200 is out: from here on the client speaks TLS.
            pendingClientTLS = nil
            clientTLS = pending
            let early = inbuf.takeAll()
            if !early.isEmpty, !receiveTLS(pending, early[...]) { return }
        }
        if pendingClientBytes == 0 {
            outbuf.shrinkIfEmpty()
            if phase == .closing { close() }
        }
    }

    /// Writes `queue` to `fd` until it is empty or the socket is full; returns 0 or the errno.
    func write(_ fd: Int32, _ queue: inout ByteQueue) -> Int {
        while !queue.isEmpty {
            let n = queue.readable.withUnsafeBytes { csl_write(fd, $0.baseAddress, $0.count) }
            if n == -Int(EAGAIN) { return 0 }
            if n < 0 { return -n }
            queue.consume(n)
        }
        return 0
    }

    func flushUpstream() {
        guard let upstream, upstream.connected else { return }
        if let tls = upstream.tls {
            if tls.isOpen, !upstream.outbuf.isEmpty {
                do {
                    try tls.send(upstream.outbuf.readable)
                } catch {
                    upstreamTLSFailed(error)
                    return
                }
                upstream.outbuf.consume(upstream.outbuf.count)
            }
            let error = write(upstream.fd.raw, &tls.wire)
            if error != 0 { upstreamFailed(SystemError("write to upstream", errno: Int32(error))); return }
        } else {
            let error = write(upstream.fd.raw, &upstream.outbuf)
            if error != 0 { upstreamFailed(SystemError("write to upstream", errno: Int32(error))); return }
        }
        if upstream.pendingBytes == 0, phase == .exchanging {
            if exchange?.requestDone == true, exchange?.response == nil { phaseStarted = .now }
            pumpRequestBody()
        }
    }

    // MARK: interest

    func updateInterest() {
        guard phase != .closed else { return }
        var clientEvents: UInt32 = 0
        if wantsClientRead { clientEvents |= UInt32(CSL_EPOLLIN) }
        if pendingClientBytes > 0 { clientEvents |= UInt32(CSL_EPOLLOUT) }
        if clientInterest != clientEvents {
            clientInterest = clientEvents
            loop.change(client.raw, events: clientEvents, id: id, tag: Self.clientTag)
        }
        if let upstream {
            var events: UInt32 = 0
            if !upstream.connected || upstream.pendingBytes > 0 { events |= UInt32(CSL_EPOLLOUT) }
            if upstream.connected && wantsUpstreamRead { events |= UInt32(CSL_EPOLLIN) }
            upstream.setInterest(events)
        }
    }

    /// Reading stays on while buffers are below the high-water mark, also while an answer is pending: the next
    /// pipelined request just waits in `inbuf`. So a keep-alive client costs no epoll_ctl per request.
    private var wantsClientRead: Bool {
        if clientEOF || inbuf.count >= Self.highWater { return false }
        switch phase {
        case .idle: return pendingClientBytes < Self.highWater
        case .inspecting: return true
        case .exchanging, .connecting:
            guard let exchange else { return false }
            return exchange.requestDone || (upstream?.pendingBytes ?? 0) < Self.highWater
        case .closing, .closed: return false
        }
    }

    private var wantsUpstreamRead: Bool {
        guard let exchange, !exchange.responseDone else { return false }
        if upstream?.tls?.isOpen == false { return true }   // handshake in progress
        return phase == .exchanging && pendingClientBytes < Self.highWater
    }

    /// A new upstream socket: registered once, its events come to this connection while it owns it.
    func watchUpstream(_ connection: UpstreamConnection, events: UInt32) -> Bool {
        connection.owner = self
        return connection.register(with: loop, events: events)
    }

    /// A pooled upstream stays registered; only its owner changes.
    func adoptPooledUpstream(_ connection: UpstreamConnection) {
        connection.owner = self
        upstream = connection
    }

    /// Drops this connection's hold on its upstream; returns it to the pool when `reusable`.
    func releaseUpstream(reusable: Bool) {
        guard let connection = upstream else { return }
        upstream = nil
        connection.owner = nil
        if !(reusable && loop.upstreams.put(connection)) { connection.close() }
    }
}
