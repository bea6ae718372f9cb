/// A line's `seq` and `hash` kept outside the log (syslog collector, ticket, print-out): proves the end was not cut off.
public struct AuditAnchor: Sendable, Equatable {
    public var seq: UInt64
    public var hash: String

    public init(seq: UInt64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Parses `SEQ:HASH` as printed by `sluice audit verify` ("last seq N, last hash H").
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let seq = UInt64(parts[0]), Hex.isDigest(parts[1].lowercased()) else { return nil }
        self.init(seq: seq, hash: parts[1].lowercased())
    }
}
