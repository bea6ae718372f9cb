import Testing
@testable import SluiceEngine
import SluicePolicy

private let engine = Engine.make()

/// Hostile spellings of DeepSeek in an absolute-form target are all denied by the deepseek rule.
@Test(arguments: [
    "http://DeepSeek.COM./", "http://chat.deepseek.com./x", "http://ｄｅｅｐｓｅｅｋ．ｃｏｍ/", "http://chat.deepseek.com%2e/",
    "http://user@evil.com@chat.deepseek.com/", "http://user:pw@chat.deepseek.com:8080/", "HTTP://CHAT.DEEPSEEK.COM/",
    "http://chat%2edeepseek%2ecom/", "http://chat。deepseek。com/", "https://api.deepseek.com/v1/chat/completions",
])
func deniesDeepSeekSpellings(url: String) throws {
    let decision = engine.decide(.get(url))
    #expect(decision.status == 403)
    #expect(decision.verdict?.rule == "deepseek")
    #expect(decision.verdict?.action == .deny)
}

/// Hosts that look like a rule's but are not under it.
@Test(arguments: [
    ("http://notdeepseek.com/", "default"), ("http://deepseek.com.evil.net/", "default"), ("http://gemini.com/", "default"),
    ("http://evil.com/?u=chat.deepseek.com", "default"), ("http://evil.com/chat.deepseek.com", "default"),
    ("http://chat.deepseek.com@evil.com/", "default"), ("http://[::1]:8080/", "default"), ("http://www.example.com/", "plain"),
])
func forwardsLookAlikes(url: String, rule: String) throws {
    guard case let .forward(verdict) = engine.decide(.get(url)) else {
        Issue.record("expected forward for \(url)")
        return
    }
    #expect(verdict.rule == rule)
    #expect(verdict.action == .allow)
}

@Test func forwardVerdictCarriesDestination() throws {
    guard case let .forward(verdict) = engine.decide(.get("http://user@[::1]:8080/a/../b?q=1")) else {
        Issue.record("expected forward")
        return
    }
    #expect(verdict.host == "::1")
    #expect(verdict.port == 8080)
    #expect(verdict.path == "/b")
    #expect(verdict.scheme == "http")
    #expect(verdict.referenceID == "ref-1")
    #expect(verdict.inspectBody == false)
}

@Test func redactRulesAskForBodyInspection() throws {
    guard case let .forward(verdict) = engine.decide(.get("https://chatgpt.com/backend-api/conversation")) else {
        Issue.record("expected forward")
        return
    }
    #expect(verdict.action == .redact)
    #expect(verdict.service == "ChatGPT")
    #expect(verdict.inspectBody)
}

/// Host header problems are 400s before any policy decision.
@Test(arguments: [
    (EngineRequest.get("http://example.com/", host: ["example.com", "example.com"]), "duplicateHost"),
    (EngineRequest.get("http://example.com/", host: ["chat.deepseek.com"]), "hostMismatch"),
    (EngineRequest.get("http://example.com/", host: ["example.com:8080"]), "hostMismatch"),
    (EngineRequest.get("http://example.com/", host: ["exa mple.com"]), "badHost"),
    (EngineRequest.get("http://example.com/", host: ["user@example.com"]), "badHost"),
    (EngineRequest.get("http://example.com/", host: [""]), "badHost"),
    (EngineRequest.get("ftp://example.com/"), "badScheme"),
    (EngineRequest.get("http:///nohost"), "badHost"),
    (EngineRequest.get("example.com/x"), "badTarget"),
    (EngineRequest.get("http://exa%zzmple.com/"), "badHost"),
    (EngineRequest(method: "CONNECT", target: "example.com"), "badTarget"),
    (EngineRequest(method: "CONNECT", target: "user@example.com:443"), "badHost"),
    (EngineRequest(method: "GET", target: "/x", hostHeaders: ["evil.com"], tunnelAuthority: "chat.openai.com:443"), "hostMismatch"),
])
func refusesBadHostWith400(request: EngineRequest, code: String) throws {
    let decision = engine.decide(request)
    #expect(decision.status == 400)
    #expect(decision.response?.bodyText.contains(code) == true)
}

@Test func hostHeaderMatchingTheTargetIsAccepted() {
    #expect(engine.decide(.get("http://Example.com:80/", host: ["example.com."])).status == nil)
    #expect(engine.decide(.get("http://[::1]:8080/", host: ["[0::1]:8080"])).status == nil)
}

@Test func innerTunnelRequestUsesTheConnectAuthority() throws {
    let request = EngineRequest(method: "POST", target: "/v1/chat/completions?x=1", hostHeaders: ["api.openai.com"],
                                tunnelAuthority: "api.openai.com:443")
    guard case let .forward(verdict) = engine.decide(request) else {
        Issue.record("expected forward")
        return
    }
    #expect(verdict.host == "api.openai.com")
    #expect(verdict.scheme == "https")
    #expect(verdict.path == "/v1/chat/completions")
    let inner = EngineRequest(method: "GET", target: "/", hostHeaders: ["chat.deepseek.com"], tunnelAuthority: "chat.deepseek.com:443")
    #expect(engine.decide(inner).status == 403)
}

@Test func connectDecisions() throws {
    guard case let .tunnel(openai) = engine.decide(.connect("chatgpt.com:443")) else {
        Issue.record("expected tunnel")
        return
    }
    #expect(openai.intercept)
    guard case let .tunnel(plain) = engine.decide(.connect("www.example.com:443")) else {
        Issue.record("expected tunnel")
        return
    }
    #expect(!plain.intercept)
    guard case let .tunnel(bank) = engine.decide(.connect("www.bank.example:443")) else {
        Issue.record("expected tunnel")
        return
    }
    #expect(!bank.intercept, "never_inspect wins over an inspecting rule")
}

/// RFC 9209: a refused tunnel names the rule in Proxy-Status.
@Test func deniedConnectCarriesProxyStatus() throws {
    let decision = engine.decide(.connect("chat.deepseek.com:443"))
    let response = try #require(decision.response)
    #expect(response.status == 403)
    #expect(response.header("Proxy-Status") ==
        "sluice; error=http_request_denied; details=\"rule deepseek: DeepSeek is not allowed on government devices: data is stored in China\"")
    #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
    #expect(response.bodyText.contains("DeepSeek is not allowed"))
    #expect(response.bodyText.contains("ref-1"))
}

@Test func proxyStatusDetailsAreEscaped() {
    #expect(Engine.structuredString("a \"b\" \\ é") == "\"a \\\"b\\\" \\\\ ?\"")
}

@Test func requestsToTheProxyItself() {
    let home = engine.decide(EngineRequest(method: "GET", target: "/", hostHeaders: ["proxy.local:3128"]))
    #expect(home.status == 200)
    let other = engine.decide(EngineRequest(method: "GET", target: "/etc/passwd", hostHeaders: ["proxy.local:3128"]))
    #expect(other.status == 400)
}

/// Path-scoped rules cannot be applied to a CONNECT, so their hosts are intercepted and decided per request.
@Test func pathScopedRulesForceInterception() throws {
    let yaml = """
    version: 1
    rules:
      - name: m365
        action: redact
        hosts: [substrate.office.com]
        paths: [/m365Copilot/]
      - name: office
        action: allow
        domains: [office.com]
      - name: late-path
        action: deny
        domains: [late.example]
        paths: [/x]
    """
    let engine = Engine.make(yaml)
    #expect(engine.decide(.connect("substrate.office.com:443")).verdict?.intercept == true)
    #expect(engine.decide(.connect("outlook.office.com:443")).verdict?.intercept == false)
    #expect(engine.decide(.connect("late.example:443")).verdict?.intercept == true)
    let inner = EngineRequest(method: "POST", target: "/m365Copilot/Chathub", tunnelAuthority: "substrate.office.com:443")
    #expect(engine.decide(inner).verdict?.rule == "m365")
    let mail = EngineRequest(method: "GET", target: "/owa/", tunnelAuthority: "substrate.office.com:443")
    #expect(engine.decide(mail).verdict?.rule == "office")
}
