import SluicePolicy
import SluiceAudit
import CSluice
import Foundation
import Glibc
import SluiceEngine
import SluiceHTTP
import SluiceTLS

extension ProxyConnection {
    /// A complete request head arrived: ask the engine, then answer, tunnel or forward.
    func begin(_ head: RequestHead) {
        let engine = context.engine
        let request = EngineRequest(
            method: head.method,
            target: head.rawTarget,
            hostHeaders: head.headers.values("Host"),
            tunnelAuthority: tunnelAuthority,
            clientIP: clientAddress,
            proxyAuthorization: head.headers["Proxy-Authorization"],
            accept: head.headers["Accept"],
            acceptLanguage: head.headers["Accept-Language"],
            contentType: head.headers["Content-Type"],
            authenticatedUser: tunnelUser)
        let exchange = Exchange(head: head, referenceID: context.newReferenceID(serial: loop.nextSerial()), engine: engine, request: request)
        self.exchange = exchange
        responseParser.reset()
        if !head.keepAlive { closeAfterResponse = true }

        if let audit = context.audit, !audit.acceptsTraffic {
            // fail closed: no decision may go unrecorded.
            exchange.note = "refused: audit log failing"
            respond(status: 503, title: "Proxy unavailable", message: "The audit log cannot be written, so Sluice refuses traffic until an administrator fixes it.")
            return
        }
        if tunnelAuthority == nil, case .origin = head.target {
            answerForProxyItself(exchange)
            return
        }
        if case .asterisk = head.target {
            respond(status: 400, title: "Bad request", message: "OPTIONS * is not forwarded by this proxy.")
            return
        }
        switch engine.decide(request, referenceID: exchange.referenceID, now: Date()) {
        case .respond(let response, let verdict):
            exchange.verdict = verdict
            if head.method == "CONNECT", let verdict, verdict.intercept, context.tlsServer != nil {
                // A denied host under interception: terminate TLS so the block page shows inside it.
                startInterception(verdict)
                return
            }
            if response.status == 403 { context.stats.bump(context.stats.blocked) }
            respond(response)
        case .tunnel(let verdict):
            exchange.verdict = verdict
            exchange.scheme = "https"
            if verdict.intercept, context.tlsServer != nil {
                startInterception(verdict)
            } else {
                openUpstream(host: verdict.host, port: verdict.port, pooled: false)
            }
        case .forward(let verdict):
            exchange.verdict = verdict
            if case .absolute(let scheme, _, _) = head.target { exchange.scheme = scheme }
            if tunnelAuthority != nil { exchange.scheme = "https" }
            guard exchange.scheme == "http" || tunnelAuthority != nil else {
                // https:// in absolute form would need the proxy to originate TLS for a plaintext client.
                respond(status: 400, title: "Use CONNECT for HTTPS",
                        message: "Send https:// requests through a CONNECT tunnel (set the proxy for HTTPS too).")
                return
            }
            if head.expectsContinue, !exchange.requestDone {
                // The decision is made on the head, so the proxy itself invites the body (RFC 9110 §10.1.1).
                outbuf.append(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                flushClient()
            }
            if verdict.inspectBody, !exchange.requestDone {
                exchange.inspecting = true
                phase = .inspecting
                phaseStarted = .now
                collectInspectedBody()
            } else {
                openUpstream(host: verdict.host, port: verdict.port, pooled: true)
            }
        }
    }

    // MARK: bodies the engine inspects before anything leaves

    /// Buffers the request body for inspection, within the policy's limit, then lets the engine decide.
    func collectInspectedBody() {
        guard let exchange, let verdict = exchange.verdict else { return }
        do {
            try drainRequestBody(into: &exchange.inspectBuffer, encodeChunks: false)
        } catch {
            rejectMalformed(error)
            return
        }
        let limit = exchange.engine.policy.redaction.maxInspectBytes
        let contentType = exchange.head.headers["Content-Type"]
        if exchange.inspectBuffer.count > limit {
            let inspection = exchange.engine.oversizedBody(exchange.request, verdict: verdict, contentType: contentType)
            exchange.note = inspection.note
            if case .respond(let response) = inspection.decision {
                exchange.actionOverride = "block"
                closeAfterResponse = true
                respond(response)
                return
            }
            // pass_and_log: what was buffered goes first, the rest streams uninspected.
            exchange.inspecting = false
            exchange.prefix = exchange.inspectBuffer
            exchange.inspectBuffer = []
            openUpstream(host: verdict.host, port: verdict.port, pooled: true)
            return
        }
        guard exchange.requestDone else { return }
        let inspection = exchange.engine.inspectBody(exchange.request, verdict: verdict, body: exchange.inspectBuffer,
                                                     contentType: contentType, contentEncoding: exchange.head.headers["Content-Encoding"])
        exchange.note = inspection.note
        exchange.pii = inspection.findings.map { finding in
            PIIFinding(type: finding.type, count: finding.count, action: finding.action,
                       fingerprints: context.fingerprint.map { fingerprint in finding.values.map(fingerprint) } ?? [])
        }
        exchange.dropContentEncoding = inspection.dropContentEncoding
        switch inspection.decision {
        case .respond(let response):
            // The request was refused at the body stage: the audit line says so, whatever the host's action.
            exchange.actionOverride = inspection.note == "model rule" ? "deny" : "block"
            if response.status == 403 { context.stats.bump(context.stats.blocked) }
            respond(response)
        case .forward(let replacement):
            if let replacement { exchange.inspectBuffer = replacement }
            openUpstream(host: verdict.host, port: verdict.port, pooled: true)
        }
    }

    /// Moves request body bytes from `inbuf` to `sink` by the request's framing (RFC 9112 §6):
    /// Content-Length counts down, chunked is decoded and, when `encodeChunks`, re-chunked for the origin.
    func drainRequestBody(into sink: inout [UInt8], encodeChunks: Bool) throws(HTTPParseError) {
        guard let exchange, !exchange.requestDone else { return }
        switch exchange.requestFraming {
        case .contentLength:
            let n = min(exchange.requestRemaining, inbuf.count)
            sink.append(contentsOf: inbuf.readable.prefix(n))
            inbuf.consume(n)
            exchange.requestRemaining -= n
            exchange.bytesUp += Int64(n)
            if exchange.requestRemaining == 0 { exchange.requestDone = true }
        case .chunked:
            var decoded: [UInt8] = []
            let (consumed, finished) = try exchange.requestChunks!.decode(inbuf.readable, into: &decoded)
            inbuf.consume(consumed)
            exchange.bytesUp += Int64(decoded.count)
            if encodeChunks {
                sink.append(contentsOf: ChunkedEncoder.chunk(decoded[...]))
                if finished { sink.append(contentsOf: ChunkedEncoder.lastChunk) }
            } else {
                sink.append(contentsOf: decoded)
            }
            if finished { exchange.requestDone = true }
        case .none, .untilClose:
            exchange.requestDone = true
        }
    }

    /// Streams the request body to the origin while the origin keeps up.
    func pumpRequestBody() {
        guard let exchange, !exchange.requestDone, let upstream, upstream.connected else { return }
        while !inbuf.isEmpty, !exchange.requestDone, upstream.pendingBytes < Self.highWater {
            var chunk: [UInt8] = []
            do {
                try drainRequestBody(into: &chunk, encodeChunks: true)
            } catch {
                rejectMalformed(error)
                return
            }
            if chunk.isEmpty, !exchange.requestDone { break }
            upstream.outbuf.append(chunk)
        }
        if exchange.requestDone, exchange.responseDone { finishExchange() }
    }

    // MARK: the upstream connection

    /// Routes through --connect-to, reuses a pooled connection or resolves and connects a new one.
    func openUpstream(host: String, port: Int, pooled: Bool) {
        guard let exchange else { return }
        let target = context.configuration.connectTo.route(host: host, port: port)
        let tls = tunnelAuthority != nil && exchange.head.method != "CONNECT"
        if let last = lastRoute, last.host == host, last.port == port, last.tls == tls {
            exchange.upstreamKey = last.key   // keep-alive clients ask for the same origin again and again
        } else {
            var key = target.host.utf8.contains(UInt8(ascii: ":")) ? "[\(target.host)]:\(target.port)" : "\(target.host):\(target.port)"
            if tls { key = "tls:\(key)/\(host)" }   // one TLS session per origin name
            exchange.upstreamKey = key
            lastRoute = (host, port, tls, key)
        }
        if pooled, let connection = loop.upstreams.take(exchange.upstreamKey) {
            adoptPooledUpstream(connection)
            upstreamConnected()
            return
        }
        phase = .connecting
        phaseStarted = .now
        connectGeneration += 1
        if let literal = SocketAddress(ip: target.host, port: target.port) {
            connect(to: [literal], index: 0)
            return
        }
        let handle = loop.handle
        let id = self.id
        let generation = connectGeneration
        context.resolver.resolve(host: target.host, port: target.port) { result in
            handle.execute { loop in
                loop.deliverResolution(to: id, generation: generation, result: result)
            }
        }
    }

    func resolved(_ result: Result<[SocketAddress], ResolveError>, generation: Int) {
        guard phase == .connecting, generation == connectGeneration else { return }
        switch result {
        case .success(let addresses):
            connect(to: addresses, index: 0)
        case .failure(let error):
            fail(status: 502, title: "Server not found",
                 message: "Sluice could not find the server \(exchange?.verdict?.host ?? ""): \(error.reason).",
                 note: "\(error)")
        }
        updateInterest()
    }

    /// Starts a non-blocking connect to `addresses[index]`; the next address is tried on failure.
    func connect(to addresses: [SocketAddress], index: Int) {
        guard let exchange, index < addresses.count else {
            fail(status: 502, title: "Server unreachable", message: "Sluice could not connect to \(exchange?.verdict?.host ?? "the server").",
                 note: "upstream connect failed")
            return
        }
        let address = addresses[index]
        let fd = csl_socket(address.family)
        guard fd >= 0 else {
            fail(status: 502, title: "Server unreachable", message: "No socket for the upstream connection.", note: SystemError("socket", errno: -fd).description)
            return
        }
        let connection = UpstreamConnection(fd: FileDescriptor(takingOwnership: fd), key: exchange.upstreamKey)
        let result = address.withSockAddr { csl_connect(fd, $0, $1) }
        if result < 0, result != -EINPROGRESS {
            connection.fd.close()
            lastConnectError = SystemError("connect to \(address)", errno: -result)
            connect(to: addresses, index: index + 1)
            return
        }
        _ = csl_set_nodelay(fd)
        pendingAddresses = (addresses, index)
        upstream = connection
        guard watchUpstream(connection, events: UInt32(CSL_EPOLLOUT)) else {
            fail(status: 502, title: "Server unreachable", message: "Internal error while connecting.", note: "epoll_ctl failed")
            return
        }
        if result == 0 {
            connection.connected = true
            upstreamConnected()
        }
    }

    /// The TCP connection to the origin is up: tunnel for CONNECT, otherwise send the request.
    func upstreamConnected() {
        guard let exchange, let upstream, let verdict = exchange.verdict else { return }
        upstream.connected = true
        pendingAddresses = nil
        if exchange.head.method == "CONNECT" {
            context.stats.bump(context.stats.tunnels)
            exchange.status = 200
            outbuf.append(Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8))
            let started = exchange.started
            let context = self.context
            let record = auditRecord(exchange)
            becomeTunnel { up, down, error in
                var record = record
                record.bytesUp = up
                record.bytesDown = down
                record.durationMs = (ContinuousClock.now - started).milliseconds
                record.note = error
                context.record(record)
            }
            self.exchange = nil
            return
        }
        phase = .exchanging
        phaseStarted = .now
        if tunnelAuthority != nil, upstream.tls == nil {
            // Intercepted HTTPS: the origin gets its own verified TLS session; the request waits for it.
            guard let clientContext = context.tlsClient else { return }
            do throws(TLSError) {
                let link = TLSLink(session: try TLSSession.client(context: clientContext, serverName: verdict.host))
                upstream.tls = link
                try link.start()
            } catch {
                upstreamTLSFailed(error)
                return
            }
            flushUpstream()
            return
        }
        sendRequest(exchange, verdict: verdict, to: upstream)
    }

    /// The upstream TLS handshake finished: the request can go.
    func upstreamTLSReady() {
        guard let exchange, let upstream, let verdict = exchange.verdict else { return }
        sendRequest(exchange, verdict: verdict, to: upstream)
    }

    private func sendRequest(_ exchange: Exchange, verdict: Verdict, to upstream: UpstreamConnection) {
        upstream.outbuf.append(upstreamHead(exchange, verdict: verdict))
        if exchange.inspecting {
            upstream.outbuf.append(exchange.inspectBuffer)
            exchange.inspectBuffer = []
        } else if !exchange.prefix.isEmpty {
            // Buffered before the body turned out too large to inspect: re-framed as the request was.
            if case .chunked = exchange.requestFraming {
                upstream.outbuf.append(ChunkedEncoder.chunk(exchange.prefix[...]))
                if exchange.requestDone { upstream.outbuf.append(ChunkedEncoder.lastChunk) }
            } else {
                upstream.outbuf.append(exchange.prefix)
            }
            exchange.prefix = []
        }
        pumpRequestBody()
        flushUpstream()
    }

    /// The head sent to the origin: origin-form target, hop-by-hop fields removed, Host from the URI, Via added.
    /// Written straight from the received head: left-out fields are skipped, replaced ones appended.
    func upstreamHead(_ exchange: Exchange, verdict: Verdict) -> [UInt8] {
        let head = exchange.head
        let upgrade = head.upgrade != nil ? head.headers["Upgrade"] : nil
        let named = HopByHop.connectionNamed(head.headers)
        var extra: [(String, String)] = []
        var target = "/"
        var replacesHost = false
        if case .absolute(_, let authority, let pathAndQuery) = head.target {
            target = pathAndQuery
            // Userinfo never goes to the origin: the host starts after the last "@" (RFC 3986 §3.2).
            let bytes = authority.utf8
            let hostPart = bytes.lastIndex(of: UInt8(ascii: "@")).map { String(authority[bytes.index(after: $0)...]) } ?? authority
            extra.append(("Host", hostPart))
            replacesHost = true
        } else if case .origin(let pathAndQuery) = head.target {
            target = pathAndQuery   // inside an intercepted tunnel; the engine checked Host against the CONNECT
        }
        if let forwardTarget = verdict.forwardTarget { target = forwardTarget }
        extra.append(("Via", context.via))
        let inspected = exchange.inspecting
        let dropEncoding = inspected && exchange.dropContentEncoding
        if inspected {
            extra.append(("Content-Length", String(exchange.inspectBuffer.count)))
        } else if case .chunked = exchange.requestFraming {
            extra.append(("Transfer-Encoding", "chunked"))
        }
        if let upgrade {
            extra.append(("Connection", "Upgrade"))
            extra.append(("Upgrade", upgrade))
        }
        return head.serialized(target: target, omitting: { name in
            HopByHop.isHopByHop(name, named: named) || name.equalsIgnoringASCIICase("Expect")
                || (replacesHost && name.equalsIgnoringASCIICase("Host"))
                || (inspected && name.equalsIgnoringASCIICase("Content-Length"))
                || (dropEncoding && name.equalsIgnoringASCIICase("Content-Encoding"))
        }, adding: extra)
    }
}

extension EventLoop {
    /// Passes a resolver answer to the connection that asked, if it is still here.
    func deliverResolution(to id: UInt64, generation: Int, result: Result<[SocketAddress], ResolveError>) {
        guard let connection = handler(id) as? ProxyConnection else { return }
        connection.resolved(result, generation: generation)
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
