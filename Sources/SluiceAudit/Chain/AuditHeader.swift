import Foundation

/// First line of every log file: names the file before it and that file's final hash, so rotation keeps one chain.
public struct AuditHeader: Sendable, Equatable {
    /// Format tag so a future reader knows which rules built the line.
    public static let format = "sluice-audit/1"
    public var time: Date
    /// Base name of the previous file in the series, nil for the very first file.
    public var previousFile: String?
    /// Final hash of the previous file (64 zeros for the very first file).
    public var previousHash: String

    public init(time: Date, previousFile: String?, previousHash: String) {
        self.time = time
        self.previousFile = previousFile
        self.previousHash = previousHash
    }

    func writeFields(into json: inout CanonicalJSON) {
        json.string("time", RFC3339.format(time))
        json.string("event", "header")
        json.string("format", Self.format)
        json.string("previousFile", previousFile)
        json.string("previousHash", previousHash)
    }
}
