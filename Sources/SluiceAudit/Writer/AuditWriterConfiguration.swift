/// How the audit log is written: where, how durable, when rotated, what extra outputs.
public struct AuditWriterConfiguration: Sendable {
    /// The active log file, e.g. `audit/audit.jsonl`; rotated files sit beside it.
    public var path: String
    /// Group-commit window: lines are fsync'd at most this long after they are written; 0 syncs every batch at once.
    public var fsyncIntervalMs: Int
    /// Rotate when the active file would grow past this many bytes.
    public var rotateBytes: Int64?
    /// Rotate at the first write of a new UTC day.
    public var rotateDaily: Bool
    /// Keep query strings in `path` (off by default: they often carry personal data).
    public var includeQuery: Bool
    public var failurePolicy: FailurePolicy
    /// Key file for the per-line HMAC; keep it outside the log directory so whoever edits the log cannot re-sign it.
    public var hmacKeyPath: String?
    /// Second file in squid's native `access.log` format for a SIEM.
    public var squidLogPath: String?
    /// RFC 5424 copies; the runtime's `SyslogSender` reads this and is passed as an extra sink.
    public var syslog: SyslogTarget?
    /// Records held in memory while the disk refuses writes; beyond this the oldest are dropped and counted.
    public var maxBacklog: Int

    public init(
        path: String, fsyncIntervalMs: Int = 200, rotateBytes: Int64? = nil, rotateDaily: Bool = false,
        includeQuery: Bool = false, failurePolicy: FailurePolicy = .failClosed, hmacKeyPath: String? = nil,
        squidLogPath: String? = nil, syslog: SyslogTarget? = nil, maxBacklog: Int = 200_000
    ) {
        self.path = path
        self.fsyncIntervalMs = max(0, fsyncIntervalMs)
        self.rotateBytes = rotateBytes
        self.rotateDaily = rotateDaily
        self.includeQuery = includeQuery
        self.failurePolicy = failurePolicy
        self.hmacKeyPath = hmacKeyPath
        self.squidLogPath = squidLogPath
        self.syslog = syslog
        self.maxBacklog = max(1, maxBacklog)
    }
}
