import Synchronization

/// State shared between `append`/`flush` callers and the writer thread.
final class AuditWriterSharedState {
    var pending: [AuditRecord] = []
    var appended: UInt64 = 0
    var written: UInt64 = 0
    var durable: UInt64 = 0
    var failures: UInt64 = 0
    var healthy = true {
        didSet { healthyFlag.store(healthy, ordering: .releasing) }
    }
    /// `healthy` for the request path, which asks on every request and should not take the lock for it.
    let healthyFlag = Atomic<Bool>(true)
    var lastError: String?
    var stopping = false
    var flushWanted = false
    var finished = false
    var started = false
}

// Safe: every property but the atomic `healthyFlag` is read and written only while holding the owning
// AuditWriter's NSCondition.
extension AuditWriterSharedState: @unchecked Sendable {}
