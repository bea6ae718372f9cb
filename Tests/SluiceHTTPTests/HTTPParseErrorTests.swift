import Testing
import SluiceHTTP

/// Every parse error maps to the status the proxy answers with; equality is by code only.
@Suite struct HTTPParseErrorTests {
    @Test(arguments: [
        (HTTPParseError.Code.malformed, 400), (.conflictingFraming, 400), (.invalidContentLength, 400), (.invalidChunk, 400),
        (.requestLineTooLong, 431), (.headersTooLarge, 431), (.tooManyHeaders, 431),
        (.methodNotImplemented, 501), (.versionNotSupported, 505),
    ])
    func codeMapsToStatus(code: HTTPParseError.Code, status: Int) {
        #expect(HTTPParseError(code, "why").status == status)
    }

    @Test func equalityComparesTheCodeOnly() {
        #expect(HTTPParseError(.malformed, "a") == HTTPParseError(.malformed, "b"))
        #expect(HTTPParseError(.malformed, "a") != HTTPParseError(.invalidChunk, "a"))
    }

    @Test func descriptionIsTheDetail() {
        let error = HTTPParseError.capture { () throws(HTTPParseError) in try RequestHeadParser.parseWhole("GET / HTTP/2.0\r\n\r\n") }
        #expect(error?.description.contains("HTTP/2.0") == true)
    }
}
