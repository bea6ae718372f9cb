/// State shared between `append`/`flush` callers and the writer thread.
final class AuditWriterSharedState {
    var pending: [AuditRecord] = []
    var appended: UInt64 = 0
    var written: UInt64 = 0
    var durable: UInt64 = 0
    var failures: UInt64 = 0
    var healthy = true
    var lastError: String?
    var stopping = false
    var flushWanted = false
    var finished = false
    var started = false
}

// Safe: every property is read and written only while holding the owning AuditWriter's NSCondition.
extension AuditWriterSharedState: @unchecked Sendable {}
