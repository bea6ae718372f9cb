/// The outcome of parsing: a policy when there were no errors, and every diagnostic (warnings too).
public struct PolicyLoadResult: Sendable {
    public let policy: Policy?
    public let diagnostics: [PolicyDiagnostic]

    public var errors: [PolicyDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [PolicyDiagnostic] { diagnostics.filter { $0.severity == .warning } }
}
