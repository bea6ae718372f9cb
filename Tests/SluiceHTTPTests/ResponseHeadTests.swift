import Testing
import SluiceHTTP

/// Response body framing (RFC 9112 §6.3), persistence (§9.3) and serialisation.
@Suite struct ResponseHeadTests {
    @Test(arguments: [
        ("HEAD", 200, [("Content-Length", "42")], BodyFraming.none),
        ("HEAD", 200, [("Transfer-Encoding", "chunked")], .none),
        ("GET", 100, [("Content-Length", "42")], .none),
        ("GET", 101, [], .none),
        ("GET", 199, [], .none),
        ("GET", 204, [("Content-Length", "42")], .none),
        ("GET", 304, [("Content-Length", "42")], .none),
        ("CONNECT", 200, [("Content-Length", "42")], .none),
        ("CONNECT", 299, [], .none),
        ("CONNECT", 407, [("Content-Length", "10")], .contentLength(10)),
        ("GET", 200, [("Transfer-Encoding", "chunked")], .chunked),
        ("GET", 200, [("Transfer-Encoding", "gzip, Chunked")], .chunked),
        ("GET", 200, [("Transfer-Encoding", "chunked, gzip")], .untilClose),
        ("GET", 200, [("Transfer-Encoding", "gzip")], .untilClose),
        ("GET", 200, [("Transfer-Encoding", "chunked"), ("Content-Length", "5")], .chunked),
        ("GET", 200, [("Content-Length", "5")], .contentLength(5)),
        ("GET", 200, [("Content-Length", "0")], .contentLength(0)),
        ("GET", 200, [("Content-Length", "5, 5")], .contentLength(5)),
        ("GET", 200, [("Content-Length", "5"), ("Content-Length", "5")], .contentLength(5)),
        ("GET", 200, [("Content-Length", "5, 6")], .untilClose),
        ("GET", 200, [("Content-Length", "-1")], .untilClose),
        ("GET", 200, [("Content-Length", "0x5")], .untilClose),
        ("GET", 200, [("Content-Length", "12345678901234567890")], .untilClose),
        ("GET", 200, [], .untilClose),
        ("POST", 500, [], .untilClose),
        ("GET", 205, [("Content-Length", "0")], .contentLength(0)),
    ])
    func framingFollowsMethodStatusAndFields(method: String, status: Int, fields: [(String, String)], expected: BodyFraming) {
        let head = ResponseHead(status: status, headers: HeaderList(fields))
        #expect(head.framing(requestMethod: method) == expected, "\(method) \(status) \(fields)")
    }

    @Test(arguments: [
        (HTTPVersion.http11, "", true), (.http11, "close", false), (.http11, "Keep-Alive, CLOSE", false),
        (.http11, "keep-alive", true), (.http10, "", false), (.http10, "keep-alive", true), (.http10, "Keep-Alive", true),
        (.http10, "close", false),
    ])
    func keepAliveFollowsVersionAndConnection(version: HTTPVersion, connection: String, expected: Bool) {
        let headers = connection.isEmpty ? HeaderList() : HeaderList([("Connection", connection)])
        #expect(ResponseHead(status: 200, version: version, headers: headers).keepAlive == expected)
    }

    @Test(arguments: [(200, "OK"), (404, "Not Found"), (502, "Bad Gateway"), (799, "Status 799")])
    func missingReasonDefaultsToTheStandardPhrase(status: Int, reason: String) {
        #expect(ResponseHead(status: status).reason == reason)
    }

    @Test func serialisedHeadIsHTTP11AndParsesBack() throws {
        let head = ResponseHead(status: 404, reason: "Gone Fishing", version: .http10,
                                headers: HeaderList([("Content-Length", "0"), ("X-A", "1"), ("x-a", "2")]))
        let bytes = head.serialized()
        #expect(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 404 Gone Fishing\r\nContent-Length: 0\r\nX-A: 1\r\nx-a: 2\r\n\r\n")
        let parsed = try #require(try ResponseHeadParser.parseWhole(String(decoding: bytes, as: UTF8.self)))
        #expect(parsed.head.status == 404)
        #expect(parsed.head.reason == "Gone Fishing")
        #expect(parsed.head.headers == head.headers)
    }
}
