/// Recognises a calendar date starting at a position, in the numeric and written forms of the six languages.
enum DateParser {
    static let months = WordSet([
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober", "mrt", "okt",
        "januar", "jänner", "februar", "märz", "mai", "dezember", "dez",
    ])
    static let eras: [String] = ["昭和", "平成", "令和", "大正", "民國", "民国"]

    private static func number(_ t: ScanText, _ i: Int, max: Int) -> (value: Int, end: Int)? {
        var k = i, v = 0
        while t.isDigit(k) && k - i < max { v = v * 10 + t.digit(k); k += 1 }
        if k == i || t.isDigit(k) { return nil }
        return (v, k)
    }

    private static func month(_ t: ScanText, _ i: Int) -> Int? {
        var k = i
        while t.isLetter(k) && k - i < 10 { k += 1 }
        guard k > i + 2 else { return nil }
        guard months.contains(t, i..<k) else { return nil }
        return t[k] == 46 ? k + 1 : k
    }

    private static func skipSpaces(_ t: ScanText, _ i: Int) -> Int {
        var k = i
        while t.isSpace(k) && k - i < 2 { k += 1 }
        return k
    }

    /// End offset of a date that starts exactly at `i`, or nil.
    static func date(_ t: ScanText, at i: Int) -> Int? {
        // Era dates: 昭和60年3月14日, 民國74年3月14日.
        for era in eras where t.matches(era, at: i) {
            if let e = cjkDate(t, at: i + era.unicodeScalars.count) { return e }
        }
        if t.isDigit(i) {
            if let e = cjkDate(t, at: i) { return e }
            guard let a = number(t, i, max: 4) else { return nil }
            let sep = t[a.end]
            // Numeric with - / . separators.
            if sep == 45 || sep == 47 || sep == 46, let b = number(t, a.end + 1, max: 2), t[b.end] == sep, let c = number(t, b.end + 1, max: 4) {
                let okShape = (a.end - i == 4 && c.end - b.end - 1 <= 2) || (a.end - i <= 3 && (c.end - b.end - 1 == 4 || c.end - b.end - 1 == 2))
                if okShape && b.value >= 1 && b.value <= 31 { return c.end }
            }
            // Korean dotted: 2004. 8. 10.
            if a.end - i == 4 && sep == 46 && t[a.end + 1] == 32, let b = number(t, a.end + 2, max: 2), t[b.end] == 46, t[b.end + 1] == 32,
               let c = number(t, b.end + 2, max: 2), (1...12).contains(b.value), (1...31).contains(c.value) {
                return t[c.end] == 46 ? c.end + 1 : c.end
            }
            // Written month: 3 maart 1985, 14. März 1985, 21 July 1946.
            if a.end - i <= 2 {
                var k = a.end
                if t[k] == 46 { k += 1 }
                k = skipSpaces(t, k)
                if let m = month(t, k) {
                    let y0 = skipSpaces(t, m)
                    if let y = number(t, y0, max: 4), y.end - y0 == 4 { return y.end }
                }
            }
            return nil
        }
        // March 14, 1985 / Mar. 14 1985.
        if t.isLetter(i), let m = month(t, i) {
            let d0 = skipSpaces(t, m)
            guard let d = number(t, d0, max: 2) else { return nil }
            var k = d.end
            if t.matches("st", at: k) || t.matches("nd", at: k) || t.matches("rd", at: k) || t.matches("th", at: k) { k += 2 }
            if t[k] == 44 { k += 1 }
            k = skipSpaces(t, k)
            if let y = number(t, k, max: 4), y.end - k == 4 { return y.end }
        }
        return nil
    }

    /// 1985年3月14日, 1985년 3월 14일 (also with spaces); the year may be an era year.
    private static func cjkDate(_ t: ScanText, at i: Int) -> Int? {
        guard let y = number(t, i, max: 4) else { return nil }
        var k = skipSpaces(t, y.end)
        guard t[k] == 0x5E74 || t[k] == 0xB144 else { return nil } // 年 or 년
        k = skipSpaces(t, k + 1)
        guard let m = number(t, k, max: 2) else { return nil }
        k = skipSpaces(t, m.end)
        guard t[k] == 0x6708 || t[k] == 0xC6D4 else { return nil } // 月 or 월
        k = skipSpaces(t, k + 1)
        guard let d = number(t, k, max: 2) else { return nil }
        k = skipSpaces(t, d.end)
        if t[k] == 0x65E5 || t[k] == 0xC77C || t[k] == 0x865F { return k + 1 } // 日, 일, 號
        return d.end
    }
}
