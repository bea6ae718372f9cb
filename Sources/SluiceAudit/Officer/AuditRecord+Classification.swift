/// The few questions every officer's tool asks of a record, answered in one place.
extension AuditRecord {
    /// Actions under which detected values still reached the AI service.
    static let passingActions: Set<String> = ["monitor", "pass_and_log", "pass", "allow", "log"]

    /// The request or tunnel was refused.
    public var isBlocked: Bool { ["block", "deny", "blocked"].contains(action ?? "") }

    /// Values replaced before the body left the proxy.
    public var redactedCount: Int { pii.filter { $0.action == "redact" }.reduce(0) { $0 + $1.count } }

    /// Values that went to the service as they were (monitor / pass_and_log).
    public var passedPII: [PIIEntry] { pii.filter { Self.passingActions.contains($0.action) } }

    /// Interception or internal failures worth a look: TLS failures, errors, audit gaps.
    public var isFailure: Bool { event == "tls" && action != "intercept" || event == "error" }

    /// One word for charts and tables: blocked, redacted, error or allowed.
    public var outcome: String {
        if isBlocked { return "blocked" }
        if event == "error" || event == "tls" && isFailure { return "error" }
        if redactedCount > 0 { return "redacted" }
        return "allowed"
    }
}
