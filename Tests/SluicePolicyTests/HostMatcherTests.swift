import Testing
@testable import SluicePolicy

private let policy = Policy.make([
    PolicyRule(name: "deepseek", action: .deny, domains: ["deepseek.com"]),
    PolicyRule(name: "gemini", action: .redact, domains: ["gemini.google.com"]),
    PolicyRule(name: "ip", action: .deny, hosts: ["10.9.9.9", "::1"]),
    PolicyRule(name: "exact", action: .allow, hosts: ["exact.example.org"]),
    PolicyRule(name: "m365", action: .redact, hosts: ["substrate.office.com"], paths: ["/m365Copilot/"]),
    PolicyRule(name: "alt-port", action: .deny, domains: ["example.net"], ports: [8080]),
    PolicyRule(name: "lab", action: .warn, domains: ["openai.com"], clients: [CIDR("10.20.0.0/16")!]),
    PolicyRule(name: "finance", action: .deny, domains: ["openai.com"], groups: ["finance"]),
    PolicyRule(name: "openai", action: .redact, domains: ["openai.com"]),
    PolicyRule(name: "off", action: .deny, domains: ["lookalike.test"], enabled: false),
])

/// Suffix semantics and the hosts that must not be caught by them.
@Test(arguments: [
    ("deepseek.com", "deepseek"), ("chat.deepseek.com", "deepseek"), ("a.b.c.deepseek.com", "deepseek"),
    ("notdeepseek.com", "default"), ("deepseek.com.evil.net", "default"), ("deepseek.co", "default"), ("com", "default"),
    ("gemini.google.com", "gemini"), ("gemini.com", "default"), ("google.com", "default"),
    ("10.9.9.9", "ip"), ("[::1]", "ip"), ("exact.example.org", "exact"), ("sub.exact.example.org", "default"),
    ("lookalike.test", "default"),
])
func matchesByLabelSuffix(host: String, rule: String) throws {
    #expect(try policy.ruleName(host) == rule)
}

@Test func pathPortClientAndGroupConditions() throws {
    #expect(try policy.ruleName("substrate.office.com", path: "/m365Copilot/chat") == "m365")
    #expect(try policy.ruleName("substrate.office.com", path: "/owa/") == "default")
    #expect(try policy.ruleName("www.example.net", port: 8080) == "alt-port")
    #expect(try policy.ruleName("www.example.net", port: 443) == "default")
    #expect(try policy.ruleName("api.openai.com", client: "10.20.1.1") == "lab")
    #expect(try policy.ruleName("api.openai.com", client: "10.21.1.1") == "openai")
    #expect(try policy.ruleName("api.openai.com", client: "10.21.1.1", user: "bob", groups: ["finance"]) == "finance")
    #expect(try policy.ruleName("api.openai.com", client: "10.21.1.1", user: "bob", groups: ["staff"]) == "openai")
}

/// First match wins: order in the file decides between overlapping rules, not specificity.
@Test func firstMatchWinsOverSpecificity() throws {
    let ordered = Policy.make([
        PolicyRule(name: "broad", action: .redact, domains: ["openai.com"]),
        PolicyRule(name: "narrow", action: .allow, domains: ["platform.openai.com"]),
    ])
    #expect(try ordered.ruleName("platform.openai.com") == "broad")
    let exceptionFirst = Policy.make([
        PolicyRule(name: "narrow", action: .allow, domains: ["platform.openai.com"]),
        PolicyRule(name: "broad", action: .redact, domains: ["openai.com"]),
    ])
    #expect(try exceptionFirst.ruleName("platform.openai.com") == "narrow")
    #expect(try exceptionFirst.ruleName("chat.openai.com") == "broad")
    let anyHostFirst = Policy.make([
        PolicyRule(name: "guests", action: .deny, clients: [CIDR("192.168.50.0/24")!]),
        PolicyRule(name: "broad", action: .redact, domains: ["openai.com"]),
    ])
    #expect(try anyHostFirst.ruleName("chat.openai.com", client: "192.168.50.7") == "guests")
    #expect(try anyHostFirst.ruleName("chat.openai.com", client: "192.168.51.7") == "broad")
}

/// 10,000 rules still give the right answer for hits, misses and near-misses.
@Test func tenThousandRulesDecideCorrectly() throws {
    let big = PolicyBenchmark.syntheticPolicy(rules: 10_000)
    for index in stride(from: 0, to: 10_000, by: 37) {
        #expect(try big.ruleName("api.svc\(index).example\(index % 97).com") == "rule\(index)")
        #expect(try big.ruleName("svc\(index).example\(index % 97).com") == "rule\(index)")
        #expect(try big.ruleName("svc\(index).example\((index + 1) % 97).com") == "default")
        #expect(try big.ruleName("xsvc\(index).example\(index % 97).com") == "default")
    }
    #expect(PolicyBenchmark.run(rules: 1_000, lookups: 1_000) > 0)
}
