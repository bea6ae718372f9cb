import Foundation
import Testing
@testable import SluiceTLS

@Test func clientContextLoadsTheSystemTrustStoreAndAnExtraAnchor() throws {
    _ = try TLSClientContext()
    let (_, directory) = try CertificateAuthority.make()
    _ = try TLSClientContext(extraTrustPEMFile: directory + "/ca.pem")
}

@Test(arguments: ["/nonexistent/upstream-ca.pem", "garbage", "empty"])
func unusableUpstreamCAFileIsAConfigurationError(_ kind: String) throws {
    var path = kind
    if !kind.hasPrefix("/") {
        path = makeTemporaryDirectory() + "/upstream.pem"
        try (kind == "empty" ? "" : "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
            .write(toFile: path, atomically: false, encoding: .utf8)
    }
    let error = #expect(throws: TLSError.self) { try TLSClientContext(extraTrustPEMFile: path) }
    #expect(error?.code == .configuration)
    #expect(error?.detail.contains(path) == true)
}

/// The system store alone does not trust Sluice's test CA: the extra anchor is what makes the difference.
@Test func extraAnchorIsWhatTrustsAPrivateOrigin() throws {
    let (authority, directory) = try CertificateAuthority.make()
    let server = try TLSServerContext(authority: authority)
    for (extra, shouldPass) in [(nil, false), (directory + "/ca.pem", true)] as [(String?, Bool)] {
        let pair = SessionPair(
            client: try TLSSession.client(context: try TLSClientContext(extraTrustPEMFile: extra), serverName: "origin.test"),
            server: try TLSSession.server(context: server, hostName: "origin.test"), authority: authority, serverContext: server)
        if shouldPass { try pair.handshake() } else { #expect(throws: TLSError(.verificationFailed, "")) { try pair.handshake() } }
    }
}
