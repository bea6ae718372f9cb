/// What the proxy does when the audit log cannot be written (disk full, permissions): never nothing.
public enum FailurePolicy: String, Sendable, CaseIterable {
    /// Refuse traffic while `AuditWriter.isHealthy` is false: no decision goes unlogged.
    case failClosed = "fail_closed"
    /// Keep serving, report through the process log and `/healthz`; records wait in memory and are retried.
    case alert
}
