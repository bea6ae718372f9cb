/// application/x-www-form-urlencoded per the WHATWG URL standard: `+` is space, `%XX` bytes, fields split on `&`.
enum FormCodec {
    static func percentDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == UInt8(ascii: "+") { out.append(32); i += 1 }
            else if c == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex, let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2]) else { return nil }
                out.append(h << 4 | l)
                i += 3
            } else { out.append(c); i += 1 }
        }
        return out
    }

    static func percentEncode(_ s: String) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in s.utf8 {
            if (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 46 || b == 95 || b == 42 { out.append(b) }
            else if b == 32 { out.append(UInt8(ascii: "+")) }
            else { out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]] }
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        if c >= 48 && c <= 57 { return c - 48 }
        let l = c | 0x20
        if l >= 97 && l <= 102 { return l - 87 }
        return nil
    }

    /// Scans each field value and re-encodes only the fields that changed; unchanged fields keep their exact bytes.
    static func redact(_ body: [UInt8], session: inout RedactionSession) throws(DetectError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var start = 0
        var first = true
        while start <= body.count {
            var end = start
            while end < body.count && body[end] != UInt8(ascii: "&") { end += 1 }
            if !first { out.append(UInt8(ascii: "&")) }
            first = false
            let field = body[start..<end]
            if let eq = field.firstIndex(of: UInt8(ascii: "=")) {
                let rawValue = field[(eq + 1)...]
                guard let decoded = percentDecode(rawValue), let text = String(validating: decoded, as: UTF8.self) else {
                    throw DetectError(.malformedBody, "form field is not percent-encoded UTF-8")
                }
                let before = session.changed
                session.changed = false
                let new = session.process(text, base: eq + 1)
                out += field[...eq]
                out += session.changed ? percentEncode(new) : Array(rawValue)
                session.changed = before || session.changed
            } else {
                out += field
            }
            start = end + 1
        }
        return out
    }
}
