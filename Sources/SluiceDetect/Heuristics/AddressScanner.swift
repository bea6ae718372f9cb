/// Postal addresses from street-type suffixes and address structure: Dutch/German street + number, English number + street,
/// Korean province-to-number chains, Japanese 〒/prefecture chains and Taiwanese road + 號 chains.
enum AddressScanner {
    /// Dutch and German street-type endings of a single-word street name.
    static let compoundSuffixes: [String] = [
        "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "steeg", "dijk", "dreef", "hof", "park", "pad", "markt",
        "boulevard", "baan", "plantsoen", "wal", "haven", "erf", "hoven", "veld", "kamp", "burg", "berg", "oord", "rijn", "zijde",
        "straße", "strasse", "str.", "gasse", "allee", "platz", "ring", "damm", "ufer", "chaussee", "pfad", "stieg", "steig", "gang",
        "wall", "graben", "markt", "tor", "hain", "au", "brink", "hoek", "water", "bosch", "dreef", "lei", "poort",
    ]
    /// English street types (USPS, Royal Mail and Australia Post abbreviations and common words).
    static let streetTypes: Set<String> = [
        "street", "st", "road", "rd", "avenue", "ave", "av", "lane", "ln", "drive", "dr", "court", "ct", "place", "pl", "boulevard", "blvd",
        "way", "terrace", "tce", "crescent", "cres", "close", "parade", "pde", "highway", "hwy", "square", "sq", "circle", "cir",
        "parkway", "pkwy", "trail", "trl", "hill", "hills", "grove", "gardens", "row", "walk", "mews", "park", "view", "rise", "green",
        "ridge", "point", "pike", "plaza", "path", "loop", "run", "bend", "crossing", "heights", "harbor", "harbour", "key", "keys",
        "route", "motorway", "glen", "glens", "piazza", "extension", "extensions", "estate", "estates", "meadow", "meadows", "valley",
        "springs", "falls", "ferry", "fort", "junction", "landing", "mill", "mills", "pass", "port", "shore", "shores", "station",
        "summit", "track", "turnpike", "union", "vista", "village", "villages", "wells", "brook", "brooks", "creek", "field", "fields",
        "flat", "flats", "ford", "forge", "forks", "haven", "island", "isle", "lake", "lakes", "lodge", "manor", "mount", "mountain",
        "orchard", "oval", "pines", "plain", "plains", "ranch", "rapid", "rapids", "rest", "river", "shoal", "spur", "stream",
        "throughway", "trace", "tunnel", "underpass", "viaduct", "alley", "arcade", "avenue", "bay", "beach", "bluff", "bottom",
        "branch", "bridge", "burg", "bypass", "camp", "canyon", "cape", "causeway", "center", "centre", "cliff", "club", "common",
        "commons", "corner", "corners", "course", "cove", "curve", "dale", "dam", "divide", "expressway", "freeway", "gateway",
        "hollow", "inlet", "knoll", "light", "lock", "locks", "mall", "neck", "overpass", "prairie", "radial", "ramp", "ville",
        "wall", "ways", "well", "esplanade", "square", "garden", "island", "islands", "squares", "gardens", "points", "ports", "ridges", "routes", "broadway", "cove", "quay", "wharf", "promenade", "chase", "gate", "gates", "drives",
    ]
    static let unitWords: Set<String> = ["apt", "apt.", "suite", "ste", "unit", "flat", "floor", "fl", "level", "lvl", "#", "room", "bldg"]

    static func scan(_ t: ScanText, into out: inout [Candidate]) {
        let n = t.count
        var i = 0
        while i < n {
            // ASCII other than digits and capitals starts nothing here (lowercase letters are never a street's first letter).
            let a = t[i]
            if a < 128 && !(a >= 48 && a <= 57) && !(a >= 65 && a <= 90) { i += 1; continue }
            if t.isLetter(i) && !t.isLetter(i - 1) && t[i] < 0x3000 {
                if t.isUpper(i) { compoundStreet(t, at: i, into: &out) }
            } else if t.isDigit(i) && !t.isASCIIAlnum(i - 1) {
                englishStreet(t, at: i, into: &out)
            }
            let v = t[i]
            if v == 0x3012 { japanese(t, at: i, into: &out) } // 〒
            if v == 0x865F, t.isDigit(i - 1) { taiwanese(t, endingAt: i, into: &out) } // 號
            if t.isHangul(i) && !t.isHangul(i - 1) { korean(t, at: i, into: &out) }
            if (v == 0x90FD || v == 0x9053 || v == 0x5E9C || v == 0x770C) && (t.isHan(i + 1) || t.isKana(i + 1)) && t[i - 1] != 0x3012 { japanesePrefecture(t, endingAt: i, into: &out) }
            i += 1
        }
    }

    private static func wordEnd(_ t: ScanText, _ i: Int) -> Int {
        var k = i
        while k < t.count && (t.isLetter(k) || ((t[k] == 45 || t[k] == 39 || t[k] == 0x2019) && t.isLetter(k + 1))) { k += 1 }
        return k
    }

    /// House number with optional letter or addition: 12, 65a, 195 bis, 12-2, 14 A.
    private static func houseNumber(_ t: ScanText, at i: Int) -> Int? {
        var k = i
        while t.isDigit(k) && k - i < 5 { k += 1 }
        guard k > i, !t.isDigit(k) else { return nil }
        if t.isLower(k) && !t.isLetter(k + 1) { k += 1 }
        else if t[k] == 45 && (t.isDigit(k + 1) || t.isLetter(k + 1)) && !t.isLetter(k + 2) {
            k += 1; while t.isDigit(k) || t.isLetter(k) { k += 1 }
        } else if t[k] == 32 && t.matches("bis", at: k + 1) && !t.isLetter(k + 4) { k += 4 }
        else if t[k] == 32 && t.isUpperASCII(k + 1) && !t.isLetter(k + 2) && t[k + 2] != 46 { k += 2 }
        if t.isLetter(k) { return nil }
        return k
    }

    private static func compoundStreet(_ t: ScanText, at i: Int, into out: inout [Candidate]) {
        let e = wordEnd(t, i)
        var endWord = e
        if t[e] == 46 { endWord = e + 1 } // Heintzestr.
        guard endWord - i >= 5, t[endWord] == 32, t.isDigit(endWord + 1) else { return }
        let w = t.lowered(i..<endWord)
        guard compoundSuffixes.contains(where: { w.hasSuffix($0) && w.count > $0.count + 1 }) else { return }
        guard t[endWord] == 32, let h = houseNumber(t, at: endWord + 1) else { return }
        var end = h
        // German: ", 67595 Lüdenscheid" belongs to the address; Dutch postcodes are their own span.
        var k = end
        if t[k] == 44 { k += 1 }
        if t[k] == 32 { k += 1 }
        if t.isDigit(k), t.isDigit(k + 4), !t.isDigit(k + 5), t[k + 5] == 32, t.isUpper(k + 6) {
            var c = wordEnd(t, k + 6)
            while t[c] == 32 && t.isUpper(c + 1) { c = wordEnd(t, c + 1) }
            if t[c] == 45 && t.isUpper(c + 1) { c = wordEnd(t, c + 1) }
            end = c
        }
        out.append(Candidate(type: .address, start: i, end: end, confidence: 0.85))
    }

    private static func englishStreet(_ t: ScanText, at i: Int, into out: inout [Candidate]) {
        var k = i
        while t.isDigit(k) && k - i < 6 { k += 1 }
        guard k - i <= 5, t[k] == 32 || (t.isLetter(k) && t[k + 1] == 32) else { return }
        if t.isLetter(k) { k += 1 }
        // 1-4 capitalised street words.
        var words = 0
        var lastWord = ""
        var p = k
        var streetEnd = k
        while t[p] == 32 && t.isUpper(p + 1) && words < 5 {
            let e = wordEnd(t, p + 1)
            let w = t.lowered((p + 1)..<e)
            if unitWords.contains(w) && (t.isDigit(e + 1) || t[e + 1] == 35 || t.isDigit(e + 2)) { break }
            lastWord = w.hasSuffix("s") && !streetTypes.contains(w) && streetTypes.contains(String(w.dropLast())) ? String(w.dropLast()) : w
            words += 1
            p = e
            if t[p] == 46 && streetTypes.contains(lastWord) { p += 1 }
            streetEnd = p
            if streetTypes.contains(lastWord) && words >= 2 { break }
        }
        guard words >= 1 else { return }
        var end = streetEnd
        var hasType = streetTypes.contains(lastWord) && words >= 2
        // Unit: Apt 34, Suite 200, Unit 5.
        var q = end
        if t[q] == 44 { q += 1 }
        if t[q] == 32 {
            let we = wordEnd(t, q + 1)
            if unitWords.contains(t.lowered((q + 1)..<we)) || t[q + 1] == 35 {
                var r = t[q + 1] == 35 ? q + 2 : we
                if t[r] == 46 { r += 1 }
                if t[r] == 32 { r += 1 }
                if t[r] == 35 { r += 1 }
                let s = r
                while t.isDigit(r) || t.isUpperASCII(r) { r += 1 }
                if r > s { end = r }
            }
        }
        // Tail: , City[,] ST 12345 | City VIC 5942 | City L9D 1GE.
        var tail = end
        if t[tail] == 44 { tail += 1 }
        var tailEnd: Int?
        if t[tail] == 32 || t[tail] == 10 {
            var c = tail + 1
            var cityWords = 0
            while t.isUpper(c) && cityWords < 4 {
                let e = wordEnd(t, c)
                if e - c >= 2 && t.isUpperASCII(c) && (c..<e).allSatisfy({ t.isUpperASCII($0) }) { break } // state code
                c = e; cityWords += 1
                if t[c] == 44 { c += 1 }
                if t[c] == 32 { c += 1 } else { break }
            }
            if cityWords > 0 {
                // State (2-3 capitals) + 4-5 digit postcode, or a UK postcode.
                var s = c
                while t.isUpperASCII(s) && s - c < 3 { s += 1 }
                if s - c >= 2 && !t.isLetter(s) && t[s] == 32 && t.isDigit(s + 1) {
                    var z = s + 1
                    while t.isDigit(z) { z += 1 }
                    if (4...5).contains(z - s - 1) && !t.isASCIIAlnum(z) { tailEnd = z }
                } else if let uk = ukPostcode(t, at: c) { tailEnd = uk }
            }
        }
        if let te = tailEnd { end = te; hasType = true }
        guard hasType else { return }
        out.append(Candidate(type: .address, start: i, end: end, confidence: tailEnd != nil ? 0.85 : 0.75))
    }

    /// UK postcode: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA.
    private static func ukPostcode(_ t: ScanText, at i: Int) -> Int? {
        var k = i
        guard t.isUpperASCII(k) else { return nil }
        k += 1
        if t.isUpperASCII(k) { k += 1 }
        guard t.isDigit(k) else { return nil }
        k += 1
        if t.isDigit(k) || t.isUpperASCII(k) { k += 1 }
        guard t[k] == 32, t.isDigit(k + 1), t.isUpperASCII(k + 2), t.isUpperASCII(k + 3), !t.isASCIIAlnum(k + 4) else { return nil }
        return k + 4
    }

    /// Korean: starts at a token ending in 시/도, continues over administrative tokens to a road (로/길/가) and a number.
    private static func korean(_ t: ScanText, at i: Int, into out: inout [Candidate]) {
        var e = i
        while t.isHangul(e) { e += 1 }
        let last = t[e - 1]
        guard e - i >= 2, last == 0xC2DC || last == 0xB3C4, t[e] == 32 else { return } // 시, 도
        var p = e
        var sawRoad = false
        var end = -1
        var tokens = 0
        while t[p] == 32 && tokens < 7 {
            let s = p + 1
            var q = s
            if t.matches("지하", at: q) { q += 2 }
            if t.isDigit(q) {
                // House number (123, 457-69), only after a road; Hangul glued after it (에, 번지) ends the address.
                guard sawRoad else { break }
                while t.isDigit(q) || (t[q] == 45 && t.isDigit(q + 1)) { q += 1 }
                end = q
                break
            }
            while t.isHangul(q) || t.isDigit(q) { q += 1 }
            guard q > s else { break }
            let tl = t[q - 1]
            let isRoad = tl == 0xB85C || tl == 0xAE38 || tl == 0xAC00 || (tl == 0xB9AC && t[q - 2] == 0xAC70) // 로, 길, 가, 거리
            if isRoad { sawRoad = true }
            else if !(tl == 0xC2DC || tl == 0xAD6C || tl == 0xAD70 || tl == 0xC74D || tl == 0xBA74 || tl == 0xB3D9 || tl == 0xB9AC || tl == 0xB3C4) { break }
            p = q; tokens += 1
        }
        guard sawRoad, end > 0 else { return }
        // Optional (동/건물) suffix.
        if t[end] == 32 && t[end + 1] == 40 {
            var q = end + 2
            while q < t.count && t[q] != 41 && q - end < 20 && t[q] != 10 { q += 1 }
            if t[q] == 41 { end = q + 1 }
        }
        out.append(Candidate(type: .address, start: i, end: end, confidence: 0.85))
    }

    private static func isJapaneseAddressChar(_ t: ScanText, _ k: Int) -> Bool {
        t.isHan(k) || t.isKana(k) || t.isDigit(k) || t[k] == 45 || t[k] == 0x30FC || t[k] == 0x2212
    }

    /// Japanese with 〒: postcode, prefecture chain, up to the last 号/番/digit, then an optional building.
    private static func japanese(_ t: ScanText, at i: Int, into out: inout [Candidate]) {
        var k = i + 1
        while t.isDigit(k) || t[k] == 45 { k += 1 }
        if t.isSpace(k) { k += 1 }
        let end = japaneseChain(t, from: k)
        guard end > k else { return }
        out.append(Candidate(type: .address, start: i, end: end, confidence: 0.9))
    }

    private static func japanesePrefecture(_ t: ScanText, endingAt i: Int, into out: inout [Candidate]) {
        var s = i
        while s > i - 4 && t.isHan(s - 1) { s -= 1 }
        guard i - s >= 1 else { return }
        let end = japaneseChain(t, from: s)
        guard end > i + 3 else { return }
        // Needs a block number to be an address rather than a place name.
        var hasNumber = false
        for k in s..<end where t.isDigit(k) { hasNumber = true; break }
        guard hasNumber else { return }
        out.append(Candidate(type: .address, start: s, end: end, confidence: 0.8))
    }

    private static func japaneseChain(_ t: ScanText, from k0: Int) -> Int {
        var k = k0
        while isJapaneseAddressChar(t, k) && k - k0 < 60 { k += 1 }
        // Trim back to the last 号, 番地, 番 or digit.
        var end = k
        while end > k0 && !(t[end - 1] == 0x53F7 || t[end - 1] == 0x756A || t[end - 1] == 0x5730 || t.isDigit(end - 1)) { end -= 1 }
        guard end > k0 else { return k0 }
        // Building: space + name ending in digits.
        if end == k, t.isSpace(end) {
            var b = end + 1
            while (t.isHan(b) || t.isKana(b) || t.isASCIIAlnum(b) || t[b] == 0x30FC) && b - end < 25 { b += 1 }
            if b > end + 1 && t.isDigit(b - 1) { end = b }
        }
        return end
    }

    /// Taiwanese: walk back from 號 over the road chain (and a leading postcode), forward over 之N, N樓, N室.
    private static func taiwanese(_ t: ScanText, endingAt i: Int, into out: inout [Candidate]) {
        var s = i
        while t.isDigit(s - 1) { s -= 1 }
        var hanStart = s
        while (t.isHan(hanStart - 1) || (t.isDigit(hanStart - 1) && t.isHan(hanStart))) && i - hanStart < 25 { hanStart -= 1 }
        while t.isDigit(hanStart) { hanStart += 1 }
        guard s - hanStart >= 2 else { return }
        var chain = t.lowered(hanStart..<s)
        guard chain.includes("路") || chain.includes("街") || chain.includes("巷") || chain.includes("段") || chain.includes("道") || chain.includes("弄") else { return }
        // Drop lead-in verbs such as 住在 / 地址 that are glued to the chain.
        for lead in ["住在", "住址", "地址", "位於", "寄到", "送到", "在"] {
            if chain.hasPrefix(lead) {
                hanStart += lead.count; chain = String(chain.dropFirst(lead.count)); break
            }
        }
        var start = hanStart
        if t.isSpace(start - 1) && t.isDigit(start - 2) {
            var p = start - 1
            while t.isDigit(p - 1) { p -= 1 }
            if (start - 1 - p) >= 3 && (start - 1 - p) <= 6 { start = p }
        }
        var end = i + 1
        if t[end] == 0x4E4B && t.isDigit(end + 1) { end += 1; while t.isDigit(end) { end += 1 } } // 之N
        if t.isDigit(end) {
            var q = end
            while t.isDigit(q) { q += 1 }
            if t[q] == 0x6A13 || t[q] == 0x5BA4 || t[q] == 0x5C64 { end = q + 1 } // 樓, 室, 層
        }
        out.append(Candidate(type: .address, start: start, end: end, confidence: 0.85))
    }
}
