import Crypto

/// Seals lines into the hash chain: each line carries `seq`, the previous line's hash, its own hash and an optional HMAC.
///
/// Canonical bytes of a line are the line up to (not including) `,"hash":`, closed with `}`. The line's `hash` is the
/// SHA-256 of those bytes; the next line's `prev` repeats it; `mac` is HMAC-SHA256 of the same bytes with a key kept
/// outside the log.
struct AuditChain {
    /// `prev` of the first line ever written.
    static let genesis = String(repeating: "0", count: 64)

    private(set) var nextSeq: UInt64
    private(set) var lastHash: String
    private let macKey: SymmetricKey?

    init(nextSeq: UInt64 = 0, lastHash: String = AuditChain.genesis, macKey: [UInt8]? = nil) {
        self.nextSeq = nextSeq
        self.lastHash = lastHash
        self.macKey = macKey.map { SymmetricKey(data: $0) }
    }

    /// Seals one record into a complete line, newline included.
    mutating func seal(_ record: AuditRecord) -> [UInt8] {
        seal { record.writeFields(into: &$0) }
    }

    /// Seals one rotation header into a complete line, newline included.
    mutating func seal(_ header: AuditHeader) -> [UInt8] {
        seal { header.writeFields(into: &$0) }
    }

    private static let closingBrace: [UInt8] = [UInt8(ascii: "}")]

    private mutating func seal(_ fields: (inout CanonicalJSON) -> Void) -> [UInt8] {
        var json = CanonicalJSON()
        json.int("seq", Int64(nextSeq))
        fields(&json)
        json.string("prev", lastHash)
        // The hash covers the object closed with "}", fed in two parts instead of copying the line.
        var hasher = SHA256()
        hasher.update(data: json.bytes)
        hasher.update(data: Self.closingBrace)
        let hash = Hex.encode(hasher.finalize())
        var line = json.bytes
        line.append(contentsOf: #","hash":""#.utf8)
        line.append(contentsOf: hash.utf8)
        line.append(UInt8(ascii: "\""))
        if let macKey {
            let mac = HMAC<SHA256>.authenticationCode(for: json.closed, using: macKey)
            line.append(contentsOf: #","mac":""#.utf8)
            line.append(contentsOf: Hex.encode(mac).utf8)
            line.append(UInt8(ascii: "\""))
        }
        line.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        nextSeq += 1
        lastHash = hash
        return line
    }
}
