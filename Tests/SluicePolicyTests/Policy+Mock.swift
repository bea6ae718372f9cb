@testable import SluicePolicy

extension Policy {
    /// A policy from rules, defaults elsewhere.
    static func make(_ rules: [PolicyRule], defaultAction: PolicyAction = .allow) -> Policy {
        Policy(defaultAction: defaultAction, rules: rules)
    }

    /// The rule name a request to `host` gets ("default" when none matches).
    func ruleName(_ host: String, port: Int = 443, path: String = "/", client: String = "127.0.0.1", user: String? = nil,
                  groups: [String] = []) throws -> String {
        let normalized = try HostNormalizer.normalize(host)
        return match(host: normalized, port: port, path: path, client: IPAddress(client), user: user, groups: groups)?.name ?? "default"
    }
}
