/// National numbering plans (length and leading digits of the national significant number) for the regions staff call.
enum PhoneNumberPlan {
    /// Country calling codes we know; longest match wins. Codes without a plan below accept 8...12 digit numbers.
    static let countryCodes: Set<String> = [
        "1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86",
        "90", "91", "92", "93", "94", "95", "98", "212", "213", "234", "254", "351", "352", "353", "354", "358", "359",
        "370", "371", "372", "380", "385", "386", "420", "421", "852", "853", "855", "880", "886", "971", "972", "966", "974",
    ]

    /// Validates an international number: `digits` follow the `+` (or `00`); a `(0)` trunk must already be removed.
    static func isValidInternational(_ d: [Int]) -> Bool {
        for len in 1...3 where d.count > len {
            let cc = d.prefix(len).map(String.init).joined()
            guard countryCodes.contains(cc) else { continue }
            var nsn = Array(d.dropFirst(len))
            if nsn.first == 0 && cc != "39" { nsn.removeFirst() } // a written trunk 0 after +cc is common in prose
            return isValid(nsn: nsn, region: cc)
        }
        return false
    }

    /// Validates a national number with its trunk prefix; returns true if any supported plan accepts it.
    static func isValidNational(_ d: [Int]) -> Bool {
        guard let first = d.first else { return false }
        if first == 0 {
            guard d.count >= 9, d[1] != 0 else { return false }
            let nsn = Array(d.dropFirst())
            for region in ["31", "32", "49", "44", "33", "61", "82", "81", "886"] where isValid(nsn: nsn, region: region) {
                return true
            }
            return false
        }
        if d.count == 11 && first == 1 { return isValid(nsn: Array(d.dropFirst()), region: "1") }
        if d.count == 10 { return isValid(nsn: d, region: "1") }
        return false
    }

    /// Spanish national numbers have no trunk prefix: 9 digits starting 6-9.
    static func isValidSpanishNational(_ d: [Int]) -> Bool { isValid(nsn: d, region: "34") }

    static func isValid(nsn d: [Int], region: String) -> Bool {
        let n = d.count
        guard n >= 7, let a = d.first else { return false }
        let b = n > 1 ? d[1] : 0
        switch region {
        case "31": // NL: 9 digits; 1-5 geographic, 6 mobile, 7 regional/VoIP, 85/88/91/97
            return n == 9 && ((1...7).contains(a) || (a == 8 && (b == 5 || b == 8)) || (a == 9 && (b == 1 || b == 7)))
        case "32": // BE: 8 digits landline, 9 digits mobile 45-49
            if a == 4 { return n == 9 && (5...9).contains(b) }
            return n == 8 && a != 0
        case "49": // DE: mobile 15/16/17 (10-11), landline 2-9 area + subscriber (7-11)
            if a == 1 { return (b == 5 || b == 6 || b == 7) && (n == 10 || n == 11) }
            return a >= 2 && n >= 7 && n <= 11
        case "44": // GB: 10 digits starting 1,2,3,5,7,8,9; some 1xxx areas have 9
            if a == 1 { return n == 9 || n == 10 }
            return n == 10 && [2, 3, 5, 7, 8, 9].contains(a)
        case "33": // FR: 9 digits starting 1-9
            return n == 9 && a != 0
        case "34": // ES: 9 digits starting 6-9
            return n == 9 && a >= 6
        case "1": // NANP: NXX-NXX-XXXX, area and exchange not N11
            guard n == 10, a >= 2, d[3] >= 2 else { return false }
            if d[1] == 1 && d[2] == 1 { return false }
            return true
        case "61": // AU: 9 digits starting 2,3,4,7,8
            return n == 9 && [2, 3, 4, 7, 8].contains(a)
        case "82": // KR: mobile 10 + 7/8, Seoul 2 + 7/8, areas 3x-6x + 7/8, 70 + 8
            if a == 1 { return (b == 0 && n == 10) || ([1, 6, 7, 8, 9].contains(b) && (n == 9 || n == 10)) }
            if a == 2 { return n == 8 || n == 9 }
            if (3...6).contains(a) { return (1...5).contains(b) && (n == 9 || n == 10) }
            if a == 7 { return b == 0 && n == 10 }
            return false
        case "81": // JP: mobile 70/80/90 + 8, IP 50 + 8, landline 9 digits
            if (a == 7 || a == 8 || a == 9 || a == 5) && b == 0 { return n == 10 }
            return n == 9 && a != 0
        case "886": // TW: mobile 9 + 8, Taipei 2 + 8, other areas 3-8 + 7/8
            if a == 9 { return n == 9 }
            if a == 2 { return n == 9 }
            if (3...8).contains(a) { return n == 8 || n == 9 }
            return false
        default:
            return n >= 8 && n <= 12
        }
    }
}
