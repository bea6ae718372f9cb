import Testing
@testable import SluiceTLS

@Test func clientAndServerCompleteAHandshakeInMemory() throws {
    let pair = try SessionPair.make(host: "chat.example.com")
    #expect(!pair.client.isHandshakeComplete)
    try pair.handshake()
    #expect(pair.client.isHandshakeComplete)
    #expect(pair.server.isHandshakeComplete)
    #expect(pair.server.serverName == "chat.example.com")
    #expect(pair.client.negotiatedALPN == "http/1.1")
    #expect(pair.server.negotiatedALPN == "http/1.1")
    #expect(pair.server.negotiatedProtocol == "TLSv1.3")
    #expect(try pair.client.handshake() == .done)
}

/// TLS 1.2 clients (the floor) get the same SNI, ALPN and data path as TLS 1.3 ones.
@Test func tls12ClientCompletesAHandshake() throws {
    let pair = try SessionPair.make(host: "chat.example.com", onlyTLS12: true)
    try pair.handshake()
    #expect(pair.server.negotiatedProtocol == "TLSv1.2")
    #expect(pair.server.serverName == "chat.example.com")
    #expect(pair.server.negotiatedALPN == "http/1.1")
    let body = [UInt8](repeating: 0x7A, count: 70_000)
    #expect(try pair.send(body, from: pair.server, to: pair.client) == body)
}

@Test(arguments: [0, 1, 100, 16 * 1024, 16 * 1024 + 1, 1 << 20])
func plaintextCrossesInBothDirections(_ size: Int) throws {
    let pair = try SessionPair.make()
    try pair.handshake()
    let request = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    #expect(try pair.send(request, from: pair.client, to: pair.server) == request)
    let response = request.reversed() as [UInt8]
    #expect(try pair.send(response, from: pair.server, to: pair.client) == response)
}

@Test func ciphertextArrivingOneByteAtATimeStillDecrypts() throws {
    let pair = try SessionPair.make()
    try pair.handshake()
    let message = Array("GET / HTTP/1.1\r\nHost: chat.example.com\r\n\r\n".utf8)
    try pair.client.write(message[...])
    var received: [UInt8] = []
    for byte in pair.client.takeOutput() {
        pair.server.feed([byte])
        #expect(try pair.server.read(into: &received) == .wantRead)
    }
    #expect(received == message)
}

/// The runtime's domain-fronting check: the SNI must name the CONNECT host.
@Test(arguments: [
    ("chat.example.com", "chat.example.com", true),
    ("chat.example.com", "CHAT.example.com.", true),
    ("chat.example.com", "chat.deepseek.com", false),
    ("chat.example.com", "example.com", false),
    ("chat.example.com", "bad host", false),
])
func serverNameMustMatchTheConnectHost(_ sni: String, _ connectHost: String, _ matches: Bool) throws {
    let pair = try SessionPair.make(host: sni)
    try pair.handshake()
    #expect(pair.server.serverNameMatches(connectHost) == matches)
}

@Test func ipLiteralHostsUseAnIPSubjectAltName() throws {
    let pair = try SessionPair.make(host: "127.0.0.1")
    try pair.handshake()
    #expect(pair.server.serverName == nil)   // RFC 6066 §3: no SNI for IP literals
    #expect(pair.server.serverNameMatches("127.0.0.1"))
}

@Test func mismatchedIPLiteralFailsVerification() throws {
    let pair = try SessionPair.make(host: "127.0.0.1", serverName: "127.0.0.2")
    #expect(throws: TLSError(.verificationFailed, "")) { try pair.handshake() }
}

@Test func leafFromAnUntrustedAuthorityFailsVerification() throws {
    let pair = try SessionPair.make(trustTestCA: false)
    let error = #expect(throws: TLSError.self) { try pair.handshake() }
    #expect(error?.code == .verificationFailed)
    #expect(error?.verificationReason == "unable to get local issuer certificate")
}

/// A browser that does not trust Sluice's CA answers with an alert; the server side reports it so the runtime can
/// audit "client does not trust the CA" instead of a bare failure.
@Test func serverSeesTheAlertOfAClientThatDistrustsTheCA() throws {
    let pair = try SessionPair.make(trustTestCA: false)
    _ = try pair.client.handshake()
    pair.server.feed(pair.client.takeOutput())
    #expect(try pair.server.handshake() == .wantRead)
    pair.client.feed(pair.server.takeOutput())
    #expect(throws: TLSError(.verificationFailed, "")) { _ = try pair.client.handshake() }
    pair.server.feed(pair.client.takeOutput())   // the client's alert
    let error = #expect(throws: TLSError.self) { _ = try pair.server.handshake() }
    #expect(error?.code == .handshakeFailed)
    #expect(error?.detail.contains("unknown ca") == true, "\(String(describing: error))")
}

@Test func leafForAnotherHostFailsVerification() throws {
    let pair = try SessionPair.make(host: "chat.example.com", serverName: "bank.example.com")
    let error = #expect(throws: TLSError.self) { try pair.handshake() }
    #expect(error?.code == .verificationFailed)
    #expect(error?.verificationReason == "hostname mismatch")
}

@Test func expiredLeafFailsVerification() throws {
    let pair = try SessionPair.make(leafValidity: (-2 * 24 * 3600, -24 * 3600))
    let error = #expect(throws: TLSError.self) { try pair.handshake() }
    #expect(error?.code == .verificationFailed)
    #expect(error?.verificationReason == "certificate has expired")
}

/// A name-constrained CA refuses to mint outside its domains, before any handshake, so the runtime can tunnel or refuse.
@Test(arguments: ["bank.test", "example.com.evil.test", "notexample.com", "10.0.0.1"])
func nameConstrainedAuthorityRefusesOtherHostsBeforeTheHandshake(_ host: String) throws {
    let (authority, _) = try CertificateAuthority.make(permittedDomains: ["example.com"])
    let context = try TLSServerContext(authority: authority)
    let error = #expect(throws: TLSError.self) { try TLSSession.server(context: context, hostName: host) }
    #expect(error?.code == .certificate)
    #expect(error?.detail.contains("--permit") == true)
    #expect(context.cachedLeafCount == 0)
}

@Test(arguments: ["example.com", "chat.example.com", "a.b.example.com"])
func nameConstrainedAuthorityServesItsOwnDomains(_ host: String) throws {
    let (authority, directory) = try CertificateAuthority.make(permittedDomains: ["example.com"])
    let pair = try SessionPair.make(host: host, authority: authority, directory: directory)
    try pair.handshake()
}

@Test func closeNotifyEndsTheStreamCleanly() throws {
    let pair = try SessionPair.make()
    try pair.handshake()
    try pair.server.write(Array("bye".utf8))
    pair.server.shutdown()
    pair.client.feed(pair.server.takeOutput())
    pair.client.feedEOF()
    var received: [UInt8] = []
    #expect(try pair.client.read(into: &received) == .closed)
    #expect(received == Array("bye".utf8))
    #expect(try pair.client.read(into: &received) == .closed)
}

/// EOF without close_notify after data: the data is delivered, then the read fails as truncated.
@Test func eofWithoutCloseNotifyIsTruncation() throws {
    let pair = try SessionPair.make()
    try pair.handshake()
    try pair.server.write(Array("partial body".utf8))
    let ciphertext = pair.server.takeOutput()
    pair.client.feed(ciphertext.dropLast(5))   // the record is cut mid-way
    pair.client.feedEOF()
    var received: [UInt8] = []
    #expect(throws: TLSError(.truncated, "")) { try pair.client.read(into: &received) }
}

@Test func eofBetweenRecordsIsTruncation() throws {
    let pair = try SessionPair.make()
    try pair.handshake()
    try pair.server.write(Array("whole record".utf8))
    pair.client.feed(pair.server.takeOutput())
    pair.client.feedEOF()
    var received: [UInt8] = []
    #expect(throws: TLSError(.truncated, "")) { try pair.client.read(into: &received) }
    #expect(received == Array("whole record".utf8))
}

@Test(arguments: [
    Array("GET / HTTP/1.1\r\nHost: chat.example.com\r\n\r\n".utf8),
    Array("CONNECT chat.example.com:443 HTTP/1.1\r\n\r\n".utf8),
    [UInt8](repeating: 0, count: 64),
    [0x16, 0x03, 0x01, 0xFF, 0xFF] + [UInt8](repeating: 0x41, count: 32),   // handshake record, oversize length
    [0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00],            // truncated ClientHello body
    [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28],                              // an alert instead of a hello
])
func garbageInsteadOfAClientHelloFailsTheHandshake(_ garbage: [UInt8]) throws {
    let pair = try SessionPair.make()
    pair.server.feed(garbage)
    #expect(throws: TLSError(.handshakeFailed, "")) { _ = try pair.server.handshake() }
}

@Test func clientClosingMidHandshakeFailsTheHandshake() throws {
    let pair = try SessionPair.make()
    _ = try pair.client.handshake()
    let hello = pair.client.takeOutput()
    pair.server.feed(hello.prefix(hello.count / 2))
    #expect(try pair.server.handshake() == .wantRead)
    pair.server.feedEOF()
    #expect(throws: TLSError(.handshakeFailed, "")) { _ = try pair.server.handshake() }
}

@Test func emptyConnectionFailsTheHandshake() throws {
    let pair = try SessionPair.make()
    pair.server.feedEOF()
    #expect(throws: TLSError(.handshakeFailed, "")) { _ = try pair.server.handshake() }
}

@Test(arguments: [
    (["h2", "http/1.1"], "http/1.1"),
    (["http/1.1"], "http/1.1"),
    (["h2"], nil),
    (["spdy/3", "http/1.0"], nil),
    ([], nil),
] as [([String], String?)])
func alpnNegotiatesOnlyHTTP11(_ offered: [String], _ expected: String?) throws {
    let pair = try SessionPair.make(clientALPN: offered)
    try pair.handshake()
    #expect(pair.server.negotiatedALPN == expected)
    #expect(pair.client.negotiatedALPN == expected)
}

@Test func writingBeforeTheHandshakeIsAProtocolError() throws {
    let pair = try SessionPair.make()
    #expect(throws: TLSError(.protocolError, "")) { try pair.client.write(Array("early".utf8)) }
}

@Test func corruptedRecordIsAProtocolError() throws {
    let pair = try SessionPair.make()
    try pair.handshake()
    try pair.client.write(Array("hello".utf8))
    var ciphertext = pair.client.takeOutput()
    ciphertext[ciphertext.count - 3] ^= 0xFF
    pair.server.feed(ciphertext)
    var received: [UInt8] = []
    #expect(throws: TLSError(.protocolError, "")) { try pair.server.read(into: &received) }
    #expect(pair.server.hasPendingOutput)   // the bad_record_mac alert for the runtime to send
}
