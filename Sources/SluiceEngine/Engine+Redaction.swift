import SluiceDetect
import SluicePolicy

/// Personal data found in a body, as the audit log needs it: types, counts and values to fingerprint.
public struct BodyFindings: Sendable {
    public var type: String
    public var count: Int
    public var action: String
    /// Distinct raw values, only for keyed fingerprints; never logged.
    public var values: [String]
}

/// The engine's full answer to a buffered body: what to do, what was found, and why.
public struct BodyInspection: Sendable {
    public var decision: BodyDecision
    /// The replacement body is not encoded any more: drop Content-Encoding.
    public var dropContentEncoding = false
    public var findings: [BodyFindings] = []
    /// For the audit line: "redacted", "pass_and_log: …", "blocked: NL_BSN" …
    public var note: String?
}

extension Engine {
    static func redactionOptions(_ settings: RedactionSettings, pseudonymiser: (@Sendable (String) -> String)?) -> RedactionOptions {
        var actions: [PIIType: SluiceDetect.CategoryAction] = [:]
        for (name, action) in settings.categories {
            guard let type = PIIType(rawValue: name) else { continue }
            switch action {
            case .block: actions[type] = .block
            case .redact: actions[type] = .redact
            case .monitor: actions[type] = .monitor
            }
        }
        let placeholder: PlaceholderStyle
        switch settings.placeholder {
        case .typed: placeholder = .typed
        case .mask: placeholder = .mask
        case .pseudonym:
            if let pseudonymiser {
                placeholder = .pseudonym { type, value in "[\(type.placeholderLabel)_\(pseudonymiser(value))]" }
            } else {
                placeholder = .typed
            }
        }
        return RedactionOptions(actions: actions, placeholder: placeholder, minimumConfidence: settings.minConfidence,
                                maxInspectBytes: settings.maxInspectBytes)
    }

    /// The body stage: model-id rules first, then redaction (`redact`) or observation (`monitor`).
    public func inspectBody(_ request: EngineRequest, verdict: Verdict, body: [UInt8], contentType: String?,
                            contentEncoding: String?) -> BodyInspection {
        let modelDecision = decideBody(request, verdict: verdict, body: body, contentType: contentType)
        if case .respond = modelDecision { return BodyInspection(decision: modelDecision, note: "model rule") }
        guard verdict.action == .redact || verdict.action == .monitor, !body.isEmpty else {
            return BodyInspection(decision: .forward(nil))
        }
        let result = (verdict.action == .redact ? redactor : monitor)
            .redact(body: body, contentType: contentType, contentEncoding: contentEncoding)
        let findings = result.findings.map { summary in
            BodyFindings(type: summary.type.rawValue, count: summary.count, action: summary.action.rawValue,
                         values: result.values[summary.type] ?? [])
        }
        switch result.outcome {
        case .unchanged:
            return BodyInspection(decision: .forward(nil), findings: findings, note: findings.isEmpty ? nil : "found, not changed")
        case .redacted(let newBody, let encoding):
            return BodyInspection(decision: .forward(newBody), dropContentEncoding: encoding == nil && contentEncoding != nil,
                                  findings: findings, note: "redacted")
        case .blocked(let categories):
            let names = categories.map(\.rawValue)
            return BodyInspection(decision: .respond(sensitivePage(request, verdict: verdict, categories: names, contentType: contentType)),
                                  findings: findings, note: "blocked: " + names.joined(separator: ","))
        case .uninspectable(let reason):
            if policy.redaction.onUninspectable == .passAndLog {
                return BodyInspection(decision: .forward(nil), note: "pass_and_log: \(reason)")
            }
            return BodyInspection(decision: .respond(uninspectablePage(request, verdict: verdict, contentType: contentType)),
                                  note: "fail_closed: \(reason)")
        }
    }

    /// A body over the inspection limit, seen before it is complete.
    public func oversizedBody(_ request: EngineRequest, verdict: Verdict, contentType: String?) -> BodyInspection {
        if policy.redaction.onUninspectable == .passAndLog {
            return BodyInspection(decision: .forward(nil), note: "pass_and_log: body over \(policy.redaction.maxInspectBytes) bytes")
        }
        return BodyInspection(decision: .respond(uninspectablePage(request, verdict: verdict, contentType: contentType)),
                              note: "fail_closed: body over \(policy.redaction.maxInspectBytes) bytes")
    }

    /// 403 naming the categories (never the values) that this service may not receive.
    func sensitivePage(_ request: EngineRequest, verdict: Verdict, categories: [String], contentType: String?) -> LocalResponse {
        let language = PageLanguage.choose(acceptLanguage: request.acceptLanguage, fallback: policy.language)
        let dutch = language == "nl"
        let title = dutch ? "Verzoek tegengehouden: bevat persoonsgegevens" : "Request stopped: it contains personal data"
        let list = categories.joined(separator: ", ")
        let message = dutch
            ? "Dit verzoek aan \(verdict.service ?? verdict.host) bevat gegevens die niet naar een AI-dienst mogen: \(list). Verwijder ze en probeer het opnieuw."
            : "This request to \(verdict.service ?? verdict.host) contains data that may not be sent to an AI service: \(list). Remove it and try again."
        let format = PageFormat.negotiate(accept: request.accept, contentType: contentType, path: verdict.path)
        return renderer.messageResponse(status: 403, title: title, message: message, referenceID: verdict.referenceID,
                                        format: format, language: language, code: "personal_data_blocked")
    }

    /// 415 for a body Sluice could not read, under `fail_closed`.
    func uninspectablePage(_ request: EngineRequest, verdict: Verdict, contentType: String?) -> LocalResponse {
        let language = PageLanguage.choose(acceptLanguage: request.acceptLanguage, fallback: policy.language)
        let dutch = language == "nl"
        let title = dutch ? "Verzoek kon niet worden gecontroleerd" : "Request could not be checked"
        let message = dutch
            ? "Sluice controleert wat naar \(verdict.service ?? verdict.host) gaat op persoonsgegevens, maar kon dit verzoek niet lezen (te groot of een onbekend formaat). Het is niet verstuurd."
            : "Sluice checks what is sent to \(verdict.service ?? verdict.host) for personal data, but could not read this request (too large or an unknown format). It was not sent."
        let format = PageFormat.negotiate(accept: request.accept, contentType: contentType, path: verdict.path)
        return renderer.messageResponse(status: 415, title: title, message: message, referenceID: verdict.referenceID,
                                        format: format, language: language, code: "uninspectable_body")
    }
}
