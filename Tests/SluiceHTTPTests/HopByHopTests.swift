import Testing
import SluiceHTTP

/// Hop-by-hop fields are removed in one place, in both directions (RFC 9110 §7.6.1).
@Suite struct HopByHopTests {
    @Test(arguments: HopByHop.fixed.flatMap { [$0, $0.lowercased(), $0.uppercased()] })
    func fixedFieldIsRemovedInAnyCase(name: String) {
        var headers = HeaderList([("Host", "a"), (name, "x"), ("Accept", "*/*")])
        HopByHop.strip(&headers)
        #expect(headers.map(\.name) == ["Host", "Accept"])
    }

    @Test func fixedListHasTheStandardFields() {
        for name in ["Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate",
                     "TE", "Trailer", "Transfer-Encoding", "Upgrade"] {
            #expect(HopByHop.fixed.contains(name))
        }
    }

    @Test(arguments: [
        ("Connection", "X-Secret", "x-secret"), ("connection", "x-secret, close", "X-SECRET"),
        ("Proxy-Connection", "X-Secret", "X-Secret"), ("CONNECTION", " X-Secret ", "x-Secret"),
    ])
    func fieldNamedInConnectionIsRemoved(connectionName: String, listed: String, fieldName: String) {
        var headers = HeaderList([(connectionName, listed), (fieldName, "v"), ("Cookie", "c")])
        HopByHop.strip(&headers)
        #expect(headers.map(\.name) == ["Cookie"])
    }

    @Test func endToEndFieldsSurviveInOrder() {
        var headers = HeaderList([("Host", "a"), ("Connection", "keep-alive"), ("Authorization", "Bearer t"),
                                  ("Content-Length", "3"), ("Proxy-Authorization", "Basic x"), ("Cookie", "1"), ("Cookie", "2")])
        HopByHop.strip(&headers)
        #expect(headers.map(\.name) == ["Host", "Authorization", "Content-Length", "Cookie", "Cookie"])
    }

    @Test func everyConnectionFieldContributesNames() {
        var headers = HeaderList([("Connection", "x-a"), ("X-A", "1"), ("X-B", "2"), ("Connection", "X-B"), ("X-C", "3")])
        HopByHop.strip(&headers)
        #expect(headers.map(\.name) == ["X-C"])
    }

    @Test func stripIsIdempotent() {
        var headers = HeaderList([("Connection", "x-a"), ("X-A", "1"), ("Keep", "2")])
        HopByHop.strip(&headers)
        let once = headers
        HopByHop.strip(&headers)
        #expect(headers == once)
    }

    @Test("names listed by Connection, lower-cased; keep-alive is left out, the fixed list covers it")
    func connectionNamed() {
        let headers = HeaderList([("Connection", "keep-alive, X-Trace"), ("Proxy-Connection", " Close ,, ")])
        #expect(HopByHop.connectionNamed(headers) == ["x-trace", "close"])
        #expect(HopByHop.connectionNamed(HeaderList([("Connection", "keep-alive")])).isEmpty)
    }

    @Test("a head written for forwarding leaves out exactly what strip removes")
    func forwardedHeadMatchesStrip() {
        let fields = [("Server", "o"), ("Connection", "keep-alive, X-Trace"), ("X-Trace", "1"), ("Keep-Alive", "timeout=5"),
                      ("Transfer-Encoding", "chunked"), ("Content-Type", "text/plain"), ("Close", "x")]
        let head = ResponseHead(status: 200, headers: HeaderList(fields))
        let named = HopByHop.connectionNamed(head.headers)
        let written = head.serialized(omitting: { HopByHop.isHopByHop($0, named: named) }, adding: [("Via", "1.1 sluice")])
        var stripped = head.headers
        HopByHop.strip(&stripped)
        stripped.append("Via", "1.1 sluice")
        #expect(written == ResponseHead(status: 200, headers: stripped).serialized())
    }
}
