/// Names without a gazetteer: capitalised word runs after titles, greetings, role labels and sign-offs; CJK names next to
/// honorifics or role labels; and name columns in tables.
enum PersonScanner {
    /// Titles, greetings, role labels and self-introductions that are followed by a name (lowercase, Latin script).
    static let latinTriggers: [String] = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "mevrouw", "mevr", "meneer", "mw", "dhr", "de heer", "herr", "frau", "fr", "hr",
        "monsieur", "madame", "mme", "dear", "beste", "geachte", "hallo", "hi", "hello", "hey", "hoi", "liebe", "lieber", "sehr geehrte",
        "sehr geehrter", "guten tag", "goedemorgen", "goedemiddag", "patient", "patiënt", "patientin", "pt", "client", "cliënt", "klant",
        "customer", "employee", "medewerker", "werknemer", "mitarbeiter", "mitarbeiterin", "karteninhaber", "kontoinhaber", "cardholder",
        "card holder", "account holder", "rekeninghouder", "angehörige", "angehöriger", "tenant", "huurder", "mieter", "landlord", "name",
        "naam", "full name", "contact", "contactpersoon", "ansprechpartner", "applicant", "aanvrager", "antragsteller", "student", "leerling",
        "schüler", "child", "kind", "parent", "mother", "father", "moeder", "vader", "mutter", "vater", "my name is", "mijn naam is",
        "ich bin", "ich heiße", "i am", "i'm", "ik ben", "ik heet", "this is", "regards", "groet", "groeten", "grüße", "grüßen", "gruß",
        "cheers", "thanks", "bedankt", "dank", "sincerely", "mvg", "vg", "lg", "best", "kind regards", "namens", "on behalf of", "from",
        "ouders van", "parents of", "eltern von", "signed", "gez", "attn", "t.a.v", "z.h.d", "owner", "eigenaar", "inhaber", "resident",
        "bewoner", "bewohner", "pat", "member", "lid", "mitglied", "driver", "bestuurder", "fahrer", "guest", "gast", "user", "gebruiker",
        "nutzer", "benutzer", "caller", "beller", "anrufer", "kaarthouder", "mum", "mom", "dad", "wife", "husband", "partner", "zoon",
        "dochter", "son", "daughter", "broer", "zus", "brother", "sister", "sohn", "tochter", "collega", "colleague", "kollege", "kollegin",
        "huisarts", "hausarzt", "arts", "doctor", "nurse", "verpleegkundige", "insured", "verzekerde", "versicherte", "versicherter",
        "beneficiary", "begunstigde", "empfänger", "recipient", "ontvanger", "sender", "afzender", "absender", "signed by", "witness",
        "getuige", "zeuge", "heer/mevrouw", "mevrouw/heer", "m/v", "spouse", "echtgenoot", "echtgenote", "ehefrau", "ehemann",
    ]
    static let triggerSet = WordSet(latinTriggers)
    /// Prepositions before names: weaker evidence than a title or a role label.
    static let weakTriggers = WordSet(["für", "for", "voor", "to", "aan", "an", "cc", "by", "door", "von", "with", "met", "mit", "van", "from"])
    static let particles = WordSet(["van", "de", "der", "den", "het", "ter", "ten", "te", "von", "vom", "zu", "zum", "le", "la", "du", "da", "di", "del", "'t", "op", "in", "al", "el", "bin", "dos", "das"])
    /// Capitalised words that start sentences or name things, never people.
    static let notNames = WordSet([
        "the", "a", "an", "this", "that", "please", "can", "could", "would", "will", "write", "draft", "make", "give", "help", "translate",
        "summarise", "summarize", "rewrite", "check", "find", "create", "turn", "de", "het", "een", "maak", "schrijf", "kun", "kunt", "graag",
        "bitte", "schreibe", "erstelle", "der", "die", "das", "ein", "eine", "ich", "wir", "sie", "er", "es", "we", "you", "he", "she", "they",
        "i", "it", "my", "our", "your", "his", "her", "their", "mijn", "onze", "uw", "zijn", "haar", "hun", "mein", "unser", "ihr", "sein",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "maandag", "dinsdag", "woensdag", "donderdag",
        "vrijdag", "zaterdag", "zondag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "phone", "tel",
        "email", "e-mail", "mail", "address", "adres", "adresse", "bsn", "dob", "iban", "ssn", "tfn", "medicare", "card", "note", "notes",
        "subject", "re", "fw", "fwd", "dear", "hi", "hello", "hallo", "beste", "thanks", "thank", "regards", "groet", "bedankt", "team",
        "mobile", "mobiel", "telefon", "telefoon", "patient", "patiënt", "client", "klant", "customer", "name", "naam", "date", "datum",
        "birth", "born", "geboren", "amount", "order", "invoice", "factuur", "rechnung", "ticket", "total", "status", "error", "warning",
        "info", "debug", "windows", "linux", "mac", "ios", "android", "google", "microsoft", "apple", "chrome", "firefox", "teams", "office",
        "excel", "word", "outlook", "version", "update", "build", "release", "server", "client", "api", "json", "http", "https", "url",
        "ok", "yes", "no", "ja", "nee", "nein", "not", "and", "or", "en", "of", "und", "oder", "met", "mit", "with", "for", "voor", "für",
        "on", "op", "in", "at", "to", "from", "van", "von", "aan", "bij", "bei", "street", "road", "avenue", "straat", "laan", "weg",
        "mr", "mrs", "ms", "dr", "prof", "herr", "frau", "mevrouw", "meneer", "sir", "madam", "all", "everyone", "allemaal", "alle",
        "zusammen", "reply", "respond", "answer", "apt", "suite", "unit", "flat", "pt", "medication", "medicatie", "klachten",
        "diagnosis", "diagnose", "account", "rekening", "konto", "bank", "visa", "mastercard", "amex", "total", "summary", "samenvatting",
    ])

    static func scan(_ t: ScanText, _ table: CellTable, emailLocals: [(position: Int, local: [UInt32])], into out: inout [Candidate]) {
        let n = t.count
        var i = 0
        // Read the keyword tables once, not once per character.
        let labels = cjkLabelSet, honorifics = honorificSet
        while i < n {
            if t[i] < 0x3000 {
                if t.isUpper(i) && !t.isLetter(i - 1) && t[i - 1] != 39 && !t.isDigit(i - 1) { latin(t, at: i, emailLocals: emailLocals, into: &out) }
                else if (t[i] == 118 || t[i] == 100) && !t.isLetter(i - 1) && (t.matches("van ", at: i) || t.matches("de ", at: i) || t.matches("von ", at: i)) {
                    particleName(t, at: i, into: &out)
                }
            } else {
                cjk(t, at: i, labels: labels, honorifics: honorifics, into: &out)
            }
            i += 1
        }
        nameColumns(t, table, into: &out)
        jsonNameKeys(t, into: &out)
    }

    /// `"name": "…"`, `"fullName": "…"`, `"naam": "…"`: the string value of a name key is a person.
    private static func jsonNameKeys(_ t: ScanText, into out: inout [Candidate]) {
        let n = t.count
        var i = 0
        while i < n {
            defer { i += 1 }
            guard t[i] == 58 else { continue }
            var k = i - 1
            while t.isSpace(k) { k -= 1 }
            guard t[k] == 34 else { continue }
            var ks = k - 1
            while ks > 0 && t[ks] != 34 && k - ks < 30 { ks -= 1 }
            guard t[ks] == 34 else { continue }
            let key = t.lowered((ks + 1)..<k)
            guard key.includes("name") || key.includes("naam") || key == "patient" || key == "customer" || key == "holder" || key.includes("名前") || key.includes("氏名") || key.includes("이름") || key.includes("姓名") else { continue }
            if ["username", "user_name", "filename", "file_name", "hostname", "host_name", "company", "company_name", "bedrijfsnaam", "firmenname", "model_name", "display_name", "tool_name", "function_name", "name_id"].contains(key) { continue }
            var v = i + 1
            while t.isSpace(v) { v += 1 }
            guard t[v] == 34 else { continue }
            var e = v + 1
            while e < n && t[e] != 34 && e - v < 60 && t[e] != 10 { e += 1 }
            guard t[e] == 34, e > v + 2 else { continue }
            let r = (v + 1)..<e
            guard r.allSatisfy({ t.isLetter($0) || t.isSpace($0) || t[$0] == 46 || t[$0] == 45 || t[$0] == 39 }) else { continue }
            out.append(Candidate(type: .person, start: r.lowerBound, end: r.upperBound, confidence: 0.8))
        }
    }

    private static func wordEnd(_ t: ScanText, _ i: Int) -> Int {
        var k = i
        while k < t.count && (t.isLetter(k) || ((t[k] == 45 || t[k] == 39 || t[k] == 0x2019) && t.isLetter(k + 1))) && t[k] < 0x3000 { k += 1 }
        return k
    }

    /// A capitalised name word: upper then lower-case letters (O'Connor, Müller-Lüdenscheidt), or an initial like J. / J.P.
    private static func nameWord(_ t: ScanText, at i: Int) -> (end: Int, initial: Bool)? {
        guard t.isUpper(i) else { return nil }
        if t[i + 1] == 46 && t.isUpper(i + 2) == false || (t[i + 1] == 46) {
            var k = i + 2
            while t.isUpper(k) && t[k + 1] == 46 { k += 2 }
            return (k, true)
        }
        let e = wordEnd(t, i)
        guard e - i >= 2 else { return nil }
        var lowers = 0
        for k in (i + 1)..<e where t.isLower(k) { lowers += 1 }
        guard lowers >= 1, lowers >= (e - i - 1) / 2 else { return nil }
        return (e, false)
    }

    /// The run of name words starting at `i`: returns its end, word count and where its first and last full words are.
    static func nameRun(_ t: ScanText, at i: Int) -> (end: Int, words: Int, initials: Int, last: Range<Int>, first: Range<Int>)? {
        var k = i, words = 0, initials = 0
        var end = i
        var last = i..<i, first = i..<i
        while words < 5 {
            if let w = nameWord(t, at: k) {
                if !w.initial && notNames.contains(t, k..<w.end) { break }
                if w.initial { initials += 1 } else { last = k..<w.end; if first.isEmpty { first = k..<w.end } }
                words += 1
                end = w.end
                k = w.end
                if t[k] == 32 || (w.initial && t.isUpper(k)) { if t[k] == 32 { k += 1 } } else { break }
                // Dutch/German particles between words: van der, de, von.
                var p = k
                var sawParticle = false
                while t.isLower(p) || (t[p] == 39 && t.isLower(p + 1)) {
                    let pe = t[p] == 39 ? p + 2 : wordEnd(t, p)
                    guard particles.contains(t, p..<pe), t[pe] == 32 else { break }
                    p = pe + 1; sawParticle = true
                }
                if sawParticle { if nameWord(t, at: p) != nil { k = p } else { break } }
            } else { break }
        }
        guard words > 0, words > initials else { return nil }
        return (end, words, initials, last, first)
    }

    private static func latin(_ t: ScanText, at i: Int, emailLocals: [(position: Int, local: [UInt32])], into out: inout [Candidate]) {
        // Skip mid-run positions: a capitalised word right before this one means we are inside an earlier run.
        guard let run = nameRun(t, at: i) else { return }
        var conf = run.words >= 2 ? 0.45 : 0.2
        if run.initials > 0 { conf += 0.2 }
        // Trigger before: title, greeting, role label, sign-off (may be across ":", ",", newline).
        var p = i - 1
        while p >= 0 && (t[p] == 32 || t[p] == 58 || t[p] == 44 || t[p] == 10 || t[p] == 46 || t[p] == 9 || t[p] == 0xA0) && i - p < 4 { p -= 1 }
        var triggered = false
        if p >= 0 && t.isLetter(p) {
            // Up to three words before the name, checked as one-, two- and three-word triggers. The words are separated by
            // single spaces, so a phrase is the text from the start of its first word to the end of the nearest word.
            var starts = (0, 0, 0)
            var found = 0
            let e1 = p + 1
            var e = e1
            while found < 3 {
                var s = e
                while s > 0 && (t.isLetter(s - 1) || t[s - 1] == 39 || t[s - 1] == 47 || (t[s - 1] == 46 && t.isLetter(s - 2))) && e - s < 20 { s -= 1 }
                while s < e && !t.isLetter(s) { s += 1 }
                guard s < e else { break }
                switch found { case 0: starts.0 = s; case 1: starts.1 = s; default: starts.2 = s }
                found += 1
                guard s >= 2, t[s - 1] == 32, t.isLetter(s - 2) else { break }
                e = s - 1
            }
            if found > 0 {
                let w1 = starts.0..<e1
                if triggerSet.contains(t, w1)
                    || (t[e1 - 1] == 46 && triggerSet.contains(t, starts.0..<(e1 - 1)))
                    || (found > 1 && triggerSet.contains(t, starts.1..<e1))
                    || (found > 2 && triggerSet.contains(t, starts.2..<e1)) { triggered = true }
                else if weakTriggers.contains(t, w1) { conf += 0.15 }
            }
        }
        if triggered { conf += 0.4 }
        // Sentence starts: a capital after ". " or at line start is weak evidence.
        let atLineStart = p < 0 || t[p + 1] == 10 || (i > 0 && t[i - 1] == 10)
        let next = t[run.end]
        if next == 40 && t[run.end + 1] != 41 || (next == 32 && t[run.end + 1] == 40) { conf += 0.1 } // "Name (" followed by details
        if next == 44 || next == 9 || next == 124 || (next == 32 && t[run.end + 1] == 124) { conf += 0.1 }
        if atLineStart && (next == 10 || next == 0) && run.words >= 2 { conf += 0.1 }
        // An e-mail address nearby that spells the surname or first name (t.mckinney@ for Travis Mckinney).
        // Locals are sorted by position: binary-search the first one within 300 code points; the lowered words are built
        // only when such an address exists.
        var lo = 0, hi = emailLocals.count
        while lo < hi { let mid = (lo + hi) / 2; if emailLocals[mid].position < i - 300 { lo = mid + 1 } else { hi = mid } }
        if lo < emailLocals.count && emailLocals[lo].position < i + 300 {
            // Words below U+0250 are one character per code point, so counts and substring tests can run on code points;
            // anything else takes the String path.
            var last: [UInt32] = [], first: [UInt32] = []
            let simple = !(i..<run.end).contains(where: { t[$0] >= 0x250 })
                && t.lowercased(run.last, droppingSpaces: false, into: &last) && t.lowercased(run.first, droppingSpaces: false, into: &first)
            var k = lo
            if simple {
                while last.count >= 3 && k < emailLocals.count && emailLocals[k].position < i + 300 {
                    let local = emailLocals[k].local
                    if local.includes(last) || (first.count >= 3 && local.includes(first)) { conf += 0.3; break }
                    k += 1
                }
            } else {
                let last = t.lowered(run.last), first = t.lowered(run.first)
                while last.count >= 3 && k < emailLocals.count && emailLocals[k].position < i + 300 {
                    let local = String(String.UnicodeScalarView(emailLocals[k].local.compactMap(Unicode.Scalar.init)))
                    if local.includes(last) || (first.count >= 3 && local.includes(first)) { conf += 0.3; break }
                    k += 1
                }
            }
        }
        if !triggered && run.words == 1 && conf < 0.5 { return }
        out.append(Candidate(type: .person, start: i, end: run.end, confidence: min(conf, 0.95)))
    }

    static let particleTitles = WordSet(["heer", "mevrouw", "heer/mevrouw", "mevrouw/heer", "dhr", "mevr", "mw", "meneer", "herr", "frau", "mr", "mrs", "ms", "dr", "beste", "geachte"])

    /// "heer/mevrouw van den Broek": a surname that starts with a particle right after a title.
    private static func particleName(_ t: ScanText, at i: Int, into out: inout [Candidate]) {
        var p = i - 1
        while p >= 0 && t[p] == 32 { p -= 1 }
        guard p >= 0, t.isLetter(p) else { return }
        var s = p
        while s > 0 && (t.isLetter(s - 1) || t[s - 1] == 47) && p - s < 16 { s -= 1 }
        guard particleTitles.contains(t, s..<(p + 1)) else { return }
        var k = i
        while t.isLower(k) {
            let e = wordEnd(t, k)
            guard particles.contains(t, k..<e), t[e] == 32 else { return }
            k = e + 1
        }
        guard let run = nameRun(t, at: k) else { return }
        out.append(Candidate(type: .person, start: i, end: run.end, confidence: 0.85))
    }

    // MARK: CJK

    static let jaHonorifics: [String] = ["様", "さん", "先生", "氏", "君", "くん", "ちゃん", "殿"]
    static let zhHonorifics: [String] = ["先生", "小姐", "女士", "老師", "醫師", "醫生", "經理", "太太", "同學", "律師"]
    static let koHonorifics: [String] = ["님", "씨", " 고객님", " 님", " 선생님", " 씨", " 고객", " 환자"]
    static let cjkLabels: [String] = [
        "氏名", "名前", "患者", "園児", "保護者", "社員", "担当者", "担当", "申請者", "契約者", "在住の", "私は", "宛先", "お客様",
        "持卡人", "申請人", "幼兒", "病患", "姓名", "我是", "客戶", "聯絡人", "收件人", "家屬", "學生", "員工", "負責人", "承辦人", "病人", "患者",
        "환자명", "고객명", "성명", "이름", "환자", "임차인", "임대인", "고객", "원아", "담당자", "보호자", "신청인", "수신", "예금주", "소유자", "학생",
        "직원", "저는", "사는", "피보험자", "계약자", "명의", "被保險人", "家長", "家屬", "名義", "扶養家族", "配偶者", "配偶", "連絡者", "緊急連絡先",
        "契約人", "要保人", "受益人", "聯絡人", "監護人", "児童", "生徒", "利用者", "顧客", "対象者", "本人", "申込者", "受取人", "依頼者", "當事人", "新進員工",
    ]

    static let cjkLabelSet = KeywordSet(cjkLabels)
    static let honorificSet = KeywordSet(jaHonorifics + zhHonorifics)

    private static func cjk(_ t: ScanText, at i: Int, labels: KeywordSet, honorifics: KeywordSet, into out: inout [Candidate]) {
        // A name in brackets right after an e-mail address: a@b.jp（山田稔）.
        if t[i - 1] == 40 && (t.isHan(i) || t.isHangul(i)) && t.isASCIIAlnum(i - 2) {
            var s = i - 2
            var sawAt = false
            while s >= 0 && i - s < 80 && t[s] > 32 && t[s] < 128 { if t[s] == 64 { sawAt = true }; s -= 1 }
            if sawAt, let e = cjkName(t, at: i), t[e] == 41 { out.append(Candidate(type: .person, start: i, end: e, confidence: 0.8)); return }
        }
        // A Latin role word before a CJK name: "employee 近藤 康弘".
        if (t.isHan(i) || t.isHangul(i)) && t[i - 1] == 32 && t.isLetter(i - 2) && t[i - 2] < 0x3000 {
            var s = i - 2
            while s > 0 && t.isLetter(s - 1) && t[s - 1] < 0x3000 { s -= 1 }
            if triggerSet.contains(t, s..<(i - 1)) && !weakTriggers.contains(t, s..<(i - 1)), let e = cjkName(t, at: i) {
                out.append(Candidate(type: .person, start: i, end: e, confidence: 0.8)); return
            }
        }
        if let labelLength = labels.match(t, at: i) {
            var k = i + labelLength
            while (t.isSpace(k) || t[k] == 58) && k - i < 6 { k += 1 }
            // Korean labels are spaced from the name; a glued Hangul word is a compound noun (고객번호, 고객에게).
            if t.isHangul(k) && k == i + labelLength { return }
            var after = 0
            if let e = cjkName(t, at: k) { after = e; while t.isSpace(after) { after += 1 } }
            if let e = cjkName(t, at: k), t[e] != 58, !t.isASCIIAlnum(after), t[after] != 35 { out.append(Candidate(type: .person, start: k, end: e, confidence: 0.8)) }
            return
        }
        if honorifics.match(t, at: i) != nil && (t.isHan(i - 1) || t.isKana(i - 1)) {
            // Back over the name: up to 3 + optional space + up to 3.
            var s = i
            var given = 0
            while s > 0 && (t.isHan(s - 1) || (t.isKana(s - 1) && t[s - 1] >= 0x3041 && t[s - 1] <= 0x3096)) && given < 3 { s -= 1; given += 1 }
            if t.isSpace(s - 1) && t.isHan(s - 2) {
                var f = s - 1
                var fam = 0
                while t.isHan(f - 1) && fam < 3 { f -= 1; fam += 1 }
                s = f
            }
            s = trimLabel(t, s, i)
            while s < i && !t.isHan(s) { s += 1 }
            if i - s >= 2 { out.append(Candidate(type: .person, start: s, end: i, confidence: 0.8)) }
            return
        }
        if t.isHangul(i) && !t.isHangul(i - 1) {
            var e = i
            while t.isHangul(e) { e += 1 }
            let len = e - i
            guard len >= 2 && len <= 5 else { return }
            for h in koHonorifics where t.matches(h, at: e) || (h.count == 1 && len >= 3 && t.matches(h, at: e - 1)) {
                let end = h.count == 1 && t.matches(h, at: e - 1) ? e - 1 : e
                if end - i >= 2 && end - i <= 4 { out.append(Candidate(type: .person, start: i, end: end, confidence: 0.75)) }
                return
            }
        }
    }

    private static func trimLabel(_ t: ScanText, _ s: Int, _ e: Int) -> Int {
        for label in cjkLabels {
            let n = label.unicodeScalars.count
            if t.matches(label, at: s) && e - s > n + 1 { return s + n }
        }
        return s
    }

    /// A CJK name right after a label: Han (1-3) + optional space + Han/kana (1-3), or one Hangul word of 2-4 syllables.
    static func cjkName(_ t: ScanText, at k: Int) -> Int? {
        if t.isHangul(k) {
            var e = k
            while t.isHangul(e) { e += 1 }
            var len = e - k
            if len > 3 {
                for p in ["입니다", "님", "씨", "의", "에게", "께서", "은", "는", "이", "가", "을", "를"] where t.matches(p, at: e - p.unicodeScalars.count) {
                    len -= p.unicodeScalars.count; break
                }
            }
            guard len >= 2 && len <= 4 else { return nil }
            let lastSyllable = t[k + len - 1]
            if [0xC5D0, 0xC744, 0xB97C, 0xB85C, 0xC640, 0xACFC, 0xB3C4, 0xB9CC].contains(lastSyllable) { return nil } // 에 을 를 로 와 과 도 만
            return k + len
        }
        guard t.isHan(k) else { return nil }
        var e = k
        while t.isHan(e) && t[e] != 0x7684 && e - k < 5 { e += 1 } // 的 ends a name in Chinese prose
        if t.isSpace(e) && (t.isHan(e + 1) || t.isKana(e + 1)) && e - k <= 3 {
            var g = e + 1
            while (t.isHan(g) || t.isKana(g)) && g - e <= 4 { g += 1 }
            return g
        }
        if e - k == 5 && t.isHan(e) && t[e] != 0x7684 { return nil }
        return e - k >= 2 ? e : nil
    }

    static let headerWords = ["name", "naam", "名", "이름", "성명", "姓名", "klant", "kunde", "customer", "patient", "patiënt", "employee", "medewerker", "mitarbeiter", "holder", "contact", "社員", "員工", "고객", "환자"]
    static let headerScalars = headerWords.map { $0.unicodeScalars.map(\.value) }
    static let notHeaderWords = ["@", "mail", "company", "bedrijf", "firma"]
    static let notHeaderScalars = notHeaderWords.map { $0.unicodeScalars.map(\.value) }

    /// Cells under a header that names people (name, naam, 이름, 氏名, 姓名 ...) are names.
    static func nameColumns(_ t: ScanText, _ table: CellTable, into out: inout [Candidate]) {
        var column: Int?
        var separator: UInt32 = 0
        var buf: [UInt32] = []
        for line in table.lines {
            let count = line.cells.count
            if let col = column {
                if line.sep == separator && col < count {
                    var r = table.cell(line, col)
                    while r.lowerBound < r.upperBound && (t.isSpace(r.lowerBound) || t[r.lowerBound] == 34) { r = (r.lowerBound + 1)..<r.upperBound }
                    while r.upperBound > r.lowerBound && (t.isSpace(r.upperBound - 1) || t[r.upperBound - 1] == 34) { r = r.lowerBound..<(r.upperBound - 1) }
                    if !r.isEmpty && r.count <= 40 && r.allSatisfy({ t.isLetter($0) || t.isSpace($0) || t[$0] == 46 || t[$0] == 45 || t[$0] == 39 }) && t.isLetter(r.lowerBound) {
                        out.append(Candidate(type: .person, start: r.lowerBound, end: r.upperBound, confidence: 0.75))
                    }
                } else if count <= 1 { column = nil }
            } else if count >= 2 {
                for k in 0..<count {
                    let r = table.cell(line, k)
                    guard r.count <= 30 && !r.contains(where: { t.isDigit($0) }) else { continue }
                    let isHeader: Bool
                    if t.lowercased(r, droppingSpaces: false, into: &buf) {
                        isHeader = headerScalars.contains(where: { buf.includes($0) }) && !notHeaderScalars.contains(where: { buf.includes($0) })
                    } else {
                        let s = t.lowered(r)
                        isHeader = headerWords.contains(where: { s.includes($0) }) && !notHeaderWords.contains(where: { s.includes($0) })
                    }
                    if isHeader { column = k; separator = line.sep; break }
                }
            }
        }
    }
}
