/// An extra consumer of sealed lines (syslog, a test probe); called on the writer's thread after the line is written.
public protocol AuditSink: Sendable {
    /// Must not block for long: it runs on the audit writer's thread. `line` is the sealed JSON line without newline.
    func write(_ record: AuditRecord, line: String)
}
