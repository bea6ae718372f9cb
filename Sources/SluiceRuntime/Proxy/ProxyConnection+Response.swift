import SluiceEngine
import SluicePolicy
import SluiceAudit
import CSluice
import Glibc
import SluiceHTTP

extension ProxyConnection {
    func upstreamEvent(_ events: UInt32) {
        guard let upstream else { return }
        if !upstream.connected {
            // Connect finished, one way or the other (a refusal arrives as EPOLLERR|EPOLLHUP).
            let error = csl_socket_error(upstream.fd.raw)
            if error < 0 || events & UInt32(CSL_EPOLLERR | CSL_EPOLLHUP) != 0 {
                lastConnectError = SystemError("connect", errno: error < 0 ? -error : ECONNREFUSED)
                releaseUpstream(reusable: false)
                if let pending = pendingAddresses, pending.index + 1 < pending.addresses.count {
                    connect(to: pending.addresses, index: pending.index + 1)
                } else {
                    fail(status: 502, title: "Server unreachable",
                         message: "Sluice could not connect to \(exchange?.verdict?.host ?? "the server"): \(lastConnectError?.description ?? "refused").",
                         note: lastConnectError?.description ?? "connect failed")
                }
                return
            }
            upstreamConnected()
            return
        }
        if events & UInt32(CSL_EPOLLOUT) != 0 { flushUpstream() }
        if phase == .closed || self.upstream == nil { return }
        if events & UInt32(CSL_EPOLLIN | CSL_EPOLLHUP | CSL_EPOLLERR) != 0 { readUpstream() }
    }

    /// Reads the origin's bytes (bounded per event) and moves them towards the client.
    private func readUpstream() {
        guard let upstream else { return }
        let current = exchange
        for _ in 0..<4 {
            guard pendingClientBytes < Self.highWater else { break }
            let fd = upstream.fd.raw
            let n = loop.readBuffer.withUnsafeMutableBytes { csl_read(fd, $0.baseAddress, $0.count) }
            if n == -Int(EAGAIN) { break }
            if n < 0 {
                upstreamFailed(SystemError("read from upstream", errno: Int32(-n)))
                return
            }
            if n == 0 {
                upstreamEOF()
                return
            }
            if let tls = upstream.tls {
                do {
                    let opened = try tls.receive(loop.readBuffer[0..<n], into: &upstream.inbuf)
                    if opened { upstreamTLSReady() }
                } catch {
                    upstreamTLSFailed(error)
                    return
                }
                flushUpstream()
                if phase == .closed || self.upstream !== upstream { return }
                if tls.state == .closed { upstreamEOF(); return }
            } else {
                upstream.inbuf.append(loop.readBuffer[0..<n])
            }
            pumpResponse()
            if phase != .exchanging || exchange !== current || n < loop.readBuffer.count { return }
        }
        pumpResponse()
    }

    /// Parses the response head, then moves body bytes to the client by the response framing (RFC 9112 §6.3).
    func pumpResponse() {
        guard phase == .exchanging, let exchange, let upstream else { return }
        while exchange.response == nil {
            let parsed: (head: ResponseHead, consumed: Int)?
            do {
                parsed = try responseParser.parse(upstream.inbuf.contiguous)
            } catch {
                fail(status: 502, title: "Bad answer from the server", message: "The server sent a response Sluice cannot read.", note: "invalid upstream response: \(error)")
                return
            }
            guard let (head, consumed) = parsed else { return }
            upstream.inbuf.consume(consumed)
            responseParser.reset()
            if head.status == 101 {
                switchProtocols(head)
                return
            }
            if head.status < 200 {
                // Interim answers: 100 was already sent by the proxy itself; others (103) pass on to 1.1 clients.
                if head.status != 100, exchange.head.version == .http11 {
                    var interim = head
                    HopByHop.strip(&interim.headers)
                    sendToClient(interim.serialized())
                }
                continue
            }
            beginResponse(head)
        }
        moveResponseBody()
        // Head and body leave in one write: one send(2) per response, not one for the head and one for the body.
        if phase != .closed { flushClient() }
    }

    private func beginResponse(_ head: ResponseHead) {
        guard let exchange else { return }
        let framing = head.framing(requestMethod: exchange.head.method)
        if framing == .untilClose, head.headers.contains("Content-Length"), !head.headers.contains("Transfer-Encoding") {
            // RFC 9112 §6.3: a proxy must not pass on a response whose Content-Length it cannot trust.
            fail(status: 502, title: "Bad answer from the server", message: "The server sent an invalid Content-Length.",
                 note: "invalid upstream Content-Length")
            return
        }
        exchange.response = head
        exchange.status = head.status
        exchange.responseFraming = framing
        exchange.upstreamReusable = head.keepAlive
        // Forwarded without copying the header list: hop-by-hop fields are left out as the head is written.
        let named = HopByHop.connectionNamed(head.headers)
        var extra = [("Via", context.via)]
        let http11Client = exchange.head.version == .http11
        switch exchange.responseFraming {
        case .contentLength(let n):
            exchange.responseRemaining = n
        case .chunked:
            exchange.responseChunks = ChunkedDecoder()
            if http11Client { exchange.rechunk = true } else { closeAfterResponse = true }
        case .untilClose:
            exchange.upstreamReusable = false
            if http11Client { exchange.rechunk = true } else { closeAfterResponse = true }
        case .none:
            break
        }
        if exchange.rechunk { extra.append(("Transfer-Encoding", "chunked")) }
        if !exchange.requestDone { closeAfterResponse = true }   // the origin answered before the body ended
        if closeAfterResponse || draining {
            extra.append(("Connection", "close"))
        } else if !http11Client {
            extra.append(("Connection", "keep-alive"))
        }
        outbuf.append(head.serialized(omitting: { HopByHop.isHopByHop($0, named: named) }, adding: extra))
        exchange.responseStarted = true
        if case .none = exchange.responseFraming { responseComplete() }
    }

    private func moveResponseBody() {
        guard phase == .exchanging, let exchange, let upstream, exchange.response != nil, !exchange.responseDone else { return }
        while !upstream.inbuf.isEmpty, pendingClientBytes < Self.highWater, !exchange.responseDone {
            switch exchange.responseFraming {
            case .contentLength:
                let n = min(exchange.responseRemaining, upstream.inbuf.count)
                outbuf.append(upstream.inbuf.readable.prefix(n))
                upstream.inbuf.consume(n)
                exchange.responseRemaining -= n
                exchange.bytesDown += Int64(n)
                if exchange.responseRemaining == 0 { responseComplete() }
            case .chunked:
                var decoded: [UInt8] = []
                let result: (consumed: Int, finished: Bool)
                do {
                    result = try exchange.responseChunks!.decode(upstream.inbuf.readable, into: &decoded)
                } catch {
                    abort(note: "invalid chunked response from upstream: \(error)")
                    return
                }
                upstream.inbuf.consume(result.consumed)
                exchange.bytesDown += Int64(decoded.count)
                if !decoded.isEmpty {
                    // One chunk out per chunk-sized piece in: an event stream stays event by event.
                    outbuf.append(exchange.rechunk ? ChunkedEncoder.chunk(decoded[...]) : decoded)
                }
                if result.finished { responseComplete() }
                if result.consumed == 0 { break }
            case .untilClose:
                exchange.bytesDown += Int64(upstream.inbuf.count)
                let bytes = upstream.inbuf.takeAll()
                outbuf.append(exchange.rechunk ? ChunkedEncoder.chunk(bytes[...]) : bytes)
            case .none:
                responseComplete()
            }
        }
    }

    /// The whole response is in the client buffer.
    private func responseComplete() {
        guard let exchange, !exchange.responseDone else { return }
        exchange.responseDone = true
        if exchange.rechunk { outbuf.append(ChunkedEncoder.lastChunk) }
        if exchange.requestDone {
            finishExchange()
        } else {
            // The body the origin did not wait for cannot be skipped reliably: end after this response.
            closeAfterResponse = true
            finishExchange()
        }
    }

    /// A pooled connection the origin closed just as it was reused: an idempotent request without a body
    /// is sent again once on a fresh connection (RFC 9110 §9.2.2) instead of failing with 502.
    private func retryOnFreshConnection() -> Bool {
        guard let exchange, let upstream, upstream.reused, exchange.response == nil, !exchange.responseStarted,
              ["GET", "HEAD", "OPTIONS"].contains(exchange.head.method), exchange.head.framing == .none,
              let verdict = exchange.verdict else { return false }
        releaseUpstream(reusable: false)
        responseParser.reset()
        openUpstream(host: verdict.host, port: verdict.port, pooled: false)
        return true
    }

    private func upstreamEOF() {
        guard let exchange else { releaseUpstream(reusable: false); return }
        if retryOnFreshConnection() { return }
        if exchange.response == nil {
            fail(status: 502, title: "Server closed the connection",
                 message: "The server closed the connection without answering.", note: "upstream closed before responding")
            return
        }
        if case .untilClose = exchange.responseFraming {
            exchange.upstreamReusable = false
            responseComplete()
            flushClient()
            return
        }
        abort(note: "upstream closed mid-response")
    }

    func upstreamFailed(_ error: SystemError) {
        if retryOnFreshConnection() { return }
        if exchange?.response == nil {
            fail(status: 502, title: "Server connection failed", message: "The connection to the server failed: \(error).", note: error.description)
        } else {
            abort(note: error.description)
        }
    }

    /// A 101 from the origin: pass it on and turn both connections into one tunnel (WebSocket).
    private func switchProtocols(_ head: ResponseHead) {
        guard let exchange else { return }
        exchange.status = 101
        var headers = head.headers
        let upgrade = head.headers["Upgrade"]
        HopByHop.strip(&headers)
        headers.set("Connection", "Upgrade")
        if let upgrade { headers.set("Upgrade", upgrade) }
        headers.append("Via", context.via)
        outbuf.append(ResponseHead(status: 101, reason: head.reason, headers: headers).serialized())
        let record = auditRecord(exchange)
        let started = exchange.started
        let context = self.context
        self.exchange = nil
        becomeTunnel { up, down, error in
            var record = record
            record.bytesUp += up
            record.bytesDown += down
            record.durationMs = (ContinuousClock.now - started).milliseconds
            record.note = error
            context.record(record)
        }
    }

    /// The exchange is over: audit it, park the upstream, and serve the next request or close.
    func finishExchange() {
        guard let exchange else { return }
        context.record(auditRecord(exchange))
        let reusable = exchange.upstreamReusable && exchange.requestDone && exchange.responseDone && !draining
        releaseUpstream(reusable: reusable && upstream?.inbuf.isEmpty == true)
        self.exchange = nil
        if closeAfterResponse || draining {
            phase = .closing
            inbuf = ByteQueue()
            flushClient()
            return
        }
        phase = .idle
        lastActivity = .now
        // A pipelined request may already be waiting.
        if !inbuf.isEmpty { parseNextRequest() } else { inbuf.shrinkIfEmpty() }
        closeIfClientDone()
    }
}
