import Testing
@testable import SluiceHTTP

/// Cases where a lax decoder would read a body differently from a strict origin (request smuggling).
@Suite struct ChunkedDecoderStrictnessTests {
    private func decode(_ text: String) throws(HTTPParseError) -> [UInt8] {
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        _ = try decoder.decode(Array(text.utf8)[...], into: &body)
        return body
    }

    @Test("whitespace after the size is allowed only before an extension", arguments: ["5 \r\nhello\r\n0\r\n\r\n", "5\t\r\nhello\r\n0\r\n\r\n"])
    func bareWhitespaceIsRefused(text: String) {
        #expect(throws: HTTPParseError(.invalidChunk, "")) { try decode(text) }
    }

    @Test("BWS before an extension is fine")
    func whitespaceBeforeExtension() throws {
        #expect(try decode("5 ;name=value\r\nhello\r\n0\r\n\r\n") == Array("hello".utf8))
    }

    @Test("trailer lines must be field lines", arguments: ["0\r\nno colon\r\n\r\n", "0\r\n: empty name\r\n\r\n", "0\r\nbad name: v\r\n\r\n"])
    func invalidTrailers(text: String) {
        #expect(throws: HTTPParseError(.invalidChunk, "")) { try decode(text) }
    }

    @Test("a decoder that refused a body refuses everything after")
    func failedStaysFailed() {
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        #expect(throws: HTTPParseError.self) { _ = try decoder.decode(Array("zz\r\n".utf8)[...], into: &body) }
        #expect(throws: HTTPParseError.self) { _ = try decoder.decode(Array("0\r\n\r\n".utf8)[...], into: &body) }
    }

    @Test("HTTP/1.0 requests' 100-continue expectation is ignored (RFC 9110 §10.1.1)")
    func expectContinueOnlyIn11() {
        let headers = HeaderList([("Expect", "100-continue")])
        #expect(RequestHead(method: "POST", target: .origin("/"), version: .http11, headers: headers).expectsContinue)
        #expect(!RequestHead(method: "POST", target: .origin("/"), version: .http10, headers: headers).expectsContinue)
    }
}
