import Testing
import SluiceHTTP

/// Connection semantics derived from a request head (RFC 9112 §9.3, RFC 9110 §10.1.1, §7.8) and serialisation.
@Suite struct RequestHeadTests {
    static func head(_ version: String, _ fields: String) throws -> RequestHead {
        try #require(try RequestHeadParser.parseWhole("GET / \(version)\r\nHost: a\r\n\(fields)\r\n")).head
    }

    @Test(arguments: [
        ("HTTP/1.1", "", true), ("HTTP/1.1", "Connection: close\r\n", false), ("HTTP/1.1", "Connection: CLOSE\r\n", false),
        ("HTTP/1.1", "Connection: keep-alive, close\r\n", false), ("HTTP/1.1", "Connection: x\r\nConnection: close\r\n", false),
        ("HTTP/1.1", "Connection: closed\r\n", true), ("HTTP/1.2", "", true), ("HTTP/1.0", "", false),
        ("HTTP/1.0", "Connection: keep-alive\r\n", true), ("HTTP/1.0", "Connection: Keep-Alive\r\n", true),
        ("HTTP/1.0", "Keep-Alive: timeout=5\r\n", false), ("HTTP/1.0", "Connection: close\r\n", false),
    ])
    func keepAliveFollowsVersionAndConnection(version: String, fields: String, expected: Bool) throws {
        #expect(try Self.head(version, fields).keepAlive == expected)
    }

    @Test(arguments: [
        ("Expect: 100-continue\r\n", true), ("Expect: 100-Continue\r\n", true), ("Expect:  100-continue \r\n", true),
        ("Expect: 200-ok\r\n", false), ("Expect: 100-continue-x\r\n", false), ("", false),
    ])
    func expectsContinueOnlyFor100Continue(fields: String, expected: Bool) throws {
        #expect(try Self.head("HTTP/1.1", fields).expectsContinue == expected)
    }

    @Test(arguments: [
        ("Connection: Upgrade\r\nUpgrade: WebSocket\r\n", "websocket"),
        ("Connection: keep-alive, upgrade\r\nUpgrade: h2c, websocket\r\n", "h2c"),
        ("Upgrade: websocket\r\n", nil),
        ("Connection: upgrade\r\n", nil),
        ("Connection: close\r\nUpgrade: websocket\r\n", nil),
        ("", nil),
    ] as [(String, String?)])
    func upgradeNeedsConnectionUpgrade(fields: String, expected: String?) throws {
        #expect(try Self.head("HTTP/1.1", fields).upgrade == expected)
    }

    @Test func serialisedHeadUsesTheGivenTargetAndParsesBack() throws {
        let head = try #require(try RequestHeadParser.parseWhole(
            "POST http://a.example/v1?x=1 HTTP/1.1\r\nHost: a.example\r\nContent-Length: 3\r\nx-Dup: 1\r\nX-dup: 2\r\n\r\n")).head
        let bytes = head.serialized(target: "/v1?x=1")
        #expect(String(decoding: bytes, as: UTF8.self)
            == "POST /v1?x=1 HTTP/1.1\r\nHost: a.example\r\nContent-Length: 3\r\nx-Dup: 1\r\nX-dup: 2\r\n\r\n")
        var parser = RequestHeadParser()
        let again = try #require(try parser.parse(bytes))
        #expect(again.head.headers == head.headers)
        #expect(again.head.framing == .contentLength(3))
        #expect(again.consumed == bytes.count)
    }

    @Test(arguments: [
        (RequestTarget.origin("/p?q"), "/p?q"),
        (.absolute(scheme: "https", authority: "a.example:8443", pathAndQuery: "/x"), "https://a.example:8443/x"),
        (.authority("a.example:443"), "a.example:443"),
        (.asterisk, "*"),
    ])
    func memberwiseHeadDerivesRawTarget(target: RequestTarget, raw: String) {
        #expect(RequestHead(method: "GET", target: target, version: .http11, headers: HeaderList()).rawTarget == raw)
    }

    @Test(arguments: [
        ([("Content-Length", "12")], BodyFraming.contentLength(12)), ([("Content-Length", "0")], .none),
        ([("Content-Length", "junk")], .none), ([("Transfer-Encoding", "chunked")], .chunked), ([], .none),
    ])
    func memberwiseHeadDerivesFraming(fields: [(String, String)], expected: BodyFraming) {
        let head = RequestHead(method: "POST", target: .origin("/"), version: .http11, headers: HeaderList(fields))
        #expect(head.framing == expected)
    }

    /// A proxy forwards in its own version (RFC 9110 §6.2), and edited targets cannot split the request line.
    @Test func serialisesAsHTTP11WithAnEncodedTarget() {
        let head = RequestHead(method: "GET", target: .origin("/"), version: .http10, headers: HeaderList([("X", "a\r\nInjected: 1")]))
        #expect(String(decoding: head.serialized(target: "/a b\r\nX: y"), as: UTF8.self) == "GET /a%20b%0D%0AX:%20y HTTP/1.1\r\nX: a  Injected: 1\r\n\r\n")
        #expect(HTTPVersion.http11.description == "HTTP/1.1")
    }
}
