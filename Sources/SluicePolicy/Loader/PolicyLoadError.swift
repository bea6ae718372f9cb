/// A policy that could not be loaded: the file was unreadable or had errors, each with its position.
public struct PolicyLoadError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable { case unreadable, invalid }

    public let code: Code
    public let diagnostics: [PolicyDiagnostic]

    public init(code: Code, diagnostics: [PolicyDiagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension PolicyLoadError: Equatable {
    /// Equality compares the code only.
    public static func == (lhs: PolicyLoadError, rhs: PolicyLoadError) -> Bool { lhs.code == rhs.code }
}
