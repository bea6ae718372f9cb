import Foundation
import Yams

extension PolicyDocumentReader {
    /// Reads the whole document; returns a policy even with errors (the caller discards it then).
    mutating func readPolicy(_ root: Node) -> Policy? {
        let top = entries(root, "the policy", allowed: Self.topLevelKeys)
        guard root.mapping != nil else { return nil }
        var version: Int?
        var organisation: String?, contact: String?, language = "en"
        var defaultAction = PolicyAction.allow
        var allowedClients = Policy.loopback
        var auth: AuthSettings?
        var redaction = RedactionSettings()
        var neverInspect: [String] = []
        var rules: [PolicyRule] = []
        var modelRules: [ModelRule] = []
        for (key, _, value) in top {
            switch key {
            case "version":
                if let number = int(value, key, range: 0...Int.max) {
                    if number != PolicyLoader.supportedVersion {
                        error(value, "unsupported policy version \(number) (this build reads version \(PolicyLoader.supportedVersion))")
                    }
                    version = number
                }
            case "organisation": organisation = string(value, key)
            case "contact": contact = string(value, key)
            case "language":
                if let text = string(value, key) {
                    if Self.languages.contains(text) { language = text } else { error(value, "unknown language '\(text)' (expected en or nl)") }
                }
            case "default": defaultAction = action(value, key) ?? defaultAction
            case "allowed_clients": allowedClients = cidrs(value, key)
            case "auth": auth = readAuth(value)
            case "redaction": redaction = readRedaction(value)
            case "never_inspect": neverInspect = list(value, key).compactMap { domain($0.0, $0.1, key) }
            case "rules": rules = readRules(value)
            case "model_rules": modelRules = readModelRules(value)
            case "audit": if value.mapping == nil { error(value, "'audit' must be a mapping") }
            default: break // listen: owned by the serve command, accepted as is
            }
        }
        if version == nil && !diagnostics.contains(where: { $0.message.contains("version") }) {
            error(root, "missing 'version: 1' at the top of the policy")
        }
        checkShadowing(rules)
        return Policy(version: version ?? PolicyLoader.supportedVersion, organisation: organisation, contact: contact,
                      language: language, defaultAction: defaultAction, allowedClients: allowedClients, auth: auth,
                      redaction: redaction, neverInspect: neverInspect, rules: rules, modelRules: modelRules, source: file)
    }

    private mutating func readAuth(_ node: Node) -> AuthSettings? {
        var realm = "Sluice", usersFile: String?
        for (key, _, value) in entries(node, "'auth'", allowed: ["realm", "users_file"]) {
            if key == "realm" {
                if let text = string(value, "auth.realm") {
                    if text.contains("\"") || text.contains("\\") { error(value, "'auth.realm' must not contain quotes or backslashes") } else { realm = text }
                }
            } else if let text = string(value, "auth.users_file") {
                usersFile = text
            }
        }
        guard let usersFile else {
            if node.mapping != nil { error(node, "'auth' needs 'users_file'") }
            return nil
        }
        return AuthSettings(realm: realm, usersFile: resolve(usersFile))
    }

    /// A path relative to the policy file's folder.
    private func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    private mutating func readRedaction(_ node: Node) -> RedactionSettings {
        var settings = RedactionSettings()
        let keys: Set<String> = ["placeholder", "min_confidence", "max_inspect_bytes", "on_uninspectable", "categories"]
        for (key, _, value) in entries(node, "'redaction'", allowed: keys) {
            switch key {
            case "placeholder":
                if let text = string(value, key) {
                    if let style = RedactionSettings.Placeholder(rawValue: text) { settings.placeholder = style } else {
                        error(value, "unknown placeholder '\(text)' (expected typed, mask or pseudonym)")
                    }
                }
            case "min_confidence": settings.minConfidence = double(value, key, range: 0...1) ?? settings.minConfidence
            case "max_inspect_bytes": settings.maxInspectBytes = int(value, key, range: 1...(1 << 30)) ?? settings.maxInspectBytes
            case "on_uninspectable":
                if let text = string(value, key) {
                    if let mode = RedactionSettings.Uninspectable(rawValue: text) { settings.onUninspectable = mode } else {
                        error(value, "unknown on_uninspectable '\(text)' (expected fail_closed or pass_and_log)")
                    }
                }
            default:
                for (name, keyNode, actionNode) in entries(value, "'redaction.categories'", allowed: nil) {
                    guard RedactionSettings.categoryNames.contains(name) else {
                        error(keyNode, "unknown category '\(name)' (expected one of \(RedactionSettings.categoryNames.joined(separator: ", ")))")
                        continue
                    }
                    guard let text = actionNode.scalar?.string, let action = RedactionSettings.CategoryAction(rawValue: text) else {
                        error(actionNode, "category '\(name)' must be block, redact or monitor")
                        continue
                    }
                    settings.categories[name] = action
                }
            }
        }
        return settings
    }

    private mutating func readModelRules(_ node: Node) -> [ModelRule] {
        guard let sequence = node.sequence else { error(node, "'model_rules' must be a list"); return [] }
        var result: [ModelRule] = []
        var names = Set<String>()
        for item in sequence {
            var name: String?, match: [String] = [], service: String?, reason: LocalizedText?
            for (key, keyNode, value) in entries(item, "a model rule", allowed: ["name", "match", "service", "reason"]) {
                switch key {
                case "name":
                    name = string(value, key)
                    if let name, !names.insert(name).inserted { error(value, "duplicate model rule name '\(name)'") }
                case "match": match = list(value, key).map(\.0)
                case "service": service = string(value, key)
                default: reason = localized(value, key); _ = keyNode
                }
            }
            guard item.mapping != nil else { continue }
            guard let name else { error(item, "a model rule needs a 'name'"); continue }
            if match.isEmpty { error(item, "model rule '\(name)' needs a non-empty 'match' list"); continue }
            result.append(ModelRule(name: name, match: match, service: service, reason: reason, line: item.mark?.line ?? 0))
        }
        return result
    }
}
