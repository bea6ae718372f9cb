import Foundation

/// The end of an existing log file: its last complete line and any torn bytes after it, read without loading the file.
struct AuditTail {
    /// How far back from the end to look for the last line; lines are far shorter.
    static let window: Int64 = 4 << 20

    var lastLine: AuditLine?
    /// The first line, when the window reaches the start of the file (used for the file's day).
    var firstLine: AuditLine?
    var lastLineFault: String?
    var tornBytes: [UInt8]
    /// Offset just past the last newline: where a torn tail is cut.
    var cleanLength: Int64
    var isEmpty: Bool

    static func read(path: String) throws(AuditError) -> AuditTail {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AuditError(.readFailed, path: path, reason: "cannot read existing log")
        }
        defer { try? handle.close() }
        let size = Int64((try? handle.seekToEnd()) ?? 0)
        let start = max(0, size - window)
        try? handle.seek(toOffset: UInt64(start))
        let bytes = Array((try? handle.readToEnd()) ?? Data())
        let log = AuditLogFile(path: path, bytes: bytes)
        let decoder = JSONDecoder()
        var tail = AuditTail(lastLine: nil, firstLine: nil, lastLineFault: nil, tornBytes: Array(log.tornTail ?? []),
                             cleanLength: size - Int64(log.tornTail?.count ?? 0), isEmpty: size == 0)
        if let last = log.lines.last {
            switch AuditLine.parse(last, decoder: decoder) {
            case .success(let line): tail.lastLine = line
            case .failure(let fault): tail.lastLineFault = fault.reason
            }
        }
        if start == 0, let first = log.lines.first { tail.firstLine = try? AuditLine.parse(first, decoder: decoder).get() }
        return tail
    }
}
