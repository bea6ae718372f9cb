import Foundation

/// Records read back from one file or a rotated series, in chain order, for the officer's tools.
public struct AuditLog: Sendable {
    /// One record and where it sits, so tools can point at `file:line`.
    public struct Entry: Sendable {
        public var file: String
        public var line: Int
        public var seq: UInt64
        public var record: AuditRecord
    }

    public var entries: [Entry]
    /// Lines that could not be read (the verifier says why).
    public var unreadable: Int

    public var records: [AuditRecord] { entries.map(\.record) }

    /// Reads `files`, skipping headers; `since`/`until` keep records with `since <= time < until`.
    public static func load(files: [String], since: Date? = nil, until: Date? = nil) throws(AuditError) -> AuditLog {
        var entries: [Entry] = []
        var unreadable = 0
        let decoder = JSONDecoder()
        for path in files {
            let file = try AuditLogFile.read(path: path)
            for (index, bytes) in file.lines.enumerated() {
                guard case .success(let line) = AuditLine.parse(bytes, decoder: decoder) else { unreadable += 1; continue }
                guard let record = line.record else { continue }
                if let since, record.time < since { continue }
                if let until, record.time >= until { continue }
                entries.append(Entry(file: path, line: index + 1, seq: line.seq, record: record))
            }
        }
        entries.sort { $0.seq < $1.seq }
        return AuditLog(entries: entries, unreadable: unreadable)
    }
}
