extension PolicyDocumentReader {
    /// First match wins, so a rule whose every request an earlier rule already takes can never fire:
    /// identical conditions are an error (a duplicate rule), a wider earlier rule is a warning.
    mutating func checkShadowing(_ rules: [PolicyRule]) {
        var bySuffix: [String: [Int]] = [:]
        var byHost: [String: [Int]] = [:]
        var anyHost: [Int] = []
        for (index, rule) in rules.enumerated() where rule.enabled {
            var candidates = Set(anyHost)
            for entry in rule.domains + rule.hosts {
                for suffix in Self.suffixes(of: entry) { candidates.formUnion(bySuffix[suffix] ?? []) }
                candidates.formUnion(byHost[entry] ?? [])
            }
            if rule.matchesAnyHost { candidates = Set(0..<index).filter { rules[$0].enabled && rules[$0].matchesAnyHost } }
            if let earlier = candidates.sorted().first(where: { Self.covers(rules[$0], rule) }) {
                let other = rules[earlier]
                if Self.sameConditions(other, rule) {
                    diagnostics.append(PolicyDiagnostic(file: file, line: rule.line, column: 5, severity: .error,
                        message: "duplicate rule '\(rule.name)': same conditions as '\(other.name)' on line \(other.line)"))
                } else {
                    diagnostics.append(PolicyDiagnostic(file: file, line: rule.line, column: 5, severity: .warning,
                        message: "rule '\(rule.name)' is unreachable: every request it matches is taken by '\(other.name)' on line \(other.line) (first match wins)"))
                }
            }
            if rule.matchesAnyHost { anyHost.append(index) }
            for domain in rule.domains { bySuffix[domain, default: []].append(index) }
            for host in rule.hosts { byHost[host, default: []].append(index) }
        }
    }

    /// "a.b.c" → ["a.b.c", "b.c", "c"].
    static func suffixes(of host: String) -> [String] {
        var result = [host]
        var rest = Substring(host)
        while let dot = rest.firstIndex(of: ".") {
            rest = rest[rest.index(after: dot)...]
            result.append(String(rest))
        }
        return result
    }

    /// True when every request matching `later` also matches `earlier`.
    static func covers(_ earlier: PolicyRule, _ later: PolicyRule) -> Bool {
        if !earlier.matchesAnyHost {
            if later.matchesAnyHost { return false }
            let underEarlier: (String) -> Bool = { name in
                earlier.domains.contains { name == $0 || name.hasSuffix("." + $0) }
            }
            guard later.domains.allSatisfy(underEarlier),
                  later.hosts.allSatisfy({ earlier.hosts.contains($0) || underEarlier($0) }) else { return false }
        }
        if !earlier.ports.isEmpty && (later.ports.isEmpty || !Set(later.ports).isSubset(of: earlier.ports)) { return false }
        if !earlier.paths.isEmpty && (later.paths.isEmpty || !later.paths.allSatisfy({ path in earlier.paths.contains { path.hasPrefix($0) } })) {
            return false
        }
        if !earlier.clients.isEmpty && (later.clients.isEmpty || !later.clients.allSatisfy({ cidr in earlier.clients.contains { $0.covers(cidr) } })) {
            return false
        }
        let earlierPrincipals = !earlier.users.isEmpty || !earlier.groups.isEmpty
        let laterPrincipals = !later.users.isEmpty || !later.groups.isEmpty
        if earlierPrincipals && (!laterPrincipals || !Set(later.users).isSubset(of: earlier.users) || !Set(later.groups).isSubset(of: earlier.groups)) {
            return false
        }
        return true
    }

    static func sameConditions(_ a: PolicyRule, _ b: PolicyRule) -> Bool {
        Set(a.domains) == Set(b.domains) && Set(a.hosts) == Set(b.hosts) && Set(a.ports) == Set(b.ports)
            && Set(a.paths) == Set(b.paths) && Set(a.clients) == Set(b.clients) && Set(a.users) == Set(b.users)
            && Set(a.groups) == Set(b.groups)
    }
}
