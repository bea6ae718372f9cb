import Foundation

/// Test-only fault switches and clock for paths a test cannot otherwise reach (a disk that fills up, midnight).
final class AuditWriterFaults {
    private let lock = NSLock()
    private var _failWrites = false
    private var _failSync = false
    private var _now: Date?

    var failWrites: Bool {
        get { lock.withLock { _failWrites } }
        set { lock.withLock { _failWrites = newValue } }
    }

    var failSync: Bool {
        get { lock.withLock { _failSync } }
        set { lock.withLock { _failSync = newValue } }
    }

    /// When set, the writer's idea of "now" for rotation and recovery records.
    var now: Date? {
        get { lock.withLock { _now } }
        set { lock.withLock { _now = newValue } }
    }
}

// Safe: every stored property is read and written under `lock`.
extension AuditWriterFaults: @unchecked Sendable {}
