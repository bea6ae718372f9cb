import Foundation
import Yams

/// Walks the composed YAML tree, converting values and collecting positioned diagnostics.
struct PolicyDocumentReader {
    let file: String
    var diagnostics: [PolicyDiagnostic] = []

    init(file: String) { self.file = file }

    static let topLevelKeys: Set<String> = [
        "version", "organisation", "contact", "language", "default", "allowed_clients", "auth", "redaction",
        "never_inspect", "rules", "model_rules", "audit", "listen",
    ]
    static let languages: Set<String> = ["en", "nl"]

    // MARK: diagnostics

    mutating func error(_ node: Node?, _ message: String) { add(node, .error, message) }

    mutating func warning(_ node: Node?, _ message: String) { add(node, .warning, message) }

    private mutating func add(_ node: Node?, _ severity: PolicyDiagnostic.Severity, _ message: String) {
        let mark = node?.mark
        diagnostics.append(PolicyDiagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                            severity: severity, message: message))
    }

    mutating func yamlError(_ error: any Error) {
        var line = 1, column = 1, message = "invalid YAML"
        if let yaml = error as? YamlError {
            switch yaml {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
                line = mark.line; column = mark.column
                message = "invalid YAML: " + problem + (context.map { " (\($0.text))" } ?? "")
            case let .duplicatedKeysInMapping(duplicates, context):
                line = context.mark.line; column = context.mark.column
                message = "duplicate key '\(duplicates.joined(separator: "', '"))'"
            default:
                message = "invalid YAML: \(yaml)"
            }
        }
        diagnostics.append(PolicyDiagnostic(file: file, line: line, column: column, severity: .error, message: message))
    }

    // MARK: typed readers

    /// The pairs of a mapping with string keys; unknown keys (not in `allowed`) and duplicates are errors.
    mutating func entries(_ node: Node, _ what: String, allowed: Set<String>?) -> [(String, Node, Node)] {
        guard let mapping = node.mapping else {
            error(node, "\(what) must be a mapping")
            return []
        }
        var seen = Set<String>()
        var result: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { error(key, "keys in \(what) must be plain names"); continue }
            if !seen.insert(name).inserted { error(key, "duplicate key '\(name)' in \(what)"); continue }
            if let allowed, !allowed.contains(name) {
                error(key, "unknown key '\(name)' in \(what)" + suggestion(name, allowed))
                continue
            }
            result.append((name, key, value))
        }
        return result
    }

    private func suggestion(_ name: String, _ allowed: Set<String>) -> String {
        let close = allowed.sorted().first { candidate in
            candidate.hasPrefix(String(name.prefix(3))) || name.replacingOccurrences(of: "-", with: "_") == candidate
        }
        return close.map { " (did you mean '\($0)'?)" } ?? ""
    }

    mutating func string(_ node: Node, _ key: String) -> String? {
        guard let scalar = node.scalar, !scalar.string.isEmpty else {
            error(node, "'\(key)' must be a non-empty string")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node, _ key: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(node, "'\(key)' must be true or false")
            return nil
        }
    }

    mutating func int(_ node: Node, _ key: String, range: ClosedRange<Int>) -> Int? {
        guard let text = node.scalar?.string, let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
            error(node, "'\(key)' must be a whole number in \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func double(_ node: Node, _ key: String, range: ClosedRange<Double>) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text), range.contains(value) else {
            error(node, "'\(key)' must be a number in \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func action(_ node: Node, _ key: String) -> PolicyAction? {
        guard let text = node.scalar?.string, let action = PolicyAction(rawValue: text) else {
            error(node, "unknown action '\(node.scalar?.string ?? "?")' for '\(key)' (expected deny, redact, allow, monitor or warn)")
            return nil
        }
        return action
    }

    /// A sequence of scalars, each with its node for positioned errors.
    mutating func list(_ node: Node, _ key: String) -> [(String, Node)] {
        guard let sequence = node.sequence else {
            error(node, "'\(key)' must be a list")
            return []
        }
        var result: [(String, Node)] = []
        for item in sequence {
            guard let text = item.scalar?.string, !text.isEmpty else { error(item, "items of '\(key)' must be non-empty strings"); continue }
            result.append((text, item))
        }
        return result
    }

    mutating func cidrs(_ node: Node, _ key: String) -> [CIDR] {
        var result: [CIDR] = []
        for (text, item) in list(node, key) {
            guard let cidr = CIDR(text) else {
                error(item, "bad CIDR '\(text)' in '\(key)' (expected e.g. 10.0.0.0/8 or fd00::/8, host bits zero)")
                continue
            }
            result.append(cidr)
        }
        return result
    }

    /// A host suffix (`domains`, `never_inspect`): normalised, never an IP literal or a wildcard.
    mutating func domain(_ text: String, _ item: Node, _ key: String) -> String? {
        if text.hasPrefix("*.") {
            error(item, "write '\(text.dropFirst(2))' in '\(key)': a domain already matches itself and every subdomain")
            return nil
        }
        do {
            let host = try HostNormalizer.normalize(text)
            if host.ip != nil { error(item, "IP literal '\(text)' in '\(key)': put addresses in 'hosts'"); return nil }
            return host.text
        } catch {
            self.error(item, "bad host name '\(text)' in '\(key)': \(error.code.rawValue)")
            return nil
        }
    }

    /// `reason:` as a plain string or a map of language → text.
    mutating func localized(_ node: Node, _ key: String) -> LocalizedText? {
        if let text = node.scalar?.string { return LocalizedText(text) }
        var values: [String: String] = [:]
        for (language, keyNode, value) in entries(node, "'\(key)'", allowed: nil) {
            guard language.count == 2, language.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
                error(keyNode, "'\(key)' languages must be two-letter codes such as en or nl")
                continue
            }
            if let text = string(value, "\(key).\(language)") { values[language] = text }
        }
        return values.isEmpty ? nil : LocalizedText(values)
    }
}
