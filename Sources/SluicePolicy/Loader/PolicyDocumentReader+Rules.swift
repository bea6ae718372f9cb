import Yams

extension PolicyDocumentReader {
    static let ruleKeys: Set<String> = [
        "name", "action", "domains", "hosts", "ports", "paths", "clients", "users", "groups", "service", "reason",
        "inspect", "enabled",
    ]

    mutating func readRules(_ node: Node) -> [PolicyRule] {
        guard let sequence = node.sequence else { error(node, "'rules' must be a list"); return [] }
        var rules: [PolicyRule] = []
        var names: [String: Int] = [:]
        for item in sequence {
            guard let rule = readRule(item) else { continue }
            if let earlier = names[rule.name] {
                error(item, "duplicate rule name '\(rule.name)' (first used on line \(earlier))")
                continue
            }
            names[rule.name] = rule.line
            rules.append(rule)
        }
        return rules
    }

    private mutating func readRule(_ item: Node) -> PolicyRule? {
        let fields = entries(item, "a rule", allowed: Self.ruleKeys)
        guard item.mapping != nil else { return nil }
        var name: String?, action: PolicyAction?
        var domains: [String] = [], hosts: [String] = [], ports: [Int] = [], paths: [String] = []
        var clients: [CIDR] = [], users: [String] = [], groups: [String] = []
        var service: String?, reason: LocalizedText?, inspect: Bool?, enabled = true
        var bad = false
        for (key, _, value) in fields {
            let errorsBefore = diagnostics.count
            switch key {
            case "name": name = string(value, key)
            case "action": action = self.action(value, key)
            case "domains": domains = list(value, key).compactMap { domain($0.0, $0.1, key) }
            case "hosts":
                for (text, host) in list(value, key) {
                    do { hosts.append(try HostNormalizer.normalize(text).text) } catch {
                        self.error(host, "bad host '\(text)' in 'hosts': \(error.code.rawValue)")
                    }
                }
            case "ports":
                guard let sequence = value.sequence else { error(value, "'ports' must be a list"); break }
                ports = sequence.compactMap { int($0, "ports", range: 1...65535) }
            case "paths":
                for (text, path) in list(value, key) {
                    if text.hasPrefix("/") && !text.contains("?") { paths.append(text) } else {
                        error(path, "path prefix '\(text)' must start with '/' and have no query")
                    }
                }
            case "clients": clients = cidrs(value, key)
            case "users": users = list(value, key).map(\.0)
            case "groups": groups = list(value, key).map(\.0)
            case "service": service = string(value, key)
            case "reason": reason = localized(value, key)
            case "inspect": inspect = bool(value, key)
            default: enabled = bool(value, key) ?? true
            }
            if diagnostics.count != errorsBefore { bad = true }
        }
        guard let name else { error(item, "a rule needs a 'name'"); return nil }
        guard let action else {
            if !fields.contains(where: { $0.0 == "action" }) { error(item, "rule '\(name)' needs an 'action'") }
            return nil
        }
        if bad { return nil }
        return PolicyRule(name: name, action: action, domains: domains, hosts: hosts, ports: ports, paths: paths,
                          clients: clients, users: users, groups: groups, service: service, reason: reason,
                          inspect: inspect, enabled: enabled, line: item.mark?.line ?? 0)
    }
}
