/// A fixed set of lowercase words tested against ranges of the scanned text without building a `String`: the range is
/// lowercased and hashed scalar by scalar, then compared in an open-addressing table.
struct WordSet: Sendable {
    /// Lowercase scalars of every word, in insertion order.
    private let words: [[UInt32]]
    /// Power-of-two table of indices into `words`, -1 for empty.
    private let slots: [Int32]
    private let mask: Int
    /// The original words, for ranges whose case folding is beyond Latin-1 (rare; answered by `String.lowercased()`).
    private let strings: Set<String>
    /// Length bounds, so most ranges are rejected before hashing.
    private let minLength: Int
    private let maxLength: Int

    init(_ list: some Sequence<String>) {
        var seen = Set<String>()
        var ws: [[UInt32]] = []
        for w in list {
            let lw = w.lowercased()
            guard !lw.isEmpty, seen.insert(lw).inserted else { continue }
            ws.append(lw.unicodeScalars.map(\.value))
        }
        var size = 8
        while size < ws.count * 4 { size *= 2 }
        var table = [Int32](repeating: -1, count: size)
        for (k, w) in ws.enumerated() {
            var h = Int(truncatingIfNeeded: WordSet.hash(w) & UInt64(size - 1))
            while table[h] >= 0 { h = (h + 1) & (size - 1) }
            table[h] = Int32(k)
        }
        words = ws
        slots = table
        mask = size - 1
        strings = seen
        minLength = ws.map(\.count).min() ?? 1
        maxLength = ws.map(\.count).max() ?? 0
    }

    private static func hash(_ w: [UInt32]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in w { h = (h ^ UInt64(v)) &* 0x100_0000_01b3 }
        return h
    }

    /// Lowercase of a folded scalar for ASCII and Latin-1; nil when only full Unicode case mapping can tell.
    @inline(__always) static func lower(_ v: UInt32) -> UInt32? {
        if v < 128 { return v >= 65 && v <= 90 ? v + 32 : v }
        if v <= 0xFF { return v >= 0xC0 && v <= 0xDE && v != 0xD7 ? v + 32 : v }
        // Caseless blocks: punctuation, arrows and symbols, kana, Han, Hangul, half-width forms, emoji.
        if (v >= 0x3000 && v <= 0x9FFF) || (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0x2000 && v <= 0x20FF) || (v >= 0x2190 && v <= 0x23FF)
            || (v >= 0x2500 && v <= 0x2BFF) || (v >= 0xFF5F && v <= 0xFFEF) || (v >= 0x1F000 && v <= 0x1FAFF) { return v }
        return nil
    }

    /// Whether the text in `r`, lowercased, is one of the words (the same answer as `set.contains(t.lowered(r))`).
    func contains(_ t: ScanText, _ r: Range<Int>) -> Bool {
        let lo = max(0, r.lowerBound), hi = min(t.count, r.upperBound)
        guard lo < hi else { return false }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in lo..<hi {
            // Full Unicode lowercasing can change the length (İ → i̇): such ranges take the `String` path.
            guard let v = WordSet.lower(t.c[i]) else { return strings.contains(t.lowered(lo..<hi)) }
            h = (h ^ UInt64(v)) &* 0x100_0000_01b3
        }
        guard hi - lo >= minLength && hi - lo <= maxLength else { return false }
        var s = Int(truncatingIfNeeded: h & UInt64(mask))
        while true {
            let k = slots[s]
            if k < 0 { return false }
            if equal(words[Int(k)], t, lo..<hi) { return true }
            s = (s + 1) & mask
        }
    }

    /// Whether the lowercase scalars `w` (as stored in the table) are the text of `r`.
    func contains(scalars w: [UInt32]) -> Bool {
        guard w.count >= minLength && w.count <= maxLength else { return false }
        var s = Int(truncatingIfNeeded: WordSet.hash(w) & UInt64(mask))
        while true {
            let k = slots[s]
            if k < 0 { return false }
            if words[Int(k)] == w { return true }
            s = (s + 1) & mask
        }
    }

    private func equal(_ w: [UInt32], _ t: ScanText, _ r: Range<Int>) -> Bool {
        guard w.count == r.count else { return false }
        var j = 0
        for i in r {
            if WordSet.lower(t.c[i]) != w[j] { return false }
            j += 1
        }
        return true
    }
}
