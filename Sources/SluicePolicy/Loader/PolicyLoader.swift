import Foundation
import Yams

/// Reads a policy file with Yams' node API so every problem carries its line and column.
public enum PolicyLoader {
    /// The only schema version this build understands.
    public static let supportedVersion = 1

    /// Loads and validates a policy file; warnings are dropped, errors throw with their positions.
    public static func load(path: String) throws(PolicyLoadError) -> Policy {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PolicyLoadError(code: .unreadable, diagnostics: [
                PolicyDiagnostic(file: path, line: 1, column: 1, severity: .error, message: "cannot read the policy file"),
            ])
        }
        let result = parse(yaml: text, file: path)
        guard let policy = result.policy else { throw PolicyLoadError(code: .invalid, diagnostics: result.errors) }
        return policy
    }

    /// Parses policy text; `file` labels diagnostics and anchors relative paths such as `auth.users_file`.
    public static func parse(yaml: String, file: String) -> PolicyLoadResult {
        var reader = PolicyDocumentReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            reader.yamlError(error)
            return PolicyLoadResult(policy: nil, diagnostics: reader.diagnostics)
        }
        guard let root else {
            reader.error(nil, "the policy is empty; it needs at least 'version: 1'")
            return PolicyLoadResult(policy: nil, diagnostics: reader.diagnostics)
        }
        let policy = reader.readPolicy(root)
        let hasErrors = reader.diagnostics.contains { $0.severity == .error }
        let sorted = reader.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        return PolicyLoadResult(policy: hasErrors ? nil : policy, diagnostics: sorted)
    }
}
