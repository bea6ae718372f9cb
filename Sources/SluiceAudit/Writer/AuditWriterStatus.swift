/// A snapshot of the writer for `/healthz` and the process log.
public struct AuditWriterStatus: Sendable, Equatable {
    public var healthy: Bool
    public var lastError: String?
    /// Records handed to `append` since start.
    public var appended: UInt64
    /// Records whose lines are written and fsync'd.
    public var durable: UInt64
    /// Write or fsync failures since start.
    public var failures: UInt64
}
