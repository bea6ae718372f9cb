/// Test-only fault switches for paths a test cannot otherwise reach (a disk that fills up mid-run).
final class AuditWriterFaults: @unchecked Sendable {
    var failWrites = false
    var failSync = false
}
