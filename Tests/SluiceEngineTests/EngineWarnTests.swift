import Foundation
import Testing
@testable import SluiceEngine
import SluicePolicy

private func continueLink(_ html: String) throws -> String {
    let start = try #require(html.range(of: "class=\"button\" href=\""))
    let rest = html[start.upperBound...]
    let end = try #require(rest.firstIndex(of: "\""))
    return String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
}

@Test func warnShowsInterstitialThenForwardsOnceAcknowledged() throws {
    let engine = Engine.make()
    let first = engine.decide(.get("http://www.perplexity.ai/search?q=hello"))
    let page = try #require(first.response)
    #expect(page.status == 403)
    #expect(first.verdict?.action == .warn)
    let link = try continueLink(page.bodyText)
    #expect(link.hasPrefix("http://www.perplexity.ai/search?q=hello&sluice_ack="))

    guard case let .forward(verdict) = engine.decide(.get(link)) else {
        Issue.record("the continue link must be forwarded")
        return
    }
    #expect(verdict.action == .warn)
    #expect(verdict.acknowledged)
    #expect(verdict.forwardTarget == "http://www.perplexity.ai/search?q=hello")

    // Same host, same day: no interstitial any more; other clients still see it.
    #expect(engine.decide(.get("http://www.perplexity.ai/other")).status == nil)
    #expect(engine.decide(.get("http://www.perplexity.ai/other", client: "10.0.0.9")).status == 403)
    // The next day the warning comes back.
    #expect(engine.decide(.get("http://www.perplexity.ai/other"), referenceID: "r", now: testNow.addingTimeInterval(86_400)).status == 403)
}

@Test(arguments: ["AAAAAAAAAAAAAAAAAAAAAA", "", "x", "../"])
func forgedTokensAreIgnored(token: String) throws {
    let engine = Engine.make()
    let decision = engine.decide(.get("http://www.perplexity.ai/?sluice_ack=\(token)"))
    #expect(decision.status == 403)
}

@Test func tokenForAnotherHostDoesNotAcknowledge() throws {
    let engine = Engine.make()
    let token = testSigner.token(principal: "127.0.0.1", host: "perplexity.ai", day: Engine.day(testNow))
    #expect(engine.decide(.get("http://www.perplexity.ai/?sluice_ack=\(token)")).status == 403)
    #expect(engine.decide(.get("http://perplexity.ai/?sluice_ack=\(token)")).status == nil)
}

@Test func innerTunnelAcknowledgementKeepsOriginForm() throws {
    let engine = Engine.make()
    let token = testSigner.token(principal: "127.0.0.1", host: "www.perplexity.ai", day: Engine.day(testNow))
    let request = EngineRequest(method: "GET", target: "/search?sluice_ack=\(token)&q=1", tunnelAuthority: "www.perplexity.ai:443")
    guard case let .forward(verdict) = engine.decide(request) else {
        Issue.record("expected forward")
        return
    }
    #expect(verdict.forwardTarget == "/search?q=1")
}

@Test func warnOnConnectAsksForInterception() throws {
    guard case let .tunnel(verdict) = Engine.make().decide(.connect("www.perplexity.ai:443")) else {
        Issue.record("expected tunnel")
        return
    }
    #expect(verdict.action == .warn)
    #expect(verdict.intercept)
}

@Test func ledgerIsBounded() {
    let ledger = WarnLedger(capacity: 10)
    for index in 0..<25 { ledger.record(principal: "p\(index)", host: "h", day: 1) }
    #expect(ledger.count <= 10)
    #expect(ledger.isAcknowledged(principal: "p24", host: "h", day: 1))
}
