import Testing
import SluiceHTTP

/// Header field lines (RFC 9112 §5, RFC 9110 §5.5): strict syntax, OWS trimmed, duplicates kept in order.
@Suite struct FieldLineParserTests {
    static func headers(_ fields: String) throws -> HeaderList {
        try #require(try RequestHeadParser.parseWhole("GET / HTTP/1.1\r\n\(fields)\r\n")).head.headers
    }

    static func error(_ fields: String) -> HTTPParseError? {
        HTTPParseError.capture { () throws(HTTPParseError) in try RequestHeadParser.parseWhole("GET / HTTP/1.1\r\n\(fields)\r\n") }
    }

    @Test(arguments: [
        "Host: a\r\n X-Folded: b\r\n",
        "Host: a\r\n\tcontinued\r\n",
        " Host: a\r\n",
        "Host : a\r\n",
        "Host\t: a\r\n",
        ": no-name\r\n",
        "no-colon\r\n",
        "Ho st: a\r\n",
        "Ho\"st: a\r\n",
        "Hóst: a\r\n",
        "X-Nul: a\u{0}b\r\n",
        "X-CR: a\rb\r\n",
        "X-Del: a\u{7F}\r\n",
        "X-Ctl: a\u{1B}[31m\r\n",
        "X-VT: \u{0B}\r\n",
        "X\u{0}: a\r\n",
    ])
    func hostileFieldLineIsMalformed(fields: String) {
        let error = Self.error(fields)
        #expect(error?.code == .malformed, "\(fields.debugDescription)")
        #expect(error?.status == 400)
    }

    @Test func responseObsFoldIsMalformedToo() {
        let error = HTTPParseError.capture { () throws(HTTPParseError) in
            try ResponseHeadParser.parseWhole("HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n")
        }
        #expect(error?.code == .malformed)
    }

    @Test(arguments: [
        ("X: v", "v"), ("X:v", "v"), ("X:   v   ", "v"), ("X:\tv\t", "v"), ("X: a  b", "a  b"),
        ("X: a\tb", "a\tb"), ("X:", ""), ("X:    ", ""), ("X: caf\u{E9}", "caf\u{E9}"), ("X: \u{2603}", "\u{2603}"),
        ("X: a:b:c", "a:b:c"), ("X: \"quoted, value\"", "\"quoted, value\""),
    ])
    func valueHasOWSTrimmedAndKeepsObsText(line: String, value: String) throws {
        let headers = try Self.headers(line + "\r\n")
        #expect(headers["x"] == value)
    }

    @Test func nameKeepsItsOriginalSpelling() throws {
        let headers = try Self.headers("x-ReQuEsT-iD: 7\r\nHOST: a\r\n")
        #expect(headers.map(\.name) == ["x-ReQuEsT-iD", "HOST"])
        #expect(headers["X-Request-Id"] == "7")
        #expect(headers["host"] == "a")
    }

    @Test func duplicateFieldsAreKeptInOrder() throws {
        let headers = try Self.headers("Cookie: a=1\r\nAccept: x\r\ncookie: b=2\r\nCOOKIE: c=3\r\n")
        #expect(headers.count == 4)
        #expect(headers.values("Cookie") == ["a=1", "b=2", "c=3"])
        #expect(headers["Cookie"] == "a=1")
        #expect(headers.map(\.value) == ["a=1", "x", "b=2", "c=3"])
    }

    @Test(arguments: ["!#$%&'*+-.^_`|~09azAZ", "X-Custom_Name", "a"])
    func everyTokenCharacterIsAllowedInAName(name: String) throws {
        let headers = try Self.headers("\(name): v\r\n")
        #expect(headers[name] == "v")
    }
}
