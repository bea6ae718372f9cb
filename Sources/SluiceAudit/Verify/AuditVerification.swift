/// Outcome of checking one file or a rotated series: where the chain first breaks and why, or that it holds.
public struct AuditVerification: Sendable, Equatable {
    /// A line that breaks the chain; `line` is 1-based, 0 when the whole file is at fault.
    public struct Failure: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
    }

    /// An incomplete final line after a crash: a warning, not a failure.
    public struct TornTail: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var bytes: Int
    }

    /// Files in chain order (by the sequence number of their headers).
    public var files: [String] = []
    /// Lines that passed every check.
    public var lines: Int = 0
    public var firstBad: Failure?
    public var tornTail: TornTail?
    /// True when a chain key was given and every line's `mac` matched it.
    public var macChecked: Bool = false
    /// Previous file named by the first header but not given: the check starts mid-series.
    public var startsAfter: String?
    public var lastSeq: UInt64?
    public var lastHash: String?

    public var ok: Bool { firstBad == nil }

    /// Exit status for scripts: 0 intact (a torn final line is only a warning), 1 broken.
    public var exitCode: Int32 { ok ? 0 : 1 }

    /// What an officer reads: verdict first, then the details that matter.
    public var report: String {
        var out: [String] = []
        if let firstBad {
            out.append("FAIL \(firstBad.file)" + (firstBad.line > 0 ? ":\(firstBad.line)" : "") + ": \(firstBad.reason)")
            out.append("\(lines) line(s) verified before the failure")
        } else {
            out.append("OK \(lines) line(s) in \(files.count) file(s), chain intact" + (macChecked ? ", HMAC verified" : ""))
            if let lastSeq, let lastHash { out.append("last seq \(lastSeq), last hash \(lastHash)") }
        }
        if let startsAfter {
            out.append("note: the series continues a file not given (\(startsAfter)); lines before it were not checked")
        }
        if let tornTail {
            out.append("warning: \(tornTail.file):\(tornTail.line): truncated final line (crash): \(tornTail.bytes) byte(s) "
                + "without a newline; the writer drops it on restart and logs a recovery line")
        }
        return out.joined(separator: "\n")
    }
}
