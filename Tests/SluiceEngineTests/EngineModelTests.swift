import Foundation
import Testing
@testable import SluiceEngine
import SluicePolicy

private let engine = Engine.make()

/// DeepSeek models named in the URL path of gateways that otherwise pass.
@Test(arguments: [
    "https://bedrock-runtime.us-east-1.amazonaws.com/model/deepseek.r1-v1:0/converse",
    "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.deepseek.r1-v1%3A0/invoke-with-response-stream",
    "https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/deepseek-ai/models/deepseek-r1-0528-maas:rawPredict",
    "https://api.cloudflare.com/client/v4/accounts/abc/ai/run/@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
    "https://api.cloudflare.com/client/v4/accounts/abc/ai/run/%40cf%2Fdeepseek-ai%2Fdeepseek-r1-distill-qwen-32b",
    "https://myres.openai.azure.com/openai/deployments/DeepSeek-R1/chat/completions",
    "https://generativelanguage.googleapis.com/v1beta/models/deepseek-r1:generateContent",
])
func deniesDeepSeekModelInPath(url: String) throws {
    let decision = engine.decide(.get(url, accept: "application/json"))
    #expect(decision.status == 403)
    #expect(decision.verdict?.rule == "deepseek-models")
    #expect(decision.response?.header("Content-Type") == "application/json")
}

@Test(arguments: [
    "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1:0/converse",
    "https://www.example.com/blog/deepseek-review",
    "https://api.cloudflare.com/client/v4/accounts/abc/ai/run/@cf/meta/llama-3-8b-instruct",
])
func allowsOtherModelsAndArticles(url: String) {
    #expect(engine.decide(.get(url)).status == nil)
}

private func bodyDecision(_ url: String, _ json: String, contentType: String? = "application/json") throws -> BodyDecision {
    let request = EngineRequest(method: "POST", target: url, contentType: contentType)
    guard case let .forward(verdict) = engine.decide(request) else {
        Issue.record("head must be forwarded")
        return .forward(nil)
    }
    #expect(verdict.inspectBody)
    return engine.decideBody(request, verdict: verdict, body: Array(json.utf8), contentType: contentType)
}

/// DeepSeek models requested in the JSON body of allowed gateways (OpenRouter, Groq, Together, Azure AI Foundry).
@Test(arguments: [
    ("https://openrouter.ai/api/v1/chat/completions", #"{"model":"deepseek/deepseek-r1:free","messages":[]}"#),
    ("https://openrouter.ai/api/v1/chat/completions", #"{"model":"deepseek/deepseek-chat-v3-0324:free"}"#),
    ("https://api.groq.com/openai/v1/chat/completions", #"{"messages":[],"model":"deepseek-r1-distill-llama-70b"}"#),
    ("https://api.together.xyz/v1/chat/completions", #"{"model":"deepseek-ai/DeepSeek-V3"}"#),
    ("https://x.services.ai.azure.com/models/chat/completions", #"  {"model": "DeepSeek-R1"}"#),
    ("https://api.openai.com/v1/chat/completions", #"{"model":"deepseek-chat"}"#),
    ("https://api.openai.com/v1/chat/completions", #"{"model":"deepseek-reasoner"}"#),
    ("https://api.openai.com/v1/chat/completions", #"{"model":"deepseek\u002dchat"}"#),
])
func deniesDeepSeekModelInBody(url: String, json: String) throws {
    guard case let .respond(response) = try bodyDecision(url, json) else {
        Issue.record("expected a block for \(json)")
        return
    }
    #expect(response.status == 403)
    let object = try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    let error = try #require(object["error"] as? [String: Any])
    #expect(error["code"] as? String == "blocked_by_policy")
    #expect(error["rule"] as? String == "deepseek-models")
    #expect((error["message"] as? String)?.contains("DeepSeek is not allowed") == true)
}

@Test(arguments: [
    #"{"model":"gpt-4o","messages":[{"role":"user","content":"what is deepseek?"}]}"#,
    #"{"messages":[],"model":"meta-llama/llama-3-70b"}"#,
    #"not json"#, #"["deepseek-chat"]"#, #"{"model": 42}"#, #"{"model":"deepseek"#,
])
func passesOtherBodies(json: String) throws {
    guard case .forward(nil) = try bodyDecision("https://openrouter.ai/api/v1/chat/completions", json) else {
        Issue.record("expected unchanged forward for \(json)")
        return
    }
}
