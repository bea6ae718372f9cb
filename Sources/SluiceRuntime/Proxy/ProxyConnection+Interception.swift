import Foundation
import SluiceAudit
import SluiceEngine
import SluiceHTTP
import SluiceTLS

extension ProxyConnection {
    /// Answers the CONNECT with 200 and terminates the client's TLS here with a leaf minted for the host;
    /// the requests inside are then parsed and decided one by one like plain HTTP.
    func startInterception(_ verdict: Verdict) {
        guard let exchange, let serverContext = context.tlsServer else { return }
        let session: TLSSession
        do {
            session = try TLSSession.server(context: serverContext, hostName: verdict.host)
        } catch {
            fail(status: 502, title: "Interception failed", message: "Sluice could not prepare a certificate for \(verdict.host).",
                 note: "leaf certificate: \(error)")
            return
        }
        context.stats.bump(context.stats.tunnels)
        exchange.status = 200
        exchange.note = "intercepted"
        context.record(auditRecord(exchange))
        self.exchange = nil
        tunnelAuthority = "\(verdict.host):\(verdict.port)"
        tunnelHost = verdict.host
        tunnelUser = verdict.user
        closeAfterResponse = false
        phase = .idle
        parser.reset()
        headStarted = nil
        pendingClientTLS = TLSLink(session: session)
        // The 200 leaves in plaintext; `flushClient` switches to TLS once it is out.
        outbuf.append(Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8))
        flushClient()
    }

    /// The client's handshake completed: refuse a TLS name that differs from the CONNECT host (no domain fronting).
    func clientHandshakeDone(_ tls: TLSLink) -> Bool {
        guard let sni = tls.session.serverName, let host = tunnelHost else { return true }
        if tls.session.serverNameMatches(host) { return true }
        interceptionFailed(note: "sni mismatch: CONNECT \(host), TLS server name \(sni)")
        return false
    }

    /// The intercepted client connection cannot go on: audit why and close.
    func interceptionFailed(note: String) {
        context.stats.bump(context.stats.errors)
        let record = AuditRecord(time: Date(), id: context.newReferenceID(serial: loop.nextSerial()), event: "tls", client: clientAddress,
                                 method: "CONNECT", scheme: "https", host: tunnelHost,
                                 port: tunnelAuthority.flatMap { $0.split(separator: ":").last.flatMap { Int($0) } },
                                 status: 0, note: note)
        context.record(record)
        if let exchange { exchange.note = note }
        abort(note: note)
    }

    /// The origin's TLS failed (often: its certificate could not be verified): a 502 that says so.
    func upstreamTLSFailed(_ error: TLSError) {
        let host = exchange?.verdict?.host ?? "the server"
        let reason: String
        switch error.code {
        case .verificationFailed:
            reason = "The certificate of \(host) could not be verified: \(error.verificationReason ?? error.detail). Sluice does not pass on connections it cannot verify."
        default: reason = "The secure connection to \(host) failed: \(error.detail)."
        }
        fail(status: 502, title: "Secure connection to the server failed", message: reason, note: "upstream TLS: \(error.detail)")
    }
}
