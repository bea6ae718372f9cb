/// Fixed-shape tokens found in one pass: e-mail addresses, IBANs, Taiwan IDs, IPv6 addresses and Dutch postcodes.
enum TokenScanner {
    static func scan(_ t: ScanText, into out: inout [Candidate]) {
        let n = t.count
        var i = 0
        while i < n {
            let v = t[i]
            // Only @, :, digits, capitals and a-f can start a token: skip everything else at once.
            guard v == 64 || v == 58 || (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 102) else { i += 1; continue }
            if v == 64 { email(t, at: i, into: &out) }
            else if t.isUpperASCII(i) && !t.isASCIIAlnum(i - 1) {
                if t.isUpperASCII(i + 1) && t.isDigit(i + 2) && t.isDigit(i + 3) { iban(t, at: i, into: &out) }
                else if t.isDigit(i + 1) { taiwanID(t, at: i, into: &out) }
            }
            if t.isDigit(i) && !t.isASCIIAlnum(i - 1) && t[i - 1] != 58 { postcode(t, at: i, into: &out) }
            if (v == 58 || isHex(v)) && !isHex(t[i - 1]) && !(t[i - 1] == 58 && isHex(t[i - 2])) && !t.isASCIIAlnum(i - 1) { i = ipv6(t, at: i, into: &out) }
            i += 1
        }
    }

    @inline(__always) static func isHex(_ v: UInt32) -> Bool { (v >= 48 && v <= 57) || (v >= 97 && v <= 102) || (v >= 65 && v <= 70) }
    @inline(__always) static func isLocal(_ v: UInt32) -> Bool {
        (v >= 48 && v <= 57) || ((v | 0x20) >= 97 && (v | 0x20) <= 122) || v == 46 || v == 95 || v == 37 || v == 43 || v == 45
    }
    @inline(__always) static func isDomain(_ v: UInt32) -> Bool {
        (v >= 48 && v <= 57) || ((v | 0x20) >= 97 && (v | 0x20) <= 122) || v == 46 || v == 45
    }

    static func email(_ t: ScanText, at: Int, into out: inout [Candidate]) {
        var s = at
        while s > 0 && isLocal(t[s - 1]) && at - s < 64 { s -= 1 }
        while s < at && (t[s] == 46 || t[s] == 45 || t[s] == 43) { s += 1 }
        guard s < at else { return }
        var e = at + 1
        while e < t.count && isDomain(t[e]) && e - at < 255 { e += 1 }
        while e > at + 1 && (t[e - 1] == 46 || t[e - 1] == 45) { e -= 1 }
        // Need a dot and a final label of at least two letters.
        var lastDot = -1
        for k in (at + 1)..<e where t[k] == 46 { lastDot = k }
        guard lastDot > at + 1, e - lastDot - 1 >= 2 else { return }
        for k in (lastDot + 1)..<e where !t.isLetter(k) { return }
        out.append(Candidate(type: .email, start: s, end: e, confidence: 0.99))
    }

    static func iban(_ t: ScanText, at i: Int, into out: inout [Candidate]) {
        let cc = String(UnicodeScalar(UInt8(t[i]))) + String(UnicodeScalar(UInt8(t[i + 1])))
        guard let len = ChecksumValidator.ibanLength[cc] else { return }
        var chars: [UInt32] = []
        var k = i
        var lastEnd = i
        while k < t.count && chars.count < len {
            let v = t[k]
            if t.isDigit(k) || t.isUpperASCII(k) { chars.append(v); k += 1; lastEnd = k }
            else if (v == 32 || v == 0xA0 || v == 45) && (t.isDigit(k + 1) || t.isUpperASCII(k + 1)) && chars.count % 4 == 0 { k += 1 }
            else { break }
        }
        guard chars.count == len, !t.isASCIIAlnum(lastEnd) || (t[lastEnd - 1] != 32 && !t.isDigit(lastEnd)) else { return }
        if t.isDigit(lastEnd) { return }
        if ChecksumValidator.iban(chars) { out.append(Candidate(type: .iban, start: i, end: lastEnd, confidence: 0.99)) }
    }

    static func taiwanID(_ t: ScanText, at i: Int, into out: inout [Candidate]) {
        for k in 1...9 where !t.isDigit(i + k) { return }
        if t.isASCIIAlnum(i + 10) { return }
        let d = t.digits((i + 1)..<(i + 10))
        if ChecksumValidator.taiwanID(letter: t[i], digits: d) {
            out.append(Candidate(type: .twNationalID, start: i, end: i + 10, confidence: 0.97))
        }
    }

    /// Dutch postcode: 4 digits (first 1-9), optional space, two capitals; unit pairs like 1024 MB are skipped.
    static func postcode(_ t: ScanText, at i: Int, into out: inout [Candidate]) {
        guard t[i] != 48, t.isDigit(i + 1), t.isDigit(i + 2), t.isDigit(i + 3), !t.isDigit(i + 4) else { return }
        var k = i + 4
        if t[k] == 32 || t[k] == 0xA0 { k += 1 }
        guard t.isUpperASCII(k), t.isUpperASCII(k + 1), !t.isLetter(k + 2), !t.isDigit(k + 2) else { return }
        let pair = t.lowered(k..<(k + 2))
        if pair == "sa" || pair == "sd" || pair == "ss" { return }
        // Unit pairs (1024 MB, 2048 GB) count only with address structure around them: a city after, or a street number before.
        if ["kb", "mb", "gb", "tb", "pb", "hz", "kw", "mw", "gw", "am", "pm"].contains(pair) {
            let cityAfter = t[k + 2] == 32 && t.isUpper(k + 3) && t.isLower(k + 4)
            let before = t.lowered(max(0, i - 40)..<i)
            let streetBefore = (i >= 2 && (t[i - 2] == 44 || t[i - 1] == 9 || t[i - 1] == 124 || t[i - 2] == 124)) || before.includes("postcode") || before.includes("postal")
            if !(cityAfter || streetBefore) { return }
        }
        if t[k + 2] == 45 || t[k + 2] == 46 && t.isUpperASCII(k + 3) { return }
        out.append(Candidate(type: .nlPostcode, start: i, end: k + 2, confidence: 0.9))
    }

    /// IPv6, full or compressed; needs a 4-digit group or five groups so C++ scopes and clock times do not match.
    static func ipv6(_ t: ScanText, at i: Int, into out: inout [Candidate]) -> Int {
        var e = i
        while e < t.count && (isHex(t[e]) || t[e] == 58) && e - i < 45 { e += 1 }
        var end = e
        while end > i && t[end - 1] == 58 && !(end - 2 >= i && t[end - 2] == 58) { end -= 1 }
        guard end - i >= 3, !t.isLetter(end) || t[end] == 0 else { return i }
        // Most hex-looking runs are plain numbers or words: no colon, no String.
        guard (i..<end).contains(where: { t.c[$0] == 58 }) else { return i }
        let s = t.lowered(i..<end)
        let chars = Array(s)
        var parts: [String] = [""]
        var k = 0
        while k < chars.count {
            if chars[k] == ":" && k + 1 < chars.count && chars[k + 1] == ":" { parts.append(""); k += 2; continue }
            parts[parts.count - 1].append(chars[k]); k += 1
        }
        guard parts.count <= 2 else { return i }
        var groups: [Substring] = []
        for p in parts where !p.isEmpty { groups += p.split(separator: ":", omittingEmptySubsequences: false) }
        guard groups.allSatisfy({ !$0.isEmpty && $0.count <= 4 }) else { return i }
        if parts.count == 1 && groups.count != 8 { return i }
        if parts.count == 2 && groups.count > 7 { return i }
        guard groups.contains(where: { $0.count == 4 }) || groups.count >= 5 else { return i }
        guard groups.contains(where: { $0.contains(where: { $0.isLetter }) }) || groups.count == 8 else { return i }
        out.append(Candidate(type: .ipAddress, start: i, end: end, confidence: 0.9))
        return end - 1
    }
}
