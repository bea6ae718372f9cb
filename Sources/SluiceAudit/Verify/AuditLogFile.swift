import Foundation

/// One log file split into complete lines, plus the bytes after the last newline (a torn write after a crash).
public struct AuditLogFile: Sendable {
    public var path: String
    /// Complete lines, newline excluded.
    public var lines: [ArraySlice<UInt8>]
    /// Bytes after the final newline, nil when the file ends cleanly.
    public var tornTail: ArraySlice<UInt8>?

    public static func read(path: String) throws(AuditError) -> AuditLogFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError(.readFailed, path: path, reason: "cannot read file")
        }
        return AuditLogFile(path: path, bytes: Array(data))
    }

    init(path: String, bytes: [UInt8]) {
        self.path = path
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
        }
        self.lines = lines
        self.tornTail = start < bytes.count ? bytes[start...] : nil
    }
}
