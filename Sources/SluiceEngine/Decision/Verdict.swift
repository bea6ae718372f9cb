import SluicePolicy

/// What the policy decided about one request, with everything the audit line and the pages need.
public struct Verdict: Sendable {
    public var action: PolicyAction
    /// Rule name, "default", or a built-in stage ("allowed_clients", "auth", "request").
    public var rule: String
    public var reason: String?
    public var service: String?
    /// Normalised host and effective port of the destination.
    public var host: String
    public var port: Int
    /// Normalised path without query ("" for CONNECT).
    public var path: String
    public var user: String?
    public var referenceID: String
    /// Redact/monitor or a model-id rule applies: the runtime must buffer the body and call `decideBody`.
    public var inspectBody: Bool
    /// For CONNECT: the policy wants TLS interception of this host (inspect && not never_inspect).
    public var intercept: Bool
    /// When set, forward this target instead of the received one (the `sluice_ack` parameter removed).
    public var forwardTarget: String?
    /// "http" or "https" for requests; "" for CONNECT.
    public var scheme: String
    /// True for a warn rule the user has acknowledged today (audit this as an acknowledged warning).
    public var acknowledged: Bool

    public init(action: PolicyAction, rule: String, reason: String? = nil, service: String? = nil, host: String = "",
                port: Int = 0, path: String = "", user: String? = nil, referenceID: String, inspectBody: Bool = false,
                intercept: Bool = false, forwardTarget: String? = nil, scheme: String = "", acknowledged: Bool = false) {
        self.action = action
        self.rule = rule
        self.reason = reason
        self.service = service
        self.host = host
        self.port = port
        self.path = path
        self.user = user
        self.referenceID = referenceID
        self.inspectBody = inspectBody
        self.intercept = intercept
        self.forwardTarget = forwardTarget
        self.scheme = scheme
        self.acknowledged = acknowledged
    }
}
