/// Keywords indexed by their first code point, so testing "does a keyword start here" costs one lookup on most characters.
struct KeywordSet: Sendable {
    /// Keywords whose first code point is ASCII, indexed by it (lowercase), in list order.
    private let byASCII: [[[UInt32]]]
    /// Keywords whose first code point is beyond ASCII.
    private let byFirst: [UInt32: [[UInt32]]]
    /// ASCII first code point (lowercase) × second code point (lowercase ASCII, or 128 for anything else): whether some
    /// keyword starts with that pair, so ordinary letters are rejected with one load.
    private let asciiPairs: [Bool]
    /// First code points folded into 4096 buckets: a miss means no keyword starts with this character.
    private let firstBuckets: [Bool]
    /// The lowercase keywords in list order.
    let words: [String]

    /// Words are matched case-insensitively for ASCII; list longer words first when one is a prefix of another.
    init(_ words: [String]) {
        var map: [UInt32: [[UInt32]]] = [:]
        var ascii = [[[UInt32]]](repeating: [], count: 128)
        var buckets = [Bool](repeating: false, count: 4096)
        var pairs = [Bool](repeating: false, count: 128 * 129)
        for w in words {
            let s = w.lowercased().unicodeScalars.map(\.value)
            guard let f = s.first else { continue }
            if f < 128 {
                ascii[Int(f)].append(s)
                if s.count == 1 { for k in 0..<129 { pairs[Int(f) * 129 + k] = true } }
                else { pairs[Int(f) * 129 + Int(s[1] < 128 ? s[1] : 128)] = true }
            } else { map[f, default: []].append(s) }
            buckets[Int(f & 4095)] = true
        }
        byASCII = ascii
        asciiPairs = pairs
        byFirst = map
        firstBuckets = buckets
        self.words = words.map { $0.lowercased() }
    }

    /// The first keyword (in list order) that starts at `i`, as its scalar count. Called at every character, so the
    /// pair rejection is inlined into the caller's loop.
    @inline(__always) func match(_ t: ScanText, at i: Int) -> Int? {
        var v = t[i]
        if v < 128 {
            if v >= 65 && v <= 90 { v += 32 }
            var v2 = t[i + 1]
            if v2 >= 65 && v2 <= 90 { v2 += 32 }
            guard asciiPairs[Int(v) * 129 + Int(v2 < 128 ? v2 : 128)] else { return nil }
        }
        return slowMatch(t, at: i)
    }

    private func slowMatch(_ t: ScanText, at i: Int) -> Int? {
        var v = t[i]
        if v < 128 {
            if v >= 65 && v <= 90 { v += 32 }
            for w in byASCII[Int(v)] where t.matches(w, at: i) { return w.count }
            return nil
        }
        if !firstBuckets[Int(v & 4095)] { return nil }
        guard let words = byFirst[v] else { return nil }
        for w in words where t.matches(w, at: i) { return w.count }
        return nil
    }

    /// Whether any keyword lies wholly inside `r` (ASCII case-insensitively).
    func occurs(in t: ScanText, _ r: Range<Int>) -> Bool {
        for j in r {
            var v = t.c[j]
            let words: [[UInt32]]
            if v < 128 {
                if v >= 65 && v <= 90 { v += 32 }
                words = byASCII[Int(v)]
            } else {
                guard firstBuckets[Int(v & 4095)], let ws = byFirst[v] else { continue }
                words = ws
            }
            for w in words where j + w.count <= r.upperBound && t.matches(w, at: j) { return true }
        }
        return false
    }
}

extension ScanText {
    /// Whether the scalars `w` (lowercase) occur at i, ASCII case-insensitively.
    func matches(_ w: [UInt32], at i: Int) -> Bool {
        guard i >= 0, i + w.count <= count else { return false }
        var k = i
        for u in w {
            var v = c[k]
            if v >= 65 && v <= 90 { v += 32 }
            if v != u { return false }
            k += 1
        }
        return true
    }
}
