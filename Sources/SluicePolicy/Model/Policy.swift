/// A loaded, validated policy: an immutable snapshot the engine can share across threads.
public struct Policy: Sendable {
    public let version: Int
    public let organisation: String?
    public let contact: String?
    /// Default page language, "en" or "nl".
    public let language: String
    /// Action for requests no rule matches.
    public let defaultAction: PolicyAction
    /// Client addresses allowed to use the proxy (default: loopback only).
    public let allowedClients: [CIDR]
    public let auth: AuthSettings?
    public let redaction: RedactionSettings
    /// Host suffixes never intercepted (banking, health, pinned apps).
    public let neverInspect: [String]
    public let rules: [PolicyRule]
    public let modelRules: [ModelRule]
    /// The policy file path (or a label for in-memory policies).
    public let source: String
    let matcher: HostMatcher

    public init(version: Int = 1, organisation: String? = nil, contact: String? = nil, language: String = "en",
                defaultAction: PolicyAction = .allow, allowedClients: [CIDR] = Policy.loopback, auth: AuthSettings? = nil,
                redaction: RedactionSettings = RedactionSettings(), neverInspect: [String] = [], rules: [PolicyRule],
                modelRules: [ModelRule] = [], source: String = "<memory>") {
        self.version = version
        self.organisation = organisation
        self.contact = contact
        self.language = language
        self.defaultAction = defaultAction
        self.allowedClients = allowedClients
        self.auth = auth
        self.redaction = redaction
        self.neverInspect = neverInspect
        self.rules = rules
        self.modelRules = modelRules
        self.source = source
        self.matcher = HostMatcher(rules: rules)
    }

    /// 127.0.0.0/8 and ::1/128: the default `allowed_clients`.
    public static let loopback: [CIDR] = [CIDR("127.0.0.0/8")!, CIDR("::1/128")!]

    /// The first enabled rule (file order) whose conditions all hold; nil means `default` applies.
    public func match(host: NormalizedHost, port: Int, path: String, client: IPAddress?, user: String?, groups: [String] = []) -> PolicyRule? {
        matcher.firstMatch(host: host, port: port, path: path, client: client, user: user, groups: groups, rules: rules)
            .map { rules[$0] }
    }

    /// For a CONNECT (path unknown): true when a path-scoped rule that comes before `decidingRule` (or before
    /// the default) could apply to some path on this host, so the tunnel must be intercepted to decide per request.
    public func hasEarlierPathRule(than decidingRule: PolicyRule?, host: NormalizedHost, port: Int, client: IPAddress?,
                                   user: String?, groups: [String] = []) -> Bool {
        guard let scoped = matcher.firstMatch(host: host, port: port, path: nil, client: client, user: user, groups: groups, rules: rules) else {
            return false
        }
        guard decidingRule != nil,
              let deciding = matcher.firstMatch(host: host, port: port, path: "", client: client, user: user, groups: groups, rules: rules) else {
            return true
        }
        return scoped < deciding
    }

    /// True when `client` may use the proxy at all.
    public func allowsClient(_ client: IPAddress) -> Bool {
        allowedClients.contains { $0.contains(client) }
    }

    /// True when `host` is under a `never_inspect` suffix, so its tunnels are spliced, never intercepted.
    public func isNeverInspected(_ host: NormalizedHost) -> Bool {
        neverInspect.contains { host.text == $0 || host.text.hasSuffix("." + $0) }
    }

    /// The first model rule matching `modelID`, if any.
    public func modelRule(for modelID: String) -> ModelRule? {
        modelRules.first { $0.matches(modelID: modelID) }
    }
}
