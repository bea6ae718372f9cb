import Testing
@testable import SluiceTLS

/// A client and a server session joined back to back in memory, like two ends of a socket.
struct SessionPair {
    let client: TLSSession
    let server: TLSSession
    let authority: CertificateAuthority
    let serverContext: TLSServerContext

    /// Server presents a leaf for `host`; the client dials `serverName`, trusting only `trust` (the test CA by default).
    static func make(
        host: String = "chat.example.com", serverName: String? = nil, authority: CertificateAuthority? = nil,
        directory: String? = nil, trustTestCA: Bool = true, clientALPN: [String] = ["http/1.1"],
        leafValidity: (notBefore: Int, notAfter: Int) = (-3600, 7 * 24 * 3600), onlyTLS12: Bool = false
    ) throws -> SessionPair {
        let (authority, directory) = try authority.map { ($0, directory!) } ?? CertificateAuthority.make()
        let serverContext = try TLSServerContext(authority: authority, leafCacheSize: 16, leafValidity: leafValidity)
        let clientContext = try TLSClientContext(
            extraTrustPEMFile: trustTestCA ? directory + "/ca.pem" : nil, alpnProtocols: clientALPN, useSystemTrust: !trustTestCA,
            onlyTLS12: onlyTLS12)
        return SessionPair(
            client: try TLSSession.client(context: clientContext, serverName: serverName ?? host),
            server: try TLSSession.server(context: serverContext, hostName: host),
            authority: authority, serverContext: serverContext)
    }

    /// Shuttles handshake bytes both ways until both sides are done (bounded: a TLS handshake needs ~3 flights).
    func handshake() throws(TLSError) {
        for _ in 0..<10 {
            let clientStep = try client.handshake()
            server.feed(client.takeOutput())
            let serverStep = try server.handshake()
            client.feed(server.takeOutput())
            if clientStep == .done, serverStep == .done, !client.hasPendingOutput, !server.hasPendingOutput { return }
        }
        throw TLSError(.handshakeFailed, "handshake did not finish in 10 round trips")
    }

    /// Writes `plaintext` on `from`, delivers the ciphertext to `to`, and returns what `to` decrypted.
    func send(_ plaintext: [UInt8], from: TLSSession, to: TLSSession) throws(TLSError) -> [UInt8] {
        try from.write(plaintext)
        to.feed(from.takeOutput())
        var received: [UInt8] = []
        #expect(try to.read(into: &received) == .wantRead)
        return received
    }
}
