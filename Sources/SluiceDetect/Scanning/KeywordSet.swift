/// Keywords indexed by their first code point, so testing "does a keyword start here" costs one lookup on most characters.
struct KeywordSet: Sendable {
    private let byFirst: [UInt32: [[UInt32]]]
    /// ASCII first characters that start some keyword, so most characters are rejected without hashing.
    private let asciiFirst: [Bool]
    /// First code points folded into 4096 buckets: a miss means no keyword starts with this character.
    private let firstBuckets: [Bool]

    /// Words are matched case-insensitively for ASCII; list longer words first when one is a prefix of another.
    init(_ words: [String]) {
        var map: [UInt32: [[UInt32]]] = [:]
        for w in words {
            let s = w.lowercased().unicodeScalars.map(\.value)
            guard let f = s.first else { continue }
            map[f, default: []].append(s)
        }
        byFirst = map
        var ascii = [Bool](repeating: false, count: 128)
        for k in map.keys where k < 128 { ascii[Int(k)] = true }
        asciiFirst = ascii
        var buckets = [Bool](repeating: false, count: 4096)
        for k in map.keys { buckets[Int(k & 4095)] = true }
        firstBuckets = buckets
    }

    /// The first keyword (in list order) that starts at `i`, as its scalar count.
    func match(_ t: ScanText, at i: Int) -> Int? {
        var v = t[i]
        if v >= 65 && v <= 90 { v += 32 }
        if v < 128 && !asciiFirst[Int(v)] { return nil }
        if !firstBuckets[Int(v & 4095)] { return nil }
        guard let words = byFirst[v] else { return nil }
        for w in words where t.matches(w, at: i) { return w.count }
        return nil
    }
}

extension ScanText {
    /// Whether the scalars `w` (lowercase) occur at i, ASCII case-insensitively.
    func matches(_ w: [UInt32], at i: Int) -> Bool {
        guard i >= 0, i + w.count <= count else { return false }
        for (k, u) in w.enumerated() {
            var v = c[i + k]
            if v >= 65 && v <= 90 { v += 32 }
            if v != u { return false }
        }
        return true
    }
}
