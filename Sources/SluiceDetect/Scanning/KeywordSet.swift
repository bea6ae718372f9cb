/// Keywords indexed by their first code point, so testing "does a keyword start here" costs one lookup on most characters.
struct KeywordSet: Sendable {
    private let byFirst: [UInt32: [[UInt32]]]

    /// Words are matched case-insensitively for ASCII; list longer words first when one is a prefix of another.
    init(_ words: [String]) {
        var map: [UInt32: [[UInt32]]] = [:]
        for w in words {
            let s = w.lowercased().unicodeScalars.map(\.value)
            guard let f = s.first else { continue }
            map[f, default: []].append(s)
        }
        byFirst = map
    }

    /// The first keyword (in list order) that starts at `i`, as its scalar count.
    func match(_ t: ScanText, at i: Int) -> Int? {
        var v = t[i]
        if v >= 65 && v <= 90 { v += 32 }
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
