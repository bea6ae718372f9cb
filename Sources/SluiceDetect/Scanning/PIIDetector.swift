/// Finds personal data in text in a few linear passes over code points; no regular expressions, no backtracking.
public struct PIIDetector: Sendable {
    public var minimumConfidence: Double

    public init(minimumConfidence: Double = 0.5) {
        self.minimumConfidence = minimumConfidence
    }

    /// Non-overlapping findings sorted by position; the most confident (then longest) candidate wins an overlap.
    public func findings(in text: String) -> [Finding] {
        let t = ScanText(text)
        var candidates = self.candidates(t)
        candidates.removeAll { $0.confidence < minimumConfidence || $0.end <= $0.start }
        candidates.sort { a, b in
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            if a.end - a.start != b.end - b.start { return a.end - a.start > b.end - b.start }
            return a.start < b.start
        }
        var taken = [Bool](repeating: false, count: t.count + 1)
        var chosen: [Candidate] = []
        for c in candidates {
            var free = true
            for k in c.start..<c.end where taken[k] { free = false; break }
            guard free else { continue }
            for k in c.start..<c.end { taken[k] = true }
            chosen.append(c)
        }
        chosen.sort { $0.start < $1.start }
        return makeFindings(chosen, t)
    }

    func candidates(_ t: ScanText) -> [Candidate] {
        var out: [Candidate] = []
        TokenScanner.scan(t, into: &out)
        NumberScanner.scan(t, into: &out)
        // Tables: one split of every line serves both column scanners.
        let table = CellTable(t)
        DateOfBirthScanner.scan(t, table, into: &out)
        AddressScanner.scan(t, into: &out)
        let locals = out.filter { $0.type == .email }.map { c -> (position: Int, local: [UInt32]) in
            var e = c.start
            while e < c.end && t[e] != 64 { e += 1 }
            // Local parts are ASCII (TokenScanner.isLocal), so their lowercase is exact per code point.
            return (c.start, (c.start..<e).map { t[$0] >= 65 && t[$0] <= 90 ? t[$0] + 32 : t[$0] })
        }.sorted { $0.position < $1.position }
        PersonScanner.scan(t, table, emailLocals: locals, into: &out)
        return out
    }

    private func makeFindings(_ chosen: [Candidate], _ t: ScanText) -> [Finding] {
        guard !chosen.isEmpty else { return [] }
        // Findings are sorted and disjoint: one forward pass over the UTF-8 lengths kept in the scan text converts
        // code point boundaries to UTF-8 offsets, without decoding the text again.
        var at = 0, offset = 0
        func advance(to target: Int) {
            guard target > at else { return }
            offset += t.utf8Length(at..<target)
            at = target
        }
        // Values are cut from the UTF-8 view (index arithmetic is constant time on native strings), not rebuilt per scalar.
        let utf8 = t.text.utf8
        var result: [Finding] = []
        result.reserveCapacity(chosen.count)
        for c in chosen {
            advance(to: c.start)
            let lo = offset
            advance(to: c.end)
            let hi = offset
            let a = utf8.index(utf8.startIndex, offsetBy: lo), b = utf8.index(utf8.startIndex, offsetBy: hi)
            result.append(Finding(type: c.type, scalarRange: c.start..<c.end, utf8Range: lo..<hi, confidence: c.confidence,
                                  value: String(t.text.unicodeScalars[a..<b])))
        }
        return result
    }
}
