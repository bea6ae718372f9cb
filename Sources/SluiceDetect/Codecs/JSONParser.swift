/// A strict RFC 8259 parser over bytes with a depth limit; fails rather than guesses on malformed input.
struct JSONParser {
    private let b: [UInt8]
    private var i = 0
    private let maxDepth = 64

    init(_ bytes: [UInt8]) { b = bytes }

    /// Parses a whole document; trailing non-space bytes are an error.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        var p = JSONParser(bytes)
        guard let v = p.value(depth: 0) else { return nil }
        p.skipSpace()
        return p.i == bytes.count ? v : nil
    }

    private mutating func skipSpace() {
        while i < b.count && (b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13) { i += 1 }
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard depth < maxDepth else { return nil }
        skipSpace()
        guard i < b.count else { return nil }
        switch b[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "\""), case .string(let key, _)? = string() else { return nil }
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let v = value(depth: depth + 1) else { return nil }
                members.append((key, v))
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                return nil
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < b.count && b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                return nil
            }
        case UInt8(ascii: "\""):
            return string()
        default:
            let s = i
            while i < b.count, b[i] == 45 || b[i] == 43 || b[i] == 46 || (b[i] >= 48 && b[i] <= 57) || (b[i] | 0x20 >= 97 && b[i] | 0x20 <= 122) { i += 1 }
            let lit = Array(b[s..<i])
            if lit == Array("true".utf8) || lit == Array("false".utf8) || lit == Array("null".utf8) { return .literal(lit) }
            guard let f = lit.first, f == 45 || (f >= 48 && f <= 57), lit.allSatisfy({ $0 == 45 || $0 == 43 || $0 == 46 || $0 == 101 || $0 == 69 || ($0 >= 48 && $0 <= 57) }) else { return nil }
            return .literal(lit)
        }
    }

    private func hex4(_ at: Int) -> UInt32? {
        guard at + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt32
            if c >= 48 && c <= 57 { d = UInt32(c - 48) } else if c | 0x20 >= 97 && c | 0x20 <= 102 { d = UInt32((c | 0x20) - 87) } else { return nil }
            v = v * 16 + d
        }
        return v
    }

    private mutating func string() -> JSONValue? {
        let start = i
        i += 1
        var bytes: [UInt8] = []
        while i < b.count {
            // Copy the run up to the next quote, backslash or control byte at once.
            var j = i
            while j < b.count && b[j] != 34 && b[j] != 92 && b[j] >= 32 { j += 1 }
            if j > i { bytes.append(contentsOf: b[i..<j]); i = j }
            guard i < b.count else { break }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
                return .string(s, offset: start)
            }
            if c < 32 { return nil }
            if c != 92 { bytes.append(c); i += 1; continue }
            guard i + 1 < b.count else { return nil }
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): bytes.append(34)
            case 92: bytes.append(92)
            case UInt8(ascii: "/"): bytes.append(47)
            case UInt8(ascii: "b"): bytes.append(8)
            case UInt8(ascii: "f"): bytes.append(12)
            case UInt8(ascii: "n"): bytes.append(10)
            case UInt8(ascii: "r"): bytes.append(13)
            case UInt8(ascii: "t"): bytes.append(9)
            case UInt8(ascii: "u"):
                guard var v = hex4(i) else { return nil }
                i += 4
                if v >= 0xD800 && v < 0xDC00 {
                    // Surrogate pair; a lone high surrogate becomes U+FFFD.
                    if i + 6 <= b.count, b[i] == 92, b[i + 1] == UInt8(ascii: "u"), let lo = hex4(i + 2), lo >= 0xDC00 && lo < 0xE000 {
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    } else { v = 0xFFFD }
                } else if v >= 0xDC00 && v < 0xE000 { v = 0xFFFD }
                let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                bytes += Array(String(Character(scalar)).utf8)
            default: return nil
            }
        }
        return nil
    }
}
