/// One pass over digit groups joined by light separators; classifies every group sequence by checksum, plan and shape.
enum NumberScanner {
    private struct Group { var start: Int; var end: Int }

    static func scan(_ t: ScanText, into out: inout [Candidate]) {
        var i = 0
        let n = t.count
        while i < n {
            guard t.isDigit(i) else { i += 1; continue }
            // A number starts at a digit not glued to an ASCII letter or digit on its left.
            if i > 0 && (t.isASCIIAlnum(i - 1)) { while i < n && t.isDigit(i) { i += 1 }; continue }
            var groups: [Group] = []
            var j = i
            while j < n {
                let gs = j
                while j < n && t.isDigit(j) { j += 1 }
                groups.append(Group(start: gs, end: j))
                // Separator: up to 3 of space, -, ., /, (, ), en dash, then a digit.
                var k = j, spaces = 0
                while k < n && k - j < 3 {
                    let v = t[k]
                    if v == 32 || v == 0xA0 { spaces += 1 } else if !(v == 45 || v == 46 || v == 47 || v == 40 || v == 41 || v == 0x2013) { break }
                    k += 1
                }
                if k > j && k < n && t.isDigit(k) && spaces <= 2 && groups.count < 12 { j = k } else { break }
            }
            classifyGroups(t, groups, into: &out)
            i = j
        }
    }

    private static func classifyGroups(_ t: ScanText, _ g: [Group], into out: inout [Candidate]) {
        let count = g.count
        for a in 0..<count {
            var total = 0
            // A sub-sequence glued to a neighbour group by a tight separator (4786-6435-9526-7105) is not a number of its own.
            if a > 0 && isTight(t, g[a - 1].end, g[a].start) { continue }
            for b in a..<count {
                total += g[b].end - g[b].start
                if total > 20 { break }
                if b < count - 1 && isTight(t, g[b].end, g[b + 1].start) { continue }
                // The cheap rejections of `classify` first, before any array is built.
                guard total >= 8 || (b - a == 3 && total >= 4), !t.isASCIIAlnum(g[b].end) else { continue }
                classify(t, Array(g[a...b]), into: &out)
            }
        }
    }

    private static func isTight(_ t: ScanText, _ s: Int, _ e: Int) -> Bool {
        e - s == 1 && (t[s] == 45 || t[s] == 46 || t[s] == 47)
    }

    private static func sep(_ t: ScanText, _ g: [Group], _ k: Int) -> Separator {
        Separator(t, g[k].end..<g[k + 1].start)
    }

    private static func classify(_ t: ScanText, _ g: [Group], into out: inout [Candidate]) {
        let start = g[0].start, end = g[g.count - 1].end
        // Glued to a letter or digit on the right (e.g. 5602NK, 12px) is not a standalone number, except postcodes handled elsewhere.
        if t.isASCIIAlnum(end) { return }
        let lens = g.map { $0.end - $0.start }
        let digitCount = lens.reduce(0, +)
        guard digitCount >= 8 || (g.count == 4 && digitCount >= 4) else { return }
        var d: [Int] = []
        d.reserveCapacity(20)
        for x in g { for i in x.start..<x.end { d.append(t.digit(i)) } }
        let seps = (0..<(g.count - 1)).map { sep(t, g, $0) }
        let uniformSep = Separator.uniform(seps)
        let single = g.count == 1
        let prev = t[start - 1], next = t[end]
        // Dotted or slashed runs inside longer dotted strings are versions or paths, not identifiers.
        let dottedContext = (prev == 46 && t.isDigit(start - 2)) || (next == 46 && t.isDigit(end + 1))

        // IPv4: four dot-separated octets.
        if g.count == 4 && seps.allSatisfy({ $0 == .dot }) {
            if !dottedContext && lens.allSatisfy({ $0 <= 3 }) {
                var ok = true
                for x in g {
                    let v = t.digits(x.start..<x.end).reduce(0) { $0 * 10 + $1 }
                    if v > 255 || (x.end - x.start > 1 && t.digit(x.start) == 0) { ok = false }
                }
                if ok { out.append(Candidate(type: .ipAddress, start: start, end: end, confidence: 0.95)) }
            }
            return
        }
        if dottedContext { return }
        if isDate(lens[...], seps[...], d[...]) { return }
        // A date followed by a time (2024-06-13 02:15) is a timestamp.
        if lens.count >= 3 && isDate(lens[0..<3], seps[0..<2], d[0..<(lens[0] + lens[1] + lens[2])]) { return }
        let nd = d.count

        // Payment cards: compact, groups of 4, or Amex/Diners 4-6-5 / 4-6-4.
        if nd >= 13 && nd <= 19 && (single || lens.dropLast().allSatisfy({ $0 == 4 }) || lens == [4, 6, 5] || lens == [4, 6, 4])
            && (uniformSep == nil || uniformSep == .space || uniformSep == .hyphen) && ChecksumValidator.card(d) {
            out.append(Candidate(type: .creditCard, start: start, end: end, confidence: 0.97))
        }
        // Korean RRN: YYMMDD-GNNNNNC.
        if nd == 13 && (single || (lens == [6, 7] && (seps[0] == .hyphen || seps[0] == .space))) && ChecksumValidator.rrn(d) {
            out.append(Candidate(type: .krRRN, start: start, end: end, confidence: single ? 0.9 : 0.97))
        }
        // My Number: 12 digits, plain or 4-4-4.
        if nd == 12 && (single || lens == [4, 4, 4]) && ChecksumValidator.myNumber(d) {
            let ctx = ContextWords.near(t, start, ContextWords.myNumberSet, window: 60)
            out.append(Candidate(type: .jpMyNumber, start: start, end: end, confidence: ctx ? 0.97 : 0.88))
        }
        // Medicare: 10 digits (4-5-1) or 11 with IRN.
        if (nd == 10 || nd == 11) && (single || lens == [4, 5, 1] || lens == [4, 5, 1, 1] || lens == [4, 5, 2]) && ChecksumValidator.medicare(d) {
            let ctx = ContextWords.near(t, start, ContextWords.medicareSet, window: 60)
            out.append(Candidate(type: .auMedicare, start: start, end: end, confidence: ctx || !single ? 0.93 : 0.8))
        }
        // Nine-digit national numbers: BSN, TFN, SSN.
        if nd == 9 || nd == 8 {
            let plainish = single || lens == [3, 3, 3] || (lens == [4, 2, 3] && uniformSep == .dot)
            let ssnShape = lens == [3, 2, 4] && (uniformSep == .hyphen || uniformSep == .space)
            let bsn = ChecksumValidator.bsn(d), tfn = ChecksumValidator.tfn(d), ssn = ChecksumValidator.ssn(d)
            if ssnShape && ssn {
                out.append(Candidate(type: .usSSN, start: start, end: end, confidence: 0.95))
            }
            if plainish && (bsn || tfn || (ssn && single && nd == 9)) {
                // Label lookups only for numbers that already pass a check.
                let bsnCtx = bsn && ContextWords.near(t, start, ContextWords.bsnSet, window: 60)
                let tfnCtx = tfn && ContextWords.near(t, start, ContextWords.tfnSet, window: 60)
                let legacyOK = nd == 9 || (bsnCtx || tfnCtx)
                if bsn && legacyOK { out.append(Candidate(type: .nlBSN, start: start, end: end, confidence: bsnCtx ? 0.97 : (tfnCtx ? 0.8 : 0.9))) }
                if tfn && legacyOK { out.append(Candidate(type: .auTFN, start: start, end: end, confidence: tfnCtx ? 0.98 : (bsnCtx ? 0.8 : 0.89))) }
                if nd == 9 && single && ssn {
                    if ContextWords.near(t, start, ContextWords.ssnSet, window: 60) { out.append(Candidate(type: .usSSN, start: start, end: end, confidence: 0.99)) }
                    else if !bsn && !tfn && t.hasSSNColumn { out.append(Candidate(type: .usSSN, start: start, end: end, confidence: 0.7)) }
                }
            }
        }
        // Phone numbers by numbering plan.
        classifyPhone(t, g, lens, seps, d, into: &out)
    }

    /// Dates such as 17-06-2005, 2024/05/28 or 14.03.1985 are exempt from the identifier checks.
    /// Slices starting at index 0, so the leading groups of a longer run are tested without copying.
    private static func isDate(_ lens: ArraySlice<Int>, _ seps: ArraySlice<Separator>, _ d: ArraySlice<Int>) -> Bool {
        guard lens.count == 3, let s = seps.first, seps.allSatisfy({ $0 == s }), s == .hyphen || s == .slash || s == .dot else { return false }
        func v(_ k: Int) -> Int {
            var off = 0
            for x in 0..<k { off += lens[x] }
            return d[off..<(off + lens[k])].reduce(0) { $0 * 10 + $1 }
        }
        if lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2 { return (1...12).contains(v(1)) && (1...31).contains(v(2)) }
        if lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2) {
            let x = v(0), y = v(1)
            return (1...31).contains(x) && (1...31).contains(y) && (x <= 12 || y <= 12)
        }
        return false
    }

    private static let nanpShapes: [[Int]] = [[10], [11], [3, 3, 4], [1, 3, 3, 4], [3, 7], [3, 3, 2, 2], [3, 2, 2, 2], [9], [2, 3, 2, 2], [3, 3, 3]]

    private static func classifyPhone(_ t: ScanText, _ g: [Group], _ lens: [Int], _ seps: [Separator], _ d: [Int], into out: inout [Candidate]) {
        var start = g[0].start
        var end = g[g.count - 1].end
        var digits = d
        var international = false
        // Leading + (possibly with a space) or 00 marks an international number.
        if t[start - 1] == 43 { international = true; start -= 1 }
        else if digits.count > 2 && digits[0] == 0 && digits[1] == 0 { international = true; digits.removeFirst(2) }
        // Opening bracket before an area code: (02) 2345-6789.
        if t[start - 1] == 40 && g.count > 1 && seps[0].first == 41 { start -= 1 }
        if international, g.count > 2, lens[1] == 1, seps[0].last == 40, t.digit(g[1].start) == 0 {
            // +31 (0)6 ...: drop the bracketed trunk 0.
            digits.remove(at: lens[0])
        }
        if g.count == 1 && !international && t[start - 1] == 40 { /* (0)... alone is not a number */ }
        let nd = digits.count
        guard nd >= 8 && nd <= 15 else { return }
        // Trunk-less national numbers are NANP; they are written 3-3-4, (3) 3-4, 1-3-3-4 or compact, never as 4-6 ticket numbers.
        if !international && digits[0] != 0 {
            guard nanpShapes.contains(lens) else { return }
        }
        // A national number starts with a short area or mobile prefix group, not a long one.
        if !international && digits[0] == 0 && lens[0] > 6 && g.count > 1 { return }
        let valid: Bool
        if international { valid = PhoneNumberPlan.isValidInternational(digits) }
        else if PhoneNumberPlan.isValidNational(digits) { valid = true }
        else if nd == 9 && !g.isEmpty && lens.count >= 3 && PhoneNumberPlan.isValidSpanishNational(digits) { valid = true }
        else { valid = false }
        guard valid else { return }
        if t[end] == 41 && t[start] == 40 { end += 1 }
        let ctx = ContextWords.near(t, start, ContextWords.phoneSet, window: 30)
        var conf = international ? 0.93 : (g.count > 1 ? 0.85 : 0.7)
        if ctx { conf = min(0.98, conf + 0.1) }
        out.append(Candidate(type: .phone, start: start, end: end, confidence: conf))
    }
}
