/// One `rules:` entry: conditions (all must hold) and the action taken when they do.
public struct PolicyRule: Sendable {
    public let name: String
    public let action: PolicyAction
    /// Host suffixes: `deepseek.com` matches the apex and every subdomain, never `notdeepseek.com`.
    public let domains: [String]
    /// Exact hosts (names or IP literals in canonical form).
    public let hosts: [String]
    /// Destination ports; empty means any.
    public let ports: [Int]
    /// Path prefixes (without query); empty means any.
    public let paths: [String]
    /// Client address blocks; empty means any.
    public let clients: [CIDR]
    /// Authenticated user names; with `groups`, empty means anyone (authenticated or not).
    public let users: [String]
    public let groups: [String]
    /// Service name shown on block pages ("DeepSeek").
    public let service: String?
    public let reason: LocalizedText?
    /// Whether bodies are inspected (redaction, model-id checks) and CONNECTs intercepted.
    public let inspect: Bool
    /// Disabled rules are loaded and checked but never match (for optional bundles such as look-alikes).
    public let enabled: Bool
    /// 1-based line of the rule in the policy file, for diagnostics and `policy explain`.
    public let line: Int

    public init(name: String, action: PolicyAction, domains: [String] = [], hosts: [String] = [], ports: [Int] = [],
                paths: [String] = [], clients: [CIDR] = [], users: [String] = [], groups: [String] = [],
                service: String? = nil, reason: LocalizedText? = nil, inspect: Bool? = nil, enabled: Bool = true, line: Int = 0) {
        self.name = name
        self.action = action
        self.domains = domains
        self.hosts = hosts
        self.ports = ports
        self.paths = paths
        self.clients = clients
        self.users = users
        self.groups = groups
        self.service = service
        self.reason = reason
        self.inspect = inspect ?? action.inspectsByDefault
        self.enabled = enabled
        self.line = line
    }

    /// Conditions other than the host, checked after the host index has narrowed the candidates.
    func matchesRest(port: Int, path: String?, client: IPAddress?, user: String?, groups userGroups: [String]) -> Bool {
        if !ports.isEmpty && !ports.contains(port) { return false }
        if let path, !paths.isEmpty && !paths.contains(where: { path.hasPrefix($0) }) { return false }
        if !clients.isEmpty {
            guard let client, clients.contains(where: { $0.contains(client) }) else { return false }
        }
        if !users.isEmpty || !groups.isEmpty {
            guard let user else { return false }
            if !users.contains(user) && !groups.contains(where: { userGroups.contains($0) }) { return false }
        }
        return true
    }

    /// True when the rule names no host, so it applies to every destination.
    var matchesAnyHost: Bool { domains.isEmpty && hosts.isEmpty }
}
