import Foundation
import Testing
@testable import SluiceEngine
import SluicePolicy

private let engine = Engine.make()

@Test func browserGetsAnEnglishHTMLBlockPage() throws {
    let response = try #require(engine.decide(.get("http://chat.deepseek.com/", accept: "text/html,*/*")).response)
    #expect(response.status == 403)
    #expect(response.header("Content-Type") == "text/html; charset=utf-8")
    #expect(response.header("Cache-Control") == "no-store")
    let html = response.bodyText
    #expect(html.hasPrefix("<!doctype html>"))
    #expect(html.contains("<html lang=\"en\">"))
    #expect(html.contains("Blocked by your organisation"))
    #expect(html.contains("DeepSeek is not allowed on government devices: data is stored in China"))
    #expect(html.contains("<code>ref-1</code>"))
    #expect(html.contains("deepseek"))
    #expect(html.contains("mailto:helpdesk@example.org"))
    #expect(html.contains("Test Org"))
    #expect(!html.contains("http://") && !html.contains("https://"), "no external resources")
}

@Test(arguments: ["nl", "nl-NL,nl;q=0.9,en;q=0.8", "fr-FR, nl;q=0.5", "en;q=0.2, nl-BE;q=0.9"])
func dutchReadersGetDutch(language: String) throws {
    let html = try #require(engine.decide(.get("http://chat.deepseek.com/", language: language)).response).bodyText
    #expect(html.contains("<html lang=\"nl\">"))
    #expect(html.contains("Geblokkeerd door uw organisatie"))
    #expect(html.contains("DeepSeek is niet toegestaan op overheidsapparaten"))
    #expect(html.contains("Referentie"))
}

@Test(arguments: [nil, "fr", "nl;q=0", "en-GB"] as [String?])
func othersGetThePolicyLanguage(language: String?) throws {
    let html = try #require(engine.decide(.get("http://chat.deepseek.com/", language: language)).response).bodyText
    #expect(html.contains("<html lang=\"en\">"))
}

@Test func policyLanguageIsTheFallback() throws {
    let dutch = Engine.make(Engine.sampleYAML.replacingOccurrences(of: "version: 1", with: "version: 1\nlanguage: nl"))
    let html = try #require(dutch.decide(.get("http://chat.deepseek.com/", language: "fr")).response).bodyText
    #expect(html.contains("Geblokkeerd"))
}

@Test(arguments: [nil, "*/*", "text/plain"] as [String?])
func nonBrowsersGetPlainText(accept: String?) throws {
    let response = try #require(engine.decide(.get("http://chat.deepseek.com/chat", accept: accept)).response)
    #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
    #expect(response.bodyText.contains("Reason: DeepSeek is not allowed"))
    #expect(response.bodyText.contains("Reference: ref-1"))
    #expect(!response.bodyText.contains("<"))
}

/// API clients get the provider error shape their SDKs already parse.
@Test(arguments: [
    EngineRequest.get("http://api.deepseek.com/chat/completions", accept: "application/json"),
    EngineRequest.get("http://api.deepseek.com/v1/chat/completions", accept: nil),
    EngineRequest(method: "POST", target: "http://api.deepseek.com/chat/completions", contentType: "application/json"),
])
func apiClientsGetJSON(request: EngineRequest) throws {
    let response = try #require(engine.decide(request).response)
    #expect(response.status == 403)
    #expect(response.header("Content-Type") == "application/json")
    let object = try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    let error = try #require(object["error"] as? [String: Any])
    #expect(error["type"] as? String == "sluice_policy")
    #expect(error["code"] as? String == "blocked_by_policy")
    #expect((error["message"] as? String)?.contains("DeepSeek is not allowed") == true)
    #expect(error["reference_id"] as? String == "ref-1")
}

@Test func pageTextIsEscaped() throws {
    let yaml = "version: 1\nrules:\n  - name: x\n    action: deny\n    domains: [example.com]\n    reason: \"<script>alert(1)</script> & 'q'\"\n"
    let html = try #require(Engine.make(yaml).decide(.get("http://example.com/")).response).bodyText
    #expect(!html.contains("<script>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;q&#39;"))
}
