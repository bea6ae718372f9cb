/// The text under scan as code points, with full-width ASCII folded (NFKC for digits and Latin) one-to-one so offsets stay valid.
struct ScanText {
    /// The scanned text, used to cut out values and to map code point offsets to UTF-8.
    let text: String
    /// Folded code point values: U+FF01...U+FF5E map to ASCII, U+00A0 and U+3000 stay distinct.
    let c: [UInt32]
    var count: Int { c.count }
    /// Letter / upper / lower class of each code point (bits 1, 2, 4), computed once so the scanners' many class tests
    /// are one load instead of a Unicode property lookup each; bits 3-4 hold the code point's UTF-8 length minus one,
    /// so findings map to UTF-8 offsets without decoding the text again.
    private let classes: [UInt8]
    /// Whether the text names an SSN column or label anywhere (CSV exports put the label far from the value).
    let hasSSNColumn: Bool

    init(_ text: String) {
        self.text = text
        // One decoding pass folds and classifies into buffers sized by the UTF-8 length, which bounds the scalar count.
        let capacity = text.utf8.count
        let ascii = ScanText.asciiClasses
        var firstBackslash = -1
        var classes: [UInt8] = []
        var folded = [UInt32](unsafeUninitializedCapacity: capacity) { foldedBuffer, foldedCount in
            classes = [UInt8](unsafeUninitializedCapacity: capacity) { classBuffer, classCount in
                var n = 0
                for s in text.unicodeScalars {
                    let original = s.value
                    var v = original
                    if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
                    if v == 92 && firstBackslash < 0 { firstBackslash = n }
                    foldedBuffer[n] = v
                    let length: UInt8 = original < 0x80 ? 0 : original < 0x800 ? 1 : original < 0x10000 ? 2 : 3
                    classBuffer[n] = (v < 128 ? ascii[Int(v)] : ScanText.characterClass(v)) | length << 3
                    n += 1
                }
                classCount = n
            }
            foldedCount = classes.count
        }
        // JSON-style escapes in raw bodies (`\n`, `\t`, `\"`) fold to a space plus the character they stand for, so `\nJan` reads as a new line.
        var i = max(firstBackslash, 0)
        while firstBackslash >= 0 && i + 1 < folded.count {
            if folded[i] == 92 {
                // Space, line feed and tab are no letters: their class is 0.
                switch folded[i + 1] {
                // Both are one-byte ASCII in the text, so their UTF-8 length bits stay 0 too.
                case 110: folded[i] = 32; folded[i + 1] = 10; classes[i] = 0; classes[i + 1] = 0; i += 2; continue
                case 116: folded[i] = 32; folded[i + 1] = 9; classes[i] = 0; classes[i + 1] = 0; i += 2; continue
                case 114: folded[i] = 32; folded[i + 1] = 10; classes[i] = 0; classes[i + 1] = 0; i += 2; continue
                case 34: folded[i] = 32; classes[i] = 0; i += 2; continue
                case 92: i += 2; continue
                default: break
                }
            }
            i += 1
        }
        c = folded
        self.classes = classes
        var ssn = false
        let social: [UInt32] = Array("social security".unicodeScalars.map(\.value))
        var k = 0
        while k + 2 < folded.count && !ssn {
            let a = folded[k] | 0x20
            if a == 115 && (folded[k + 1] | 0x20) == 115 && (folded[k + 2] | 0x20) == 110 { ssn = true }
            if a == 115 && k + social.count <= folded.count {
                var m = true
                for (j, u) in social.enumerated() where (folded[k + j] | (folded[k + j] < 128 ? 0x20 : 0)) != u { m = false; break }
                if m { ssn = true }
            }
            k += 1
        }
        hasSSNColumn = ssn
    }

    @inline(__always) subscript(_ i: Int) -> UInt32 { i >= 0 && i < c.count ? c[i] : 0 }

    @inline(__always) func isDigit(_ i: Int) -> Bool { let v = self[i]; return v >= 48 && v <= 57 }
    @inline(__always) func digit(_ i: Int) -> Int { Int(self[i]) - 48 }
    @inline(__always) func isUpperASCII(_ i: Int) -> Bool { let v = self[i]; return v >= 65 && v <= 90 }
    @inline(__always) func isLowerASCII(_ i: Int) -> Bool { let v = self[i]; return v >= 97 && v <= 122 }
    @inline(__always) func isASCIIAlnum(_ i: Int) -> Bool { let v = self[i]; return (v >= 48 && v <= 57) || (v | 0x20 >= 97 && v | 0x20 <= 122) }

    private static let letterBit: UInt8 = 1, upperBit: UInt8 = 2, lowerBit: UInt8 = 4
    private static let asciiClasses: [UInt8] = (0..<128).map { characterClass(UInt32($0)) }

    /// The letter / upper / lower bits of one folded code point.
    private static func characterClass(_ v: UInt32) -> UInt8 {
        (isLetter(v) ? letterBit : 0) | (isUpper(v) ? upperBit : 0) | (isLower(v) ? lowerBit : 0)
    }

    @inline(__always) private func hasClass(_ i: Int, _ bit: UInt8) -> Bool { i >= 0 && i < classes.count && classes[i] & bit != 0 }

    /// UTF-8 bytes of the original code points in `range` (before folding), for mapping findings to UTF-8 offsets.
    func utf8Length(_ range: Range<Int>) -> Int {
        var total = range.count
        for i in range { total += Int(classes[i] >> 3) }
        return total
    }

    /// Any letter, including accented Latin, Hangul, kana and Han.
    @inline(__always) func isLetter(_ i: Int) -> Bool { hasClass(i, ScanText.letterBit) }
    @inline(__always) func isUpper(_ i: Int) -> Bool { hasClass(i, ScanText.upperBit) }
    @inline(__always) func isLower(_ i: Int) -> Bool { hasClass(i, ScanText.lowerBit) }

    private static func isLetter(_ v: UInt32) -> Bool {
        if v < 128 { return (v | 0x20) >= 97 && (v | 0x20) <= 122 }
        if v >= 0xC0 && v <= 0x24F { return v != 0xD7 && v != 0xF7 } // Latin-1 and Latin Extended letters
        if (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3041 && v <= 0x30FA) { return true }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isAlphabetic
    }
    private static func isUpper(_ v: UInt32) -> Bool {
        if v < 128 { return v >= 65 && v <= 90 }
        if v >= 0xC0 && v <= 0xFF { return v <= 0xDE && v != 0xD7 }
        if v >= 0x3000 && v <= 0xD7A3 { return false } // CJK and Hangul have no case
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isUppercase
    }
    private static func isLower(_ v: UInt32) -> Bool {
        if v < 128 { return v >= 97 && v <= 122 }
        if v >= 0xC0 && v <= 0xFF { return v >= 0xDF && v != 0xF7 }
        if v >= 0x3000 && v <= 0xD7A3 { return false }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isLowercase
    }
    @inline(__always) func isHangul(_ i: Int) -> Bool { let v = self[i]; return v >= 0xAC00 && v <= 0xD7A3 }
    @inline(__always) func isHan(_ i: Int) -> Bool { let v = self[i]; return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || v == 0x3005 || v == 0x30F6 || v == 0x30F5 }
    @inline(__always) func isKana(_ i: Int) -> Bool { let v = self[i]; return (v >= 0x3041 && v <= 0x30FF && v != 0x30FB) }
    @inline(__always) func isSpace(_ i: Int) -> Bool { let v = self[i]; return v == 32 || v == 0xA0 || v == 0x3000 }

    /// Folded text of a range, lowercased, for keyword comparisons.
    func lowered(_ r: Range<Int>) -> String {
        let lo = max(0, r.lowerBound), hi = min(count, r.upperBound)
        guard lo < hi else { return "" }
        // ASCII fast path: lowercase bytes straight into a String.
        var ascii = true
        for i in lo..<hi where c[i] >= 128 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: hi - lo) { buf in
                for i in lo..<hi {
                    var v = UInt8(truncatingIfNeeded: c[i])
                    if v >= 65 && v <= 90 { v += 32 }
                    buf[i - lo] = v
                }
                return hi - lo
            }
        }
        var s = String.UnicodeScalarView()
        for i in lo..<hi { if let u = Unicode.Scalar(c[i]) { s.append(u) } }
        return String(s).lowercased()
    }

    /// Whether `word` (lowercase ASCII) occurs at i, case-insensitively.
    func matches(_ word: String, at i: Int) -> Bool {
        var j = i
        for u in word.unicodeScalars {
            guard j < count else { return false }
            var v = c[j]
            if v >= 65 && v <= 90 { v += 32 }
            if v != u.value { return false }
            j += 1
        }
        return true
    }

    /// The folded digits in a range, skipping separators.
    func digits(_ r: Range<Int>) -> [Int] {
        var out: [Int] = []
        for i in r where isDigit(i) { out.append(digit(i)) }
        return out
    }
}

extension ScanText {
    /// The lowercase code points of `r` into `buf` (ASCII spaces dropped when asked), what `lowered(r)` would hold;
    /// false when a code point needs full Unicode case mapping, and the caller must use `lowered`.
    func lowercased(_ r: Range<Int>, droppingSpaces: Bool, into buf: inout [UInt32]) -> Bool {
        buf.removeAll(keepingCapacity: true)
        for i in max(0, r.lowerBound)..<min(count, r.upperBound) {
            guard let v = WordSet.lower(c[i]) else { return false }
            if droppingSpaces && v == 32 { continue }
            buf.append(v)
        }
        return true
    }
}

extension Array where Element == UInt32 {
    /// Whether `w` occurs as a contiguous run.
    func includes(_ w: [UInt32]) -> Bool {
        guard w.count <= count else { return false }
        guard let f = w.first else { return true }
        var i = 0
        while i + w.count <= count {
            if self[i] == f {
                var k = 1
                while k < w.count && self[i + k] == w[k] { k += 1 }
                if k == w.count { return true }
            }
            i += 1
        }
        return false
    }
}
