import Foundation
import SluiceDetect
import SluicePolicy

/// Decides every request from a policy snapshot: the one place "is this allowed?" is answered.
public final class Engine: Sendable {
    public let policy: Policy
    public let users: UserStore?
    let signer: WarnTokenSigner
    let ledger = WarnLedger()
    let renderer: PageRenderer
    /// Redacts bodies for `redact` hosts with the policy's per-category settings.
    let redactor: BodyRedactor
    /// Finds (and never changes) personal data for `monitor` hosts.
    let monitor: BodyRedactor

    /// The query parameter the warn page adds to its continue link.
    public static let acknowledgementParameter = "sluice_ack"

    /// `pseudonymiser` turns a value into a stable keyed token for `placeholder: pseudonym` (HMAC with a local key).
    public convenience init(policy: Policy, users: UserStore? = nil, pseudonymiser: (@Sendable (String) -> String)? = nil) {
        self.init(policy: policy, users: users, signer: WarnTokenSigner(), pseudonymiser: pseudonymiser)
    }

    /// With a fixed signer, so tests can mint acknowledgement tokens.
    public init(policy: Policy, users: UserStore?, signer: WarnTokenSigner, pseudonymiser: (@Sendable (String) -> String)? = nil) {
        self.policy = policy
        self.users = users
        self.signer = signer
        self.renderer = PageRenderer(organisation: policy.organisation, contact: policy.contact)
        let options = Self.redactionOptions(policy.redaction, pseudonymiser: pseudonymiser)
        self.redactor = BodyRedactor(detector: PIIDetector(minimumConfidence: options.minimumConfidence), options: options)
        var watching = options
        watching.actions = Dictionary(uniqueKeysWithValues: PIIType.allCases.map { ($0, .monitor) })
        self.monitor = BodyRedactor(detector: PIIDetector(minimumConfidence: options.minimumConfidence), options: watching)
    }

    /// Decides a request head: client ACL, target and Host checks, proxy auth, rules, warn flow, model id in the path.
    public func decide(_ request: EngineRequest, referenceID: String, now: Date) -> RequestDecision {
        // Only pages and rule reasons need a language; most forwarded requests never ask.
        lazy var language = PageLanguage.choose(acceptLanguage: request.acceptLanguage, fallback: policy.language)
        lazy var text = PageText.forLanguage(language)
        var looseFormat: PageFormat { PageFormat.negotiate(accept: request.accept, contentType: request.contentType, path: request.target) }

        // 1. Client ACL, before anything about the request is revealed.
        guard let client = Self.clientAddress(request.clientIP), policy.allowsClient(client) else {
            let verdict = Verdict(action: .deny, rule: "allowed_clients", reason: text.clientRefused, referenceID: referenceID)
            let response = renderer.messageResponse(status: 403, title: text.blockedTitle, message: text.clientRefused,
                                                    referenceID: referenceID, format: .plain, language: language, code: "client_not_allowed")
            return .respond(response, verdict)
        }

        // 2. Proxy authentication (RFC 9110 §11.7.1); inner tunnel requests inherit the CONNECT's user.
        var user = request.authenticatedUser
        var groups = user.flatMap { users?.users[$0]?.groups } ?? []
        if let auth = policy.auth, user == nil {
            guard let header = request.proxyAuthorization, let account = users?.authenticate(proxyAuthorization: header) else {
                let verdict = Verdict(action: .deny, rule: "auth", reason: text.authRequired, referenceID: referenceID)
                let response = renderer.messageResponse(status: 407, title: text.authRequired, message: text.authRequired,
                                                        referenceID: referenceID, format: looseFormat, language: language,
                                                        code: "proxy_authentication_required",
                                                        extraHeaders: [("Proxy-Authenticate", "Basic realm=\"\(auth.realm)\", charset=\"UTF-8\"")])
                return .respond(response, verdict)
            }
            user = account.name
            groups = account.groups
        }

        // 3. Where is this going? Decided on the target, never on a conflicting Host.
        let target: RequestTarget
        do {
            target = try RequestTarget.parse(request)
        } catch {
            let verdict = Verdict(action: .deny, rule: "request", reason: error.description, user: user, referenceID: referenceID)
            let response = renderer.messageResponse(status: 400, title: text.badRequest, message: error.description,
                                                    referenceID: referenceID, format: looseFormat, language: language, code: error.code.rawValue)
            return .respond(response, verdict)
        }
        if target.isProxyLocal {
            let response = localResponse(request, referenceID: referenceID)
                ?? renderer.messageResponse(status: 400, title: text.badRequest, message: text.notAProxyRequest, referenceID: referenceID,
                                            format: looseFormat, language: language, code: "not_a_proxy_request")
            return .respond(response, nil)
        }

        // 4. The policy.
        let host = target.authority.host
        let rule = policy.match(host: host, port: target.port, path: target.path, client: client, user: user, groups: groups)
        let action = rule?.action ?? policy.defaultAction
        let inspect = rule?.inspect ?? action.inspectsByDefault
        var verdict = Verdict(action: action, rule: rule?.name ?? "default", reason: rule?.reason?.text(for: language),
                              service: rule?.service, host: host.text, port: target.port, path: target.path, user: user,
                              referenceID: referenceID, inspectBody: false, intercept: false, scheme: target.scheme)
        // Only refusals need a page format; computing it for every forwarded request was a measurable cost.
        var format: PageFormat { PageFormat.negotiate(accept: request.accept, contentType: request.contentType, path: target.path) }

        if request.isConnect {
            verdict.path = ""
            switch action {
            case .deny:
                // With interception on, the runtime terminates TLS instead so the block page shows inside it.
                verdict.intercept = inspect && !policy.isNeverInspected(host)
                return .respond(connectRefusal(verdict, language: language), verdict)
            case .warn:
                verdict.intercept = !policy.isNeverInspected(host)
            default:
                // A path-scoped rule before the deciding one can only be applied once the tunnel is opened up.
                let pathRuleFirst = policy.hasEarlierPathRule(than: rule, host: host, port: target.port, client: client, user: user, groups: groups)
                verdict.intercept = (inspect || pathRuleFirst) && !policy.isNeverInspected(host)
            }
            return .tunnel(verdict)
        }

        // 5. A DeepSeek model named in the URL path of an otherwise allowed gateway.
        if action != .deny, let (modelRule, modelID) = ModelIDInspector.pathHit(target.rawPath, policy: policy) {
            verdict.action = .deny
            verdict.rule = modelRule.name
            verdict.service = modelRule.service ?? verdict.service
            verdict.reason = modelRule.reason?.text(for: language) ?? "\(text.modelBlocked): \(modelID)"
            return .respond(blockPage(verdict, format: format, language: language), verdict)
        }

        switch action {
        case .deny:
            return .respond(blockPage(verdict, format: format, language: language), verdict)
        case .warn:
            return warnFlow(verdict, target: target, client: request.clientIP, format: format, language: language, now: now)
        case .allow, .redact, .monitor:
            verdict.inspectBody = inspect
            return .forward(verdict)
        }
    }

    /// Origin-form requests addressed to the proxy itself; nil when not handled.
    public func localResponse(_ request: EngineRequest, referenceID: String) -> LocalResponse? {
        guard request.tunnelAuthority == nil, request.target.hasPrefix("/") else { return nil }
        let path = PathNormalizer.normalize(request.target)
        guard path == "/", request.method == "GET" || request.method == "HEAD" else { return nil }
        let language = PageLanguage.choose(acceptLanguage: request.acceptLanguage, fallback: policy.language)
        let format = PageFormat.negotiate(accept: request.accept, contentType: nil, path: path)
        return renderer.messageResponse(status: 200, title: "Sluice", message: PageText.forLanguage(language).notAProxyRequest,
                                        referenceID: referenceID, format: format, language: language, code: "sluice_proxy")
    }

    func blockPage(_ verdict: Verdict, format: PageFormat, language: String) -> LocalResponse {
        let text = PageText.forLanguage(language)
        let block = PageRenderer.Block(service: verdict.service, rule: verdict.rule, reason: verdict.reason ?? text.defaultReason,
                                       host: verdict.host, referenceID: verdict.referenceID, title: text.blockedTitle)
        return renderer.blockResponse(block, format: format, language: language)
    }

    /// 403 for a refused CONNECT, with RFC 9209 `Proxy-Status: sluice; error=http_request_denied; details=...`.
    func connectRefusal(_ verdict: Verdict, language: String) -> LocalResponse {
        var response = blockPage(verdict, format: .plain, language: language)
        let reason = verdict.reason ?? PageText.forLanguage(language).defaultReason
        response.headers.append(("Proxy-Status", "sluice; error=http_request_denied; details=\(Self.structuredString("rule \(verdict.rule): \(reason)"))"))
        return response
    }

    /// An RFC 8941 sf-string: printable ASCII only, with `"` and `\` escaped.
    static func structuredString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": result += "\\" + String(scalar)
            case " "..."~": result.unicodeScalars.append(scalar)
            default: result += "?"
            }
        }
        return result + "\""
    }

    /// Parses the runtime's client address text (tolerating brackets and an IPv4-mapped form).
    static func clientAddress(_ text: String) -> IPAddress? {
        var trimmed = text
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") { trimmed = String(trimmed.dropFirst().dropLast()) }
        return IPAddress(trimmed)
    }
}
