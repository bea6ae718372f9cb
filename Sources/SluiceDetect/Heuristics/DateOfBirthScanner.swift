/// Dates next to a birth-context word (or in a birth-date column) in any of the six languages.
enum DateOfBirthScanner {
    static let keywords: [String] = [
        "born", "birth", "dob", "d.o.b", "geboren", "geb.", "geb ", "geboortedatum", "geburtsdatum", "geburtstag", "birthday", "verjaardag",
        "née", "né ", "생년월일", "생일", "출생", "태어", "生年月日", "生まれ", "誕生日", "出生", "生日", "dateofbirth", "date_of_birth", "birthdate",
    ]

    static let keywordSet = KeywordSet(keywords)

    static func scan(_ t: ScanText, _ table: CellTable, into out: inout [Candidate]) {
        let n = t.count
        var i = 0
        let keywords = keywordSet
        while i < n {
            guard let kwLength = keywords.match(t, at: i) else { i += 1; continue }
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
        columnDates(t, table, into: &out)
    }

    static let headerWords = ["dob", "geboortedatum", "geburtsdatum", "dateofbirth", "date_of_birth", "birthdate", "birthday", "生年月日", "생년월일", "出生日期", "生日", "born", "geboren"]
    static let headerScalars = headerWords.map { $0.unicodeScalars.map(\.value) }

    /// A table whose header names a birth-date column: dates in that column are birth dates.
    static func columnDates(_ t: ScanText, _ table: CellTable, into out: inout [Candidate]) {
        var column: Int?
        var separator: UInt32 = 44
        var buf: [UInt32] = []
        for line in table.lines {
            let count = line.cells.count
            if let col = column {
                if line.sep == separator && col < count {
                    var r = table.cell(line, col)
                    while r.lowerBound < r.upperBound && (t.isSpace(r.lowerBound) || t[r.lowerBound] == 34) { r = (r.lowerBound + 1)..<r.upperBound }
                    if let e = DateParser.date(t, at: r.lowerBound), e <= r.upperBound {
                        out.append(Candidate(type: .dateOfBirth, start: r.lowerBound, end: e, confidence: 0.8))
                    }
                } else if count <= 1 { column = nil }
            } else if count >= 2 {
                for k in 0..<count {
                    let r = table.cell(line, k)
                    guard r.count <= 32 && !r.contains(where: { t.isDigit($0) }) else { continue }
                    let isHeader: Bool
                    if t.lowercased(r, droppingSpaces: true, into: &buf) {
                        isHeader = headerScalars.contains(where: { buf.includes($0) })
                    } else {
                        let s = t.lowered(r).filter { $0 != " " }
                        isHeader = headerWords.contains(where: { s.includes($0) })
                    }
                    if isHeader { column = k; separator = line.sep }
                }
            }
        }
    }
}
