import Testing
import SluiceHTTP

/// RFC 9112 §4 status lines from origins: lenient where the RFC allows (bare LF), strict elsewhere.
@Suite struct ResponseHeadParserTests {
    @Test(arguments: [
        ("HTTP/1.1 200 OK", 200, "OK", HTTPVersion.http11),
        ("HTTP/1.1 404 Not Found Here At All", 404, "Not Found Here At All", .http11),
        ("HTTP/1.1 204 ", 204, "", .http11),
        ("HTTP/1.1 204", 204, "", .http11),
        ("HTTP/1.0 200 OK", 200, "OK", .http10),
        ("HTTP/1.1 100 Continue", 100, "Continue", .http11),
        ("HTTP/1.1 599 Custom", 599, "Custom", .http11),
        ("HTTP/1.1 200 caf\u{E9} \t ok", 200, "caf\u{E9} \t ok", .http11),
        ("HTTP/1.2 200 OK", 200, "OK", .http11),
    ])
    func statusLineFormIsParsed(line: String, status: Int, reason: String, version: HTTPVersion) throws {
        let parsed = try #require(try ResponseHeadParser.parseWhole("\(line)\r\nContent-Length: 0\r\n\r\n"))
        #expect(parsed.head.status == status)
        #expect(parsed.head.reason == reason)
        #expect(parsed.head.version == version)
    }

    @Test(arguments: [
        ("HTTP/1.1 20 OK", HTTPParseError.Code.malformed), ("HTTP/1.1 2000 OK", .malformed), ("HTTP/1.1 abc OK", .malformed),
        ("HTTP/1.1  200 OK", .malformed), ("HTTP/1.1 099 Low", .malformed), ("HTTP/1.1 000 Zero", .malformed),
        ("HTP/1.1 200 OK", .malformed), ("HTTP/1.1200 OK", .malformed), ("HTTP/1.1 200\tOK", .malformed),
        ("HTTP/2 200 OK", .malformed), ("http/1.1 200 OK", .malformed), ("HTTP/1.1", .malformed),
        ("HTTP/1.1 -20 OK", .malformed), ("HTTP/1.1 +20 OK", .malformed), ("ICY 200 OK", .malformed),
        ("HTTP/2.0 200 OK", .versionNotSupported), ("HTTP/3.0 200 OK", .versionNotSupported),
    ])
    func hostileStatusLineIsRefused(line: String, code: HTTPParseError.Code) {
        let error = HTTPParseError.capture { () throws(HTTPParseError) in try ResponseHeadParser.parseWhole("\(line)\r\n\r\n") }
        #expect(error?.code == code, "\(line)")
    }

    @Test(arguments: ["HTTP/1.1 200 OK\rX-Injected: 1", "HTTP/1.1 200 O\u{0}K", "HTTP/1.1 200 OK\u{7F}", "HTTP/1.1 200 \u{1B}[2J",
                      "HTTP/1.1 200 OK\r"])
    func reasonWithControlCharacterIsMalformed(line: String) {
        // A bare CR in the reason would reach the client through serialized() and split the response.
        let error = HTTPParseError.capture { () throws(HTTPParseError) in try ResponseHeadParser.parseWhole("\(line)\r\n\r\n") }
        #expect(error?.code == .malformed, "\(line.debugDescription)")
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\nContent-Length: 5\n\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\n\r\n",
        "HTTP/1.1 200 OK\nContent-Length: 5\r\n\n",
    ])
    func bareLFIsAcceptedFromOrigins(text: String) throws {
        let parsed = try #require(try ResponseHeadParser.parseWhole(text + "hello"))
        #expect(parsed.head.status == 200)
        #expect(parsed.head.reason == "OK")
        #expect(parsed.head.headers["content-length"] == "5")
        #expect(parsed.consumed == text.utf8.count)
    }

    @Test func transferEncodingDropsContentLength() throws {
        let parsed = try #require(try ResponseHeadParser.parseWhole(
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"))
        #expect(!parsed.head.headers.contains("Content-Length"))
        #expect(parsed.head.framing(requestMethod: "GET") == .chunked)
    }

    @Test func controlCharacterInAResponseFieldIsMalformed() {
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try ResponseHeadParser.parseWhole("HTTP/1.1 200 OK\r\nSet-Cookie: a=\u{0}b\r\n\r\n")
        }
        #expect(error?.code == .malformed)
    }

    static let validResponses = [
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.0 302 Found\nLocation: /x\nSet-Cookie: a=1\nSet-Cookie: b=2\n\n",
        "HTTP/1.1 204\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
    ]

    @Test(arguments: validResponses)
    func feedingEveryPrefixGivesTheSameHeadAsTheWhole(text: String) throws {
        let bytes = Array(text.utf8)
        let whole = try #require(try ResponseHeadParser.parseWhole(text))
        for split in 0..<bytes.count {
            var parser = ResponseHeadParser()
            for end in stride(from: 1, through: split, by: 1) { #expect(try parser.parse(Array(bytes[..<end])) == nil) }
            let result = try #require(try parser.parse(bytes))
            #expect(result.head == whole.head)
            #expect(result.consumed == bytes.count)
        }
    }

    @Test func headFollowedByBodyStopsAtTheHeadEnd() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 26\r\n\r\n"
        var parser = ResponseHeadParser()
        let parsed = try #require(try parser.parse(Array((head + "HTTP/1.1 500 Not a head\r\n\r\n").utf8)))
        #expect(parsed.consumed == head.utf8.count)
        #expect(parsed.head.status == 200)
    }

    @Test func resetAllowsTheNextResponseOnTheSameConnection() throws {
        var parser = ResponseHeadParser()
        let interim = try #require(try parser.parse(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)))
        #expect(interim.head.status == 100)
        parser.reset()
        let final = try #require(try parser.parse(Array("HTTP/1.1 201 Created\r\n\r\n".utf8)))
        #expect(final.head.status == 201)
    }
}
