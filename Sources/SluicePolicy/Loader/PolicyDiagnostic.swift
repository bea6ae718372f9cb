/// One problem found in a policy file, positioned so editors and `policy check` can point at it.
public struct PolicyDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let file: String
    /// 1-based line and column (columns count Unicode scalars, as libyaml does).
    public let line: Int
    public let column: Int
    public let severity: Severity
    public let message: String

    public init(file: String, line: Int, column: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// "FILE:LINE:COL: reason", with "warning: " before the reason for warnings.
    public var description: String {
        "\(file):\(line):\(column): " + (severity == .warning ? "warning: " : "") + message
    }
}
