import Testing
import SluiceHTTP

/// Line endings and hard limits (RFC 9112 §2.2, §3, §5), checked while the head is still arriving.
@Suite struct HeadScannerTests {
    static func limits(line: Int = 8192, bytes: Int = 65_536, count: Int = 100) -> HTTPLimits {
        var limits = HTTPLimits()
        limits.maxRequestLine = line
        limits.maxHeaderBytes = bytes
        limits.maxHeaderCount = count
        return limits
    }

    @Test func defaultLimitsAreTheDocumentedOnes() {
        let limits = HTTPLimits()
        #expect(limits.maxRequestLine == 8192)
        #expect(limits.maxHeaderBytes == 65_536)
        #expect(limits.maxHeaderCount == 100)
    }

    // MARK: Line endings

    @Test(arguments: [
        "GET / HTTP/1.1\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\n",
        "\nGET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n",
    ])
    func requestLineEndingOtherThanCRLFIsMalformed(text: String) {
        let error = HTTPParseError.capture { () throws(HTTPParseError) in try RequestHeadParser.parseWhole(text) }
        #expect(error?.code == .malformed, "\(text.debugDescription)")
        #expect(error?.status == 400)
    }

    @Test func bareLFIsRefusedBeforeTheHeadIsComplete() {
        var parser = RequestHeadParser()
        let error = HTTPParseError.capture { () throws(HTTPParseError) in try parser.parse(Array("GET / HTTP/1.1\n".utf8)) }
        #expect(error?.code == .malformed)
    }

    // MARK: Request line limit (431)

    @Test(arguments: [16, 100, 1000])
    func requestLineOverTheLimitIsRefused(limit: Int) {
        let target = "/" + String(repeating: "a", count: limit)
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try RequestHeadParser.parseWhole("GET \(target) HTTP/1.1\r\n\r\n", limits: Self.limits(line: limit))
        }
        #expect(error?.code == .requestLineTooLong)
        #expect(error?.status == 431)
    }

    @Test(arguments: [16, 100, 1000])
    func requestLineAtExactlyTheLimitParsesWholeAndInPieces(limit: Int) throws {
        let target = "/" + String(repeating: "a", count: limit - "GET  HTTP/1.1".utf8.count - 1)
        let text = "GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect("GET \(target) HTTP/1.1".utf8.count == limit)
        let limits = Self.limits(line: limit)
        let whole = try #require(try RequestHeadParser.parseWhole(text, limits: limits))
        let bytes = Array(text.utf8)
        var parser = RequestHeadParser(limits: limits)
        for end in 1..<bytes.count { #expect(try parser.parse(Array(bytes[..<end])) == nil) }
        #expect(try parser.parse(bytes)?.head == whole.head)
    }

    @Test func endlessRequestLineIsRefusedBeforeAnyCRLFArrives() {
        var parser = RequestHeadParser(limits: Self.limits(line: 64))
        var buffer = Array("GET /".utf8)
        var error: HTTPParseError?
        while error == nil, buffer.count < 1000 {
            buffer.append(UInt8(ascii: "a"))
            error = HTTPParseError.capture { () throws(HTTPParseError) in try parser.parse(buffer) }
        }
        #expect(error?.code == .requestLineTooLong)
        #expect(buffer.count <= 66)
    }

    @Test func endlessRequestLineWithDefaultLimitsIsRefusedAtOnce() {
        let buffer = Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 10_000)
        var parser = RequestHeadParser()
        let error = HTTPParseError.capture { () throws(HTTPParseError) in try parser.parse(buffer) }
        #expect(error?.code == .requestLineTooLong)
        #expect(error?.status == 431)
    }

    // MARK: Header section limits (431)

    @Test func headerSectionOverTheByteLimitIsRefused() {
        let fields = (0..<20).map { "X-Field-\($0): \(String(repeating: "v", count: 40))\r\n" }.joined()
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try RequestHeadParser.parseWhole("GET / HTTP/1.1\r\n\(fields)\r\n", limits: Self.limits(bytes: 512))
        }
        #expect(error?.code == .headersTooLarge)
        #expect(error?.status == 431)
    }

    @Test func endlessHeaderValueIsRefusedBeforeItsLineEnds() {
        var parser = RequestHeadParser(limits: Self.limits(bytes: 256))
        let buffer = Array("GET / HTTP/1.1\r\nX-Big: ".utf8) + [UInt8](repeating: UInt8(ascii: "v"), count: 300)
        let error = HTTPParseError.capture { () throws(HTTPParseError) in try parser.parse(buffer) }
        #expect(error?.code == .headersTooLarge)
    }

    @Test func headAtExactlyTheByteLimitParsesWholeAndInPieces() throws {
        let text = "GET / HTTP/1.1\r\nHost: a.example\r\nX-Pad: abcdef\r\n\r\n"
        let bytes = Array(text.utf8)
        let limits = Self.limits(bytes: bytes.count)
        let whole = try #require(try RequestHeadParser.parseWhole(text, limits: limits))
        var parser = RequestHeadParser(limits: limits)
        for end in 1..<bytes.count { #expect(try parser.parse(Array(bytes[..<end])) == nil, "prefix \(end)") }
        #expect(try parser.parse(bytes)?.head == whole.head)
        let over = HTTPParseError.capture { () throws(HTTPParseError) in
            try RequestHeadParser.parseWhole(text, limits: Self.limits(bytes: bytes.count - 1))
        }
        #expect(over?.code == .headersTooLarge)
    }

    @Test(arguments: [(5, 5, true), (5, 6, false), (0, 0, true), (0, 1, false), (100, 100, true), (100, 101, false)])
    func headerCountIsBounded(limit: Int, fields: Int, accepted: Bool) {
        let lines = (0..<fields).map { "X-\($0): v\r\n" }.joined()
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try RequestHeadParser.parseWhole("GET / HTTP/1.1\r\n\(lines)\r\n", limits: Self.limits(count: limit))
        }
        if accepted {
            #expect(error == nil)
        } else {
            #expect(error?.code == .tooManyHeaders)
            #expect(error?.status == 431)
        }
    }

    @Test func responseHeadIsBoundedToo() {
        let fields = (0..<10).map { "X-\($0): v\r\n" }.joined()
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try ResponseHeadParser.parseWhole("HTTP/1.1 200 OK\r\n\(fields)\r\n", limits: Self.limits(count: 3))
        }
        #expect(error?.code == .tooManyHeaders)
    }

    @Test func resetForgetsTheLinesOfTheLastHead() throws {
        var parser = RequestHeadParser()
        _ = try #require(try parser.parse(Array("GET /one HTTP/1.1\r\nA: 1\r\n\r\n".utf8)))
        parser.reset()
        let second = try #require(try parser.parse(Array("GET /two HTTP/1.1\r\n\r\n".utf8)))
        #expect(second.head.rawTarget == "/two")
        #expect(second.head.headers.count == 0)
    }
}
