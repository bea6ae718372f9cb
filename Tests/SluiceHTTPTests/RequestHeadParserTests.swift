import Testing
import SluiceHTTP

/// RFC 9112 §3 request line, §3.2 targets, §2.3 versions and §6 framing, with hostile inputs.
@Suite struct RequestHeadParserTests {
    // MARK: Methods

    @Test(arguments: [
        ("GET", "/"), ("HEAD", "/"), ("POST", "/submit"), ("PUT", "/x"), ("DELETE", "/x"),
        ("OPTIONS", "/"), ("TRACE", "/"), ("PATCH", "/x"), ("CONNECT", "a.example:443"),
    ])
    func knownMethodIsParsedAsSent(method: String, target: String) throws {
        let parsed = try #require(try RequestHeadParser.parseWhole("\(method) \(target) HTTP/1.1\r\nHost: a.example\r\n\r\n"))
        #expect(parsed.head.method == method)
        #expect(parsed.head.rawTarget == target)
    }

    @Test(arguments: ["get", "Get", "PROPFIND", "BREW", "M-SEARCH", "FOO", "CONNECTX", "X"])
    func unknownMethodTokenIsNotImplemented(method: String) {
        let error = RequestHeadParser.error(requestLine: "\(method) / HTTP/1.1")
        #expect(error?.code == .methodNotImplemented)
        #expect(error?.status == 501)
    }

    @Test(arguments: ["GE(T", "G\"ET", "GE,T", "G{T}", "GÉT", "GE\u{7F}T", "GE\u{0}T", "GE/T", "G:T", "GET\u{0B}"])
    func methodWithNonTokenCharacterIsMalformed(method: String) {
        let error = RequestHeadParser.error(requestLine: "\(method) / HTTP/1.1")
        #expect(error?.code == .malformed)
        #expect(error?.status == 400)
    }

    // MARK: Targets

    @Test(arguments: [
        ("GET", "/", RequestTarget.origin("/")),
        ("GET", "/a/b?c=d&e", .origin("/a/b?c=d&e")),
        ("GET", "/%7Euser/", .origin("/%7Euser/")),
        ("GET", "http://a.example/x", .absolute(scheme: "http", authority: "a.example", pathAndQuery: "/x")),
        ("GET", "HTTP://A.Example/x", .absolute(scheme: "http", authority: "A.Example", pathAndQuery: "/x")),
        ("POST", "HtTpS://a.example", .absolute(scheme: "https", authority: "a.example", pathAndQuery: "/")),
        ("GET", "http://a.example?q=1", .absolute(scheme: "http", authority: "a.example", pathAndQuery: "/?q=1")),
        ("GET", "http://a.example:8080/p?q", .absolute(scheme: "http", authority: "a.example:8080", pathAndQuery: "/p?q")),
        ("GET", "http://user:pw@a.example/p", .absolute(scheme: "http", authority: "user:pw@a.example", pathAndQuery: "/p")),
        ("GET", "http://[::1]:8080/x", .absolute(scheme: "http", authority: "[::1]:8080", pathAndQuery: "/x")),
        ("CONNECT", "a.example:443", .authority("a.example:443")),
        ("CONNECT", "[::1]:8443", .authority("[::1]:8443")),
        ("CONNECT", "10.0.0.1:1", .authority("10.0.0.1:1")),
        ("CONNECT", "a.example:65535", .authority("a.example:65535")),
        ("OPTIONS", "*", .asterisk),
        ("OPTIONS", "/", .origin("/")),
    ])
    func targetFormIsRecognised(method: String, raw: String, expected: RequestTarget) throws {
        let parsed = try #require(try RequestHeadParser.parseWhole("\(method) \(raw) HTTP/1.1\r\nHost: a.example\r\n\r\n"))
        #expect(parsed.head.target == expected)
        #expect(parsed.head.rawTarget == raw)
    }

    @Test(arguments: [
        ("GET", "/a#frag"), ("GET", "/#"), ("GET", "http://a.example/#f"), ("GET", "http://a.example#f"),
        ("GET", "ftp://a.example/"), ("GET", "file:///etc/passwd"), ("GET", "ws://a.example/"),
        ("GET", "http:///x"), ("GET", "http://"), ("GET", "http://?q"), ("GET", "http:/a.example/"),
        ("GET", "a.example/x"), ("GET", "a.example:443"), ("GET", "*"), ("POST", "*"), ("CONNECT", "*"),
        ("GET", "/caf\u{E9}"), ("GET", "/a\u{7F}"), ("GET", "/a\u{1}b"),
        ("CONNECT", "a.example"), ("CONNECT", "a.example:0"), ("CONNECT", "a.example:70000"),
        ("CONNECT", "a.example:443/path"), ("CONNECT", ":443"), ("CONNECT", "a.example:"),
        ("CONNECT", "user@a.example:443"), ("CONNECT", "a.example:+443"), ("CONNECT", "a.example:-1"),
        ("CONNECT", "a.example:44x"), ("CONNECT", "http://a.example:443"), ("CONNECT", "/"),
        ("CONNECT", "a.example:99999999999999999999"),
    ])
    func hostileTargetIsMalformed(method: String, raw: String) {
        let error = RequestHeadParser.error(requestLine: "\(method) \(raw) HTTP/1.1")
        #expect(error?.code == .malformed, "\(method) \(raw)")
        #expect(error?.status == 400)
    }

    // MARK: Versions

    @Test(arguments: [
        ("HTTP/1.0", HTTPVersion.http10), ("HTTP/1.1", .http11), ("HTTP/1.2", .http11), ("HTTP/1.9", .http11),
    ])
    func http1VersionGetsItsSemantics(text: String, expected: HTTPVersion) throws {
        let parsed = try #require(try RequestHeadParser.parseWhole("GET / \(text)\r\nHost: a.example\r\n\r\n"))
        #expect(parsed.head.version == expected)
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/3.0", "HTTP/2", "HTTP/3", "HTTP/0.9", "HTTP/9.9"])
    func otherMajorVersionIsNotSupported(text: String) {
        let error = RequestHeadParser.error(requestLine: "GET / \(text)")
        #expect(error?.code == .versionNotSupported)
        #expect(error?.status == 505)
    }

    @Test(arguments: ["http/1.1", "HTTP/1", "HTTP/1.", "HTTP/11", "HTTP/1.1.1", "HTTP/a.b", "HTTPS/1.1",
                      "HTTP/1.10", "HTTP/10.0", "HTTP/", "HTTP", "1.1", "HTTP\\1.1", "HTTP/1,1", "HTTP/1.1\u{0}"])
    func garbageVersionIsMalformed(text: String) {
        let error = RequestHeadParser.error(requestLine: "GET / \(text)")
        #expect(error?.code == .malformed, "\(text)")
        #expect(error?.status == 400)
    }

    // MARK: Request-line shape

    @Test(arguments: ["GET  / HTTP/1.1", "GET /  HTTP/1.1", " GET / HTTP/1.1", "GET / HTTP/1.1 ", "GET\t/\tHTTP/1.1",
                      "GET / HTTP/1.1 extra", "GET /HTTP/1.1", "GET", "GET /", "/ HTTP/1.1", "GET / a HTTP/1.1",
                      "GET\u{0}/ HTTP/1.1", "GET /\rHTTP/1.1"])
    func requestLineWithoutExactlyTwoSingleSpacesIsMalformed(line: String) {
        let error = RequestHeadParser.error(requestLine: line)
        #expect(error?.code == .malformed, "\(line.debugDescription)")
        #expect(error?.status == 400)
    }

    @Test(arguments: [1, 2, 8])
    func leadingEmptyLinesAreSkippedAndCounted(count: Int) throws {
        let text = String(repeating: "\r\n", count: count) + "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"
        let parsed = try #require(try RequestHeadParser.parseWhole(text))
        #expect(parsed.head.method == "GET")
        #expect(parsed.consumed == text.utf8.count)
    }

    @Test func tooManyLeadingEmptyLinesAreMalformed() {
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try RequestHeadParser.parseWhole(String(repeating: "\r\n", count: 9) + "GET / HTTP/1.1\r\n\r\n")
        }
        #expect(error?.code == .malformed)
    }

    @Test func aHeadWithoutHeaderFieldsParses() throws {
        let parsed = try #require(try RequestHeadParser.parseWhole("GET / HTTP/1.0\r\n\r\n"))
        #expect(parsed.head.headers.count == 0)
        #expect(parsed.head.framing == BodyFraming.none)
    }

    // MARK: Framing (§6.1–6.3)

    @Test(arguments: [
        ("Content-Length: 5\r\n", BodyFraming.contentLength(5)),
        ("Content-Length: 0\r\n", .none),
        ("Content-Length: 00\r\n", .none),
        ("Content-Length: 5, 5\r\n", .contentLength(5)),
        ("Content-Length: 5\r\nContent-Length: 5\r\n", .contentLength(5)),
        ("Content-Length:  7 \r\n", .contentLength(7)),
        ("Content-Length: 999999999999999999\r\n", .contentLength(999_999_999_999_999_999)),
        ("Transfer-Encoding: chunked\r\n", .chunked),
        ("Transfer-Encoding: CHUNKED\r\n", .chunked),
        ("Transfer-Encoding: gzip, chunked\r\n", .chunked),
        ("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", .chunked),
        ("", .none),
    ])
    func validFramingIsDerived(fields: String, expected: BodyFraming) throws {
        let parsed = try #require(try RequestHeadParser.parseWhole("POST / HTTP/1.1\r\nHost: a.example\r\n\(fields)\r\n"))
        #expect(parsed.head.framing == expected)
    }

    @Test(arguments: [
        ("Content-Length: 5, 6\r\n", HTTPParseError.Code.invalidContentLength),
        ("Content-Length: 5\r\nContent-Length: 6\r\n", .invalidContentLength),
        ("Content-Length: +5\r\n", .invalidContentLength),
        ("Content-Length: -1\r\n", .invalidContentLength),
        ("Content-Length: 0x5\r\n", .invalidContentLength),
        ("Content-Length:  5 5\r\n", .invalidContentLength),
        ("Content-Length: 5,\r\n", .invalidContentLength),
        ("Content-Length: ,5\r\n", .invalidContentLength),
        ("Content-Length: \r\n", .invalidContentLength),
        ("Content-Length: 5.0\r\n", .invalidContentLength),
        ("Content-Length: 1e3\r\n", .invalidContentLength),
        ("Content-Length: \u{663}\r\n", .invalidContentLength),
        ("Content-Length: 12345678901234567890\r\n", .invalidContentLength),
        ("Content-Length: 9223372036854775808\r\n", .invalidContentLength),
        ("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", .conflictingFraming),
        ("Transfer-Encoding: chunked\r\nContent-Length: 0\r\n", .conflictingFraming),
        ("Transfer-Encoding: chunked, gzip\r\n", .conflictingFraming),
        ("Transfer-Encoding: gzip\r\n", .conflictingFraming),
        ("Transfer-Encoding: chunked, chunked\r\n", .conflictingFraming),
        ("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", .conflictingFraming),
        ("Transfer-Encoding: \r\n", .conflictingFraming),
        ("Transfer-Encoding: xchunked\r\n", .conflictingFraming),
        ("Transfer-Encoding: chunked;q=1\r\n", .conflictingFraming),
    ])
    func hostileFramingIsRefused(fields: String, code: HTTPParseError.Code) {
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try RequestHeadParser.parseWhole("POST / HTTP/1.1\r\nHost: a.example\r\n\(fields)\r\n")
        }
        #expect(error?.code == code, "\(fields.debugDescription)")
        #expect(error?.status == 400)
    }

    @Test func transferEncodingInHTTP10IsConflicting() {
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try RequestHeadParser.parseWhole("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")
        }
        #expect(error?.code == .conflictingFraming)
        #expect(error?.status == 400)
    }

    // MARK: Incremental parsing and pipelining

    static let validRequests = [
        "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n",
        "\r\nGET http://a.example/x?y=1 HTTP/1.1\r\nHost: a.example\r\nAccept: */*\r\nAccept: text/html\r\n\r\n",
        "POST /v1/chat HTTP/1.1\r\nHost: api.example\r\nContent-Length: 11\r\nContent-Type: application/json\r\n\r\n",
        "CONNECT chat.example:443 HTTP/1.1\r\nHost: chat.example:443\r\nProxy-Connection: keep-alive\r\n\r\n",
        "PUT /u HTTP/1.0\r\nConnection: keep-alive\r\nX-Obs: caf\u{E9}\r\nTransfer-Encoding-Not: x\r\n\r\n",
        "POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\nExpect: 100-continue\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: a.example\r\nX-Empty:\r\n\r\n",
    ]

    @Test(arguments: validRequests)
    func feedingEveryPrefixGivesTheSameHeadAsTheWhole(text: String) throws {
        let bytes = Array(text.utf8)
        let whole = try #require(try RequestHeadParser.parseWhole(text))
        #expect(whole.consumed == bytes.count)
        var parser = RequestHeadParser()
        for end in 1...bytes.count {
            let result = try parser.parse(Array(bytes[..<end]))
            if end < bytes.count {
                #expect(result == nil, "prefix of \(end) bytes completed early")
            } else {
                #expect(result?.head == whole.head)
                #expect(result?.consumed == whole.consumed)
            }
        }
    }

    @Test(arguments: validRequests)
    func splittingAtEveryPositionGivesTheSameHeadAsTheWhole(text: String) throws {
        let bytes = Array(text.utf8)
        let whole = try #require(try RequestHeadParser.parseWhole(text))
        for split in 0..<bytes.count {
            var parser = RequestHeadParser()
            let first = try parser.parse(Array(bytes[..<split]))
            #expect(first == nil)
            let second = try #require(try parser.parse(bytes), "split at \(split)")
            #expect(second.head == whole.head)
            #expect(second.consumed == whole.consumed)
            #expect(second.head.headers.map(\.name) == whole.head.headers.map(\.name))
        }
    }

    /// Bytes that break HTTP framing when they land in the wrong place.
    static let hostileBytes: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x20, 0x3A, 0x2C, 0x7F, 0xFF, 0x30]

    @Test(arguments: validRequests)
    func everyHostileByteAtEveryPositionParsesTheSameWholeAndByteByByte(text: String) {
        let original = Array(text.utf8)
        for position in 0..<original.count {
            for byte in Self.hostileBytes {
                var bytes = original
                bytes[position] = byte
                var once = RequestHeadParser()
                let whole = Self.outcome { () throws(HTTPParseError) in try once.parse(bytes) }
                var parser = RequestHeadParser()
                var pieces: Outcome = .incomplete
                for end in 1...bytes.count {
                    pieces = Self.outcome { () throws(HTTPParseError) in try parser.parse(Array(bytes[..<end])) }
                    if pieces != .incomplete { break }
                }
                #expect(pieces == whole, "byte \(byte) at \(position) of \(text.debugDescription)")
            }
        }
    }

    /// What one parse call ended in, comparable across ways of feeding the bytes.
    enum Outcome: Equatable {
        case incomplete
        case head(RequestHead, Int)
        case error(HTTPParseError.Code)
    }

    static func outcome(_ body: () throws(HTTPParseError) -> (head: RequestHead, consumed: Int)?) -> Outcome {
        do {
            guard let result = try body() else { return .incomplete }
            return .head(result.head, result.consumed)
        } catch {
            return .error(error.code)
        }
    }

    @Test(arguments: validRequests)
    func pipelinedRequestStopsConsumingAtTheFirstHeadEnd(text: String) throws {
        let second = "GET /second HTTP/1.1\r\nHost: b.example\r\n\r\n"
        let bytes = Array((text + "hello world" + second).utf8)
        var parser = RequestHeadParser()
        let first = try #require(try parser.parse(bytes))
        #expect(first.consumed == text.utf8.count)
        parser.reset()
        let bodyLength = "hello world".utf8.count
        let next = try #require(try parser.parse(Array(bytes[(first.consumed + bodyLength)...])))
        #expect(next.head.rawTarget == "/second")
        #expect(next.consumed == second.utf8.count)
    }

    @Test func fieldLinesAreValidatedOnceTheHeadIsComplete() {
        var parser = RequestHeadParser()
        let partial = Array("GET / HTTP/1.1\r\nHost: a.example\r\nBad Name: x\r\n".utf8)
        let error = HTTPParseError.capture { () throws(HTTPParseError) in try parser.parse(partial) }
        // Field lines are validated once the head is complete; before that the prefix is just incomplete.
        #expect(error == nil)
        let complete = partial + Array("\r\n".utf8)
        #expect(HTTPParseError.capture { () throws(HTTPParseError) in try parser.parse(complete) }?.code == .malformed)
    }
}
