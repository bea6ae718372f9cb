/// Real-world label words per category in the six office languages; they only break ties between valid formats.
enum ContextWords {
    static let bsn = ["bsn", "burgerservice", "sofi", "citizen service", "sozialversicherungs"]
    static let tfn = ["tfn", "tax file", "tax no", "ato"]
    static let ssn = ["ssn", "social security", "ss#", "soc sec", "soc. sec", "ss no", "itin"]
    static let medicare = ["medicare", "irn"]
    static let myNumber = ["マイナンバー", "個人番号", "my number", "individual number", "mynumber"]
    static let rrn = ["주민", "rrn", "resident registration", "등록번호"]
    static let phone = ["tel", "phone", "mobile", "mob", "cell", "call", "bel ", "bellen", "telefoon", "gsm", "mobiel", "telefon", "handy",
                        "fax", "ruf", "whatsapp", "nummer", "number", "contact", "전화", "연락", "휴대", "핸드폰", "번호", "電話", "携帯", "連絡",
                        "手機", "聯絡", "联系", "行動", "市話", "line", "reach", "bereikbaar", "erreichbar", "direct", "☎", "📞"]
    static let card = ["card", "kaart", "karte", "visa", "mastercard", "amex", "credit", "카드", "カード", "卡", "cc"]

    static let bsnSet = KeywordSet(bsn), tfnSet = KeywordSet(tfn), ssnSet = KeywordSet(ssn), medicareSet = KeywordSet(medicare)
    static let myNumberSet = KeywordSet(myNumber), rrnSet = KeywordSet(rrn), phoneSet = KeywordSet(phone), cardSet = KeywordSet(card)

    /// Whether any of `words` occurs in the `window` code points before `i` (lowercased).
    static func near(_ t: ScanText, _ i: Int, _ words: KeywordSet, window: Int = 40) -> Bool {
        let r = max(0, i - window)..<min(t.count, i)
        guard !r.isEmpty else { return false }
        // Keywords are ASCII or caseless; only a window with letters whose lowercase needs full Unicode mapping
        // (which could turn into ASCII) is not answered by the ASCII-folding scan.
        for k in r where WordSet.lower(t.c[k]) == nil { return slowNear(t, r, words) }
        return words.occurs(in: t, r)
    }

    private static func slowNear(_ t: ScanText, _ r: Range<Int>, _ words: KeywordSet) -> Bool {
        let s = t.lowered(r)
        for w in words.words where s.includes(w) { return true }
        return false
    }
}
