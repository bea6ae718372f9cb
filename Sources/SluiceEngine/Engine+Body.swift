import SluicePolicy

extension Engine {
    /// Model-id check on the (decoded) body; redaction is added later by the lead using the detector.
    public func decideBody(_ request: EngineRequest, verdict: Verdict, body: [UInt8], contentType: String?) -> BodyDecision {
        guard !policy.modelRules.isEmpty, !body.isEmpty else { return .forward(nil) }
        let isJSON = contentType?.lowercased().contains("json") ?? true
        guard isJSON || body.first == UInt8(ascii: "{"), let model = ModelIDInspector.modelID(inBody: body),
              let rule = policy.modelRule(for: model) else { return .forward(nil) }
        let language = PageLanguage.choose(acceptLanguage: request.acceptLanguage, fallback: policy.language)
        var blocked = verdict
        blocked.action = .deny
        blocked.rule = rule.name
        blocked.service = rule.service ?? verdict.service
        blocked.reason = rule.reason?.text(for: language) ?? "\(PageText.forLanguage(language).modelBlocked): \(model)"
        // A JSON body is an API call: answer in the provider error shape unless the client asked for HTML.
        let negotiated = PageFormat.negotiate(accept: request.accept, contentType: contentType ?? "application/json", path: verdict.path)
        return .respond(blockPage(blocked, format: negotiated, language: language))
    }
}
