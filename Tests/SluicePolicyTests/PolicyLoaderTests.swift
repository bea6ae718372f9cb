import Foundation
import Testing
@testable import SluicePolicy

private func diagnostics(_ yaml: String) -> [PolicyDiagnostic] {
    PolicyLoader.parse(yaml: yaml, file: "p.yaml").diagnostics
}

/// Each broken policy yields exactly the diagnostic at the position of the offending text.
@Test(arguments: [
    ("version: 1\nrulez: []\n", 2, 1, "unknown key 'rulez'"),
    ("version: 2\n", 1, 10, "unsupported policy version 2"),
    ("organisation: x\n", 1, 1, "missing 'version: 1'"),
    ("version: 1\ndefault: block\n", 2, 10, "unknown action 'block'"),
    ("version: 1\nallowed_clients: [10.0.0.0/8, 10.0.0.1/8]\n", 2, 31, "bad CIDR '10.0.0.1/8'"),
    ("version: 1\nallowed_clients: 10.0.0.0/8\n", 2, 18, "'allowed_clients' must be a list"),
    ("version: 1\nlanguage: fr\n", 2, 11, "unknown language 'fr'"),
    ("version: 1\nrules:\n  - name: a\n    action: deny\n    domain: [x.com]\n", 5, 5, "unknown key 'domain' in a rule"),
    ("version: 1\nrules:\n  - name: a\n    action: nuke\n", 4, 13, "unknown action 'nuke'"),
    ("version: 1\nrules:\n  - name: a\n    action: deny\n    ports: [80, 70000]\n", 5, 17, "'ports' must be a whole number"),
    ("version: 1\nrules:\n  - name: a\n    action: deny\n    inspect: maybe\n", 5, 14, "'inspect' must be true or false"),
    ("version: 1\nrules:\n  - name: a\n    action: deny\n    domains: ['*.x.com']\n", 5, 15, "write 'x.com'"),
    ("version: 1\nrules:\n  - name: a\n    action: deny\n    domains: [10.0.0.1]\n", 5, 15, "IP literal '10.0.0.1'"),
    ("version: 1\nrules:\n  - name: a\n    action: deny\n    paths: [m365]\n", 5, 13, "path prefix 'm365'"),
    ("version: 1\nrules:\n  - action: deny\n", 3, 5, "a rule needs a 'name'"),
    ("version: 1\nrules:\n  - name: a\n    action: deny\n    domains: [a.com]\n  - name: a\n    action: allow\n    domains: [b.com]\n",
     6, 5, "duplicate rule name 'a'"),
    ("version: 1\nrules:\n  - name: a\n    action: deny\n    domains: [a.com]\n  - name: b\n    action: allow\n    domains: [a.com]\n",
     6, 5, "duplicate rule 'b': same conditions as 'a'"),
    ("version: 1\nredaction:\n  categories:\n    SSN: block\n", 4, 5, "unknown category 'SSN'"),
    ("version: 1\nredaction:\n  categories:\n    EMAIL: drop\n", 4, 12, "category 'EMAIL' must be block, redact or monitor"),
    ("version: 1\nredaction:\n  min_confidence: 1.5\n", 3, 19, "'min_confidence' must be a number"),
    ("version: 1\nredaction:\n  placeholder: stars\n", 3, 16, "unknown placeholder 'stars'"),
    ("version: 1\nredaction:\n  on_uninspectable: ignore\n", 3, 21, "unknown on_uninspectable 'ignore'"),
    ("version: 1\nauth:\n  realm: x\n", 3, 3, "'auth' needs 'users_file'"),
    ("version: 1\nmodel_rules:\n  - name: m\n", 3, 5, "model rule 'm' needs a non-empty 'match'"),
    ("version: 1\nrules: [\n", 3, 1, "invalid YAML"),
])
func reportsProblemAtPosition(yaml: String, line: Int, column: Int, message: String) throws {
    let result = PolicyLoader.parse(yaml: yaml, file: "p.yaml")
    #expect(result.policy == nil)
    let found = try #require(result.errors.first { $0.message.contains(message) }, "no '\(message)' in \(result.diagnostics)")
    #expect(found.line == line)
    #expect(found.column == column)
    #expect(found.description.hasPrefix("p.yaml:\(line):\(column): "))
}

@Test func shadowedRuleIsAWarningNotAnError() throws {
    let yaml = """
    version: 1
    rules:
      - name: all-openai
        action: redact
        domains: [openai.com]
      - name: platform
        action: allow
        domains: [platform.openai.com]
      - name: unrelated
        action: deny
        domains: [example.com]
        ports: [8080]
    """
    let result = PolicyLoader.parse(yaml: yaml, file: "p.yaml")
    #expect(result.policy != nil)
    #expect(result.warnings.count == 1)
    let warning = try #require(result.warnings.first)
    #expect(warning.line == 6)
    #expect(warning.description == "p.yaml:6:5: warning: rule 'platform' is unreachable: every request it matches is taken by 'all-openai' on line 3 (first match wins)")
}

@Test func narrowerEarlierRuleDoesNotShadow() {
    let yaml = """
    version: 1
    rules:
      - name: platform
        action: allow
        domains: [platform.openai.com]
      - name: openai-port
        action: deny
        domains: [openai.com]
        ports: [8443]
      - name: openai
        action: redact
        domains: [openai.com]
    """
    let result = PolicyLoader.parse(yaml: yaml, file: "p.yaml")
    #expect(result.policy != nil)
    #expect(result.diagnostics.isEmpty)
}

@Test func readsEverySection() throws {
    let yaml = """
    version: 1
    organisation: Gemeente Test
    contact: ict@example.nl
    language: nl
    default: warn
    allowed_clients: [10.0.0.0/8]
    auth: {realm: Office, users_file: users.txt}
    never_inspect: [ING.nl.]
    audit: {path: audit.log}
    listen: 127.0.0.1:3128
    redaction:
      placeholder: pseudonym
      min_confidence: 0.8
      max_inspect_bytes: 2048
      on_uninspectable: pass_and_log
      categories: {EMAIL: monitor, NL_BSN: block}
    model_rules:
      - {name: ds, match: [DeepSeek], service: DeepSeek, reason: {en: no, nl: nee}}
    rules:
      - name: r
        action: monitor
        hosts: [Example.COM]
        ports: [443]
        paths: [/api]
        clients: [10.1.0.0/16]
        users: [alice]
        groups: [staff]
        inspect: false
        reason: plain
    """
    let policy = try #require(PolicyLoader.parse(yaml: yaml, file: "/etc/sluice/policy.yaml").policy)
    #expect(policy.organisation == "Gemeente Test")
    #expect(policy.language == "nl")
    #expect(policy.defaultAction == .warn)
    #expect(policy.allowedClients == [CIDR("10.0.0.0/8")!])
    #expect(policy.auth == AuthSettings(realm: "Office", usersFile: "/etc/sluice/users.txt"))
    #expect(policy.neverInspect == ["ing.nl"])
    #expect(policy.redaction.placeholder == .pseudonym)
    #expect(policy.redaction.minConfidence == 0.8)
    #expect(policy.redaction.maxInspectBytes == 2048)
    #expect(policy.redaction.onUninspectable == .passAndLog)
    #expect(policy.redaction.categories["EMAIL"] == .monitor)
    #expect(policy.redaction.categories["NL_BSN"] == .block)
    #expect(policy.redaction.categories["PERSON"] == .redact)
    #expect(policy.modelRules.first?.matches(modelID: "deepseek-chat") == true)
    #expect(policy.modelRules.first?.reason?.text(for: "nl") == "nee")
    let rule = try #require(policy.rules.first)
    #expect(rule.hosts == ["example.com"])
    #expect(rule.inspect == false)
    #expect(rule.line == 20)
    #expect(policy.source == "/etc/sluice/policy.yaml")
}

@Test func defaultsAreDocumentedValues() throws {
    let policy = try #require(PolicyLoader.parse(yaml: "version: 1\n", file: "p.yaml").policy)
    #expect(policy.defaultAction == .allow)
    #expect(policy.allowedClients == Policy.loopback)
    #expect(policy.language == "en")
    #expect(policy.redaction == RedactionSettings())
    #expect(policy.redaction.maxInspectBytes == 1_048_576)
    #expect(policy.redaction.onUninspectable == .failClosed)
    #expect(policy.redaction.categories.count == 16)
}

/// The shipped policies must pass `policy check` without errors or warnings.
@Test(arguments: ["default.yaml", "government-strict.yaml", "small-business.yaml"])
func shippedPolicyIsClean(name: String) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policy").appendingPathComponent(name).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let result = PolicyLoader.parse(yaml: text, file: path)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.policy != nil)
}

@Test func loadThrowsWithDiagnostics() {
    #expect(throws: PolicyLoadError(code: .unreadable, diagnostics: [])) { try PolicyLoader.load(path: "/nonexistent/policy.yaml") }
}
