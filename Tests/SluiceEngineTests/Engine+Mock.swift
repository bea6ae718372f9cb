import Foundation
@testable import SluiceEngine
import SluicePolicy

let testNow = Date(timeIntervalSince1970: 1_800_000_000)
let testSigner = WarnTokenSigner(keyBytes: Array(repeating: 42, count: 32))

extension Engine {
    /// An engine over a small policy shaped like default.yaml, plus any extra YAML.
    static func make(_ yaml: String = Engine.sampleYAML, users: UserStore? = nil) -> Engine {
        let result = PolicyLoader.parse(yaml: yaml, file: "/tmp/test-policy.yaml")
        guard let policy = result.policy else { preconditionFailure("bad test policy: \(result.diagnostics)") }
        return Engine(policy: policy, users: users, signer: testSigner)
    }

    static let sampleYAML = """
    version: 1
    organisation: Test Org
    contact: helpdesk@example.org
    allowed_clients: [127.0.0.0/8, "::1/128", 10.0.0.0/8]
    never_inspect: [bank.example]
    model_rules:
      - name: deepseek-models
        match: [deepseek]
        service: DeepSeek
    rules:
      - name: deepseek
        action: deny
        service: DeepSeek
        domains: [deepseek.com]
        reason:
          en: "DeepSeek is not allowed on government devices: data is stored in China"
          nl: "DeepSeek is niet toegestaan op overheidsapparaten: gegevens staan in China"
      - name: openai
        action: redact
        service: ChatGPT
        domains: [openai.com, chatgpt.com]
      - name: gateways
        action: redact
        domains: [openrouter.ai, api.groq.com, api.together.xyz, services.ai.azure.com, openai.azure.com, api.cloudflare.com,
                  bedrock-runtime.us-east-1.amazonaws.com, bank.example]
        hosts: [us-central1-aiplatform.googleapis.com]
      - name: perplexity
        action: warn
        service: Perplexity
        domains: [perplexity.ai]
      - name: plain
        action: allow
        domains: [example.com]
    """

    func decide(_ request: EngineRequest, reference: String = "ref-1") -> RequestDecision {
        decide(request, referenceID: reference, now: testNow)
    }
}

extension EngineRequest {
    static func get(_ url: String, host: [String] = [], client: String = "127.0.0.1", accept: String? = "text/html",
                    language: String? = nil, auth: String? = nil) -> EngineRequest {
        EngineRequest(method: "GET", target: url, hostHeaders: host, clientIP: client, proxyAuthorization: auth, accept: accept,
                      acceptLanguage: language)
    }

    static func connect(_ authority: String, client: String = "127.0.0.1", auth: String? = nil) -> EngineRequest {
        EngineRequest(method: "CONNECT", target: authority, hostHeaders: [authority], clientIP: client, proxyAuthorization: auth)
    }
}

extension RequestDecision {
    var verdict: Verdict? {
        switch self {
        case let .forward(verdict), let .tunnel(verdict): verdict
        case let .respond(_, verdict): verdict
        }
    }

    var response: LocalResponse? {
        if case let .respond(response, _) = self { return response }
        return nil
    }

    var status: Int? { response?.status }
}
