import Testing
import SluiceHTTP

/// Pages the proxy writes itself: escaped HTML for browsers, plain text for tools, exact Content-Length.
@Suite struct StatusPageTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a &amp; b"), ("\"q\" 'p'", "&quot;q&quot; &#39;p&#39;"), ("&amp;", "&amp;amp;"),
        ("plain", "plain"), ("", ""), ("caf\u{E9} \u{1F600}", "caf\u{E9} \u{1F600}"),
    ])
    func escapeNeutralisesMarkup(text: String, escaped: String) {
        #expect(StatusPage.escape(text) == escaped)
    }

    @Test func htmlPageEscapesTitleAndMessage() {
        let (type, body) = StatusPage.body(status: 403, title: "<b>Blocked</b>", message: "<script>steal()</script> & more", html: true)
        let page = String(decoding: body, as: UTF8.self)
        #expect(type == "text/html; charset=utf-8")
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<b>"))
        #expect(page.contains("&lt;script&gt;steal()&lt;/script&gt; &amp; more"))
        #expect(page.contains("<title>&lt;b&gt;Blocked&lt;/b&gt;</title>"))
        #expect(page.contains("403"))
    }

    @Test func plainVariantIsTextWithStatusTitleAndMessage() {
        let (type, body) = StatusPage.body(status: 502, title: "Bad Gateway", message: "upstream refused <x>", html: false)
        #expect(type == "text/plain; charset=utf-8")
        #expect(String(decoding: body, as: UTF8.self) == "502 Bad Gateway\n\nupstream refused <x>\n")
    }

    @Test(arguments: [(400, true), (431, false), (502, true), (504, false), (403, true)])
    func responseContentLengthMatchesItsBody(status: Int, html: Bool) throws {
        let bytes = StatusPage.response(status: status, title: "T\u{E9}tle", message: "m\u{1F600}ssage <i>", html: html)
        var parser = ResponseHeadParser()
        let parsed = try #require(try parser.parse(bytes))
        #expect(parsed.head.status == status)
        #expect(parsed.head.reason == StatusPage.reasonPhrase(status))
        let field = try #require(parsed.head.headers["Content-Length"])
        let length = try #require(Int(field))
        #expect(length == bytes.count - parsed.consumed)
        #expect(parsed.head.framing(requestMethod: "GET") == .contentLength(length))
        #expect(parsed.head.headers["Cache-Control"] == "no-store")
        #expect(parsed.head.headers["Content-Type"]?.hasPrefix(html ? "text/html" : "text/plain") == true)
    }

    @Test(arguments: [(true, false), (false, true)])
    func closeAddsConnectionClose(close: Bool, keepAlive: Bool) throws {
        var parser = ResponseHeadParser()
        let bytes = StatusPage.response(status: 400, title: "t", message: "m", close: close, extraHeaders: [("Retry-After", "5")])
        let parsed = try #require(try parser.parse(bytes))
        #expect(parsed.head.keepAlive == keepAlive)
        #expect(parsed.head.headers.contains("Connection") == close)
        #expect(parsed.head.headers["Retry-After"] == "5")
    }

    @Test(arguments: [(407, "Proxy Authentication Required"), (431, "Request Header Fields Too Large"),
                      (505, "HTTP Version Not Supported"), (418, "Status 418")])
    func reasonPhraseIsStandard(status: Int, phrase: String) {
        #expect(StatusPage.reasonPhrase(status) == phrase)
    }
}
