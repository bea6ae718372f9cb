/// Dates next to a birth-context word (or in a birth-date column) in any of the six languages.
enum DateOfBirthScanner {
    static let keywords: [String] = [
        "born", "birth", "dob", "d.o.b", "geboren", "geb.", "geb ", "geboortedatum", "geburtsdatum", "geburtstag", "birthday", "verjaardag",
        "née", "né ", "생년월일", "생일", "출생", "태어", "生年月日", "生まれ", "誕生日", "出生", "生日", "dateofbirth", "date_of_birth", "birthdate",
    ]

    static let keywordSet = KeywordSet(keywords)

    static func scan(_ t: ScanText, into out: inout [Candidate]) {
        let n = t.count
        var i = 0
        while i < n {
            guard let kwLength = keywordSet.match(t, at: i) else { i += 1; continue }
            // Japanese and Korean put the birth word after the date: 2006年5月10日生まれ, 1990년생.
            if t[i] == 0x751F || t[i] == 0x51FA {
                var s = i - 1
                while s >= 0 && i - s < 20 {
                    if !t.isDigit(s - 1), let e = DateParser.date(t, at: s), e <= i, i - e <= 2 {
                        out.append(Candidate(type: .dateOfBirth, start: s, end: e, confidence: 0.85)); break
                    }
                    s -= 1
                }
            }
            let kwEnd = i + kwLength
            // A date within a short distance after the keyword.
            var j = kwEnd
            while j < n && j - kwEnd < 24 {
                if let e = DateParser.date(t, at: j) {
                    out.append(Candidate(type: .dateOfBirth, start: j, end: e, confidence: 0.9))
                    break
                }
                if t[j] == 10 && j > kwEnd + 2 { break }
                j += 1
            }
            i = kwEnd
        }
        columnDates(t, into: &out)
    }

    /// A table whose header names a birth-date column: dates in that column are birth dates.
    private static func columnDates(_ t: ScanText, into out: inout [Candidate]) {
        var lineStart = 0
        var column: Int?
        var separator: UInt32 = 44
        let n = t.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && t[lineEnd] != 10 { lineEnd += 1 }
            let cells = split(t, lineStart..<lineEnd)
            if let col = column {
                if cells.sep == separator && col < cells.ranges.count {
                    var r = cells.ranges[col]
                    while r.lowerBound < r.upperBound && (t.isSpace(r.lowerBound) || t[r.lowerBound] == 34) { r = (r.lowerBound + 1)..<r.upperBound }
                    if let e = DateParser.date(t, at: r.lowerBound), e <= r.upperBound {
                        out.append(Candidate(type: .dateOfBirth, start: r.lowerBound, end: e, confidence: 0.8))
                    }
                } else if cells.ranges.count <= 1 { column = nil }
            } else if cells.ranges.count >= 2 {
                for (k, r) in cells.ranges.enumerated() where r.count <= 32 && !r.contains(where: { t.isDigit($0) }) {
                    let s = t.lowered(r).filter { $0 != " " }
                    if ["dob", "geboortedatum", "geburtsdatum", "dateofbirth", "date_of_birth", "birthdate", "birthday", "生年月日", "생년월일", "出生日期", "生日", "born", "geboren"].contains(where: { s.includes($0) }) {
                        column = k; separator = cells.sep
                    }
                }
            }
            lineStart = lineEnd + 1
        }
    }

    /// Splits a line into cells on the most frequent of comma, tab, pipe and semicolon.
    static func split(_ t: ScanText, _ line: Range<Int>) -> (sep: UInt32, ranges: [Range<Int>]) {
        var comma = 0, tab = 0, pipe = 0, semi = 0
        for i in line {
            switch t.c[i] {
            case 44: comma += 1
            case 9: tab += 1
            case 124: pipe += 1
            case 59: semi += 1
            default: break
            }
        }
        let best = max(comma, tab, pipe, semi)
        guard best > 0 else { return (0, [line]) }
        let sep: UInt32 = best == tab ? 9 : best == pipe ? 124 : best == comma ? 44 : 59
        var ranges: [Range<Int>] = []
        var s = line.lowerBound
        for i in line where t.c[i] == sep { ranges.append(s..<i); s = i + 1 }
        ranges.append(s..<line.upperBound)
        if sep == 124 { ranges = ranges.filter { r in r.contains(where: { !t.isSpace($0) }) } }
        return (sep, ranges)
    }
}
