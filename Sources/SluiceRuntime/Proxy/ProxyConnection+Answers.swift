import SluicePolicy
import Foundation
import SluiceAudit
import SluiceEngine
import SluiceHTTP

extension ProxyConnection {
    /// Sends a response the proxy made itself (block page, 407, 400 ...) and ends the exchange.
    func respond(_ response: LocalResponse) {
        guard let exchange else { return }
        exchange.status = response.status
        // A body the client is still sending would be read as the next request: close instead.
        if !exchange.requestDone { closeAfterResponse = true }
        var headers = HeaderList(response.headers)
        headers.set("Content-Length", String(response.body.count))
        if closeAfterResponse || draining { headers.set("Connection", "close") }
        var bytes = ResponseHead(status: response.status, headers: headers).serialized()
        bytes.append(contentsOf: exchange.head.method == "HEAD" ? [] : response.body)
        exchange.bytesDown += Int64(response.body.count)
        exchange.requestDone = true
        exchange.responseDone = true
        phase = .exchanging
        sendToClient(bytes)
        finishExchange()
    }

    /// A short readable page for the proxy's own answers.
    func respond(status: Int, title: String, message: String) {
        let html = exchange.map { wantsHTML($0.head) } ?? true
        let page = StatusPage.body(status: status, title: title, message: message, html: html)
        respond(LocalResponse(status: status, headers: [("Content-Type", page.contentType), ("Cache-Control", "no-store")], body: page.body))
    }

    /// An error before or during an exchange: answer with `status` if nothing was sent yet, then close.
    func fail(status: Int, title: String, message: String, note: String) {
        context.stats.bump(context.stats.errors)
        closeAfterResponse = true
        releaseUpstream(reusable: false)
        guard let exchange else {
            // No request yet (timeout on a partial head): answer and audit as an error.
            let page = StatusPage.response(status: status, title: title, message: message, html: true, close: true)
            context.record(errorRecord(status: status, note: note))
            phase = .closing
            outbuf.append(page)
            flushClient()
            return
        }
        exchange.note = note
        if exchange.responseStarted {
            abort(note: note)
            return
        }
        respond(status: status, title: title, message: message)
    }

    /// Ends everything now (the response is already under way, or the peer is gone).
    func abort(note: String) {
        if let exchange {
            exchange.note = exchange.note ?? note
            if exchange.status == nil { exchange.status = 0 }
            context.record(auditRecord(exchange))
            self.exchange = nil
        }
        close()
    }

    /// A request the parser refused: the right 4xx/5xx, then close (no guessing where the next request starts).
    func rejectMalformed(_ error: HTTPParseError) {
        context.stats.bump(context.stats.errors)
        let title: String
        switch error.status {
        case 431: title = "Request header fields too large"
        case 501: title = "Not implemented"
        case 505: title = "HTTP version not supported"
        default: title = "Bad request"
        }
        closeAfterResponse = true
        releaseUpstream(reusable: false)
        if let exchange {
            exchange.note = "malformed: \(error.detail)"
            if exchange.responseStarted { abort(note: "malformed body: \(error.detail)"); return }
            respond(status: error.status, title: title, message: error.detail)
            return
        }
        context.record(errorRecord(status: error.status, note: "malformed: \(error.detail)"))
        phase = .closing
        inbuf = ByteQueue()
        outbuf.append(StatusPage.response(status: error.status, title: title, message: error.detail, html: false, close: true))
        flushClient()
    }

    /// Origin-form requests are addressed to the proxy itself: a status page and a health check.
    func answerForProxyItself(_ exchange: Exchange) {
        guard case .origin(let target) = exchange.head.target else { return }
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        exchange.verdict = nil
        switch path {
        case "/healthz":
            let healthy = context.audit?.isHealthy ?? true
            let body = healthy ? "ok\n" : "audit log failing: \(context.audit?.lastError ?? "unknown")\n"
            respond(LocalResponse(status: healthy ? 200 : 503,
                                  headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")],
                                  body: Array(body.utf8)))
        case "/":
            let stats = context.stats
            respond(status: 200, title: "Sluice is running",
                    message: "This is a forward proxy; set it as your browser's proxy rather than opening it. "
                        + "Requests: \(stats.read(stats.requests)), tunnels: \(stats.read(stats.tunnels)), "
                        + "blocked: \(stats.read(stats.blocked)), active connections: \(stats.read(stats.active)).")
        default:
            respond(status: 404, title: "Not found", message: "This proxy serves no page at \(path).")
        }
    }

    func wantsHTML(_ head: RequestHead) -> Bool {
        guard let accept = head.headers["Accept"]?.lowercased() else { return false }
        return accept.contains("text/html")
    }

    // MARK: audit

    func auditRecord(_ exchange: Exchange) -> AuditRecord {
        let verdict = exchange.verdict
        // The verdict's path when there is one; otherwise the target's, without its query.
        var path = verdict?.path
        if path == nil {
            switch exchange.head.target {
            case .absolute(_, _, let target), .origin(let target):
                path = String(target[..<(target.utf8.firstIndex(of: UInt8(ascii: "?")) ?? target.endIndex)])
            default: break
            }
        }
        return AuditRecord(
            time: Date(), id: exchange.referenceID,
            event: exchange.head.method == "CONNECT" ? "connect" : "request",
            client: clientAddress, user: verdict?.user,
            method: exchange.head.method, scheme: exchange.scheme,
            host: verdict?.host, port: verdict?.port, path: path,
            action: exchange.actionOverride ?? verdict?.action.rawValue, rule: verdict?.rule, status: exchange.status,
            bytesUp: exchange.bytesUp, bytesDown: exchange.bytesDown,
            durationMs: (ContinuousClock.now - exchange.started).milliseconds,
            pii: exchange.pii.map { PIIEntry(type: $0.type, count: $0.count, action: $0.action, fingerprints: $0.fingerprints) },
            note: exchange.note)
    }

    func errorRecord(status: Int, note: String) -> AuditRecord {
        AuditRecord(time: Date(), id: context.newReferenceID(serial: loop.nextSerial()), event: "error", client: clientAddress,
                    status: status, note: note)
    }
}
