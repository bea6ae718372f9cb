/// Checksum and range checks for every identifier type; all take plain digit arrays so separators never matter.
enum ChecksumValidator {
    /// Dutch BSN 11-proef: weights 9...2 and -1 on the last digit; 8-digit numbers get a leading zero.
    static func bsn(_ d: [Int]) -> Bool {
        var d = d
        if d.count == 8 { d.insert(0, at: 0) }
        guard d.count == 9, d.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for i in 0..<8 { sum += d[i] * (9 - i) }
        sum -= d[8]
        return sum % 11 == 0
    }

    /// Luhn mod-10 used by payment cards.
    static func luhn(_ d: [Int]) -> Bool {
        guard d.count >= 2 else { return false }
        var sum = 0
        for (k, x) in d.reversed().enumerated() {
            if k % 2 == 1 { let y = x * 2; sum += y > 9 ? y - 9 : y } else { sum += x }
        }
        return sum % 10 == 0
    }

    /// A card number: Luhn-valid and an issuer prefix/length that exists (Visa, Mastercard, Amex, JCB, Discover, Diners).
    static func card(_ d: [Int]) -> Bool {
        let n = d.count
        guard n >= 13 && n <= 19, luhn(d) else { return false }
        func prefix(_ k: Int) -> Int { d.prefix(k).reduce(0) { $0 * 10 + $1 } }
        if d[0] == 4 { return n == 13 || n == 16 || n == 19 }
        let p2 = prefix(2), p4 = prefix(4), p3 = prefix(3), p6 = prefix(6)
        if (51...55).contains(p2) || (2221...2720).contains(p4) { return n == 16 }
        if p2 == 34 || p2 == 37 { return n == 15 }
        if p2 == 35 { return n >= 16 && n <= 19 } // JCB
        if p4 == 6011 || p2 == 65 || (644...649).contains(p3) || (622126...622925).contains(p6) { return n >= 16 && n <= 19 }
        if (300...305).contains(p3) || p2 == 36 || p2 == 38 || p2 == 39 { return n >= 14 && n <= 19 }
        return false
    }

    /// Korean RRN (pre-2020): valid YYMMDD, gender/century digit, weighted mod-11 check digit.
    static func rrn(_ d: [Int]) -> Bool {
        guard d.count == 13 else { return false }
        let mm = d[2] * 10 + d[3], dd = d[4] * 10 + d[5]
        guard (1...12).contains(mm), (1...31).contains(dd), (1...8).contains(d[6]) || d[6] == 9 || d[6] == 0 else { return false }
        let w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
        var sum = 0
        for i in 0..<12 { sum += d[i] * w[i] }
        return (11 - sum % 11) % 10 == d[12]
    }

    /// Japanese My Number: 11 digits weighted from the right, check = 11 - r (0 when r <= 1).
    static func myNumber(_ d: [Int]) -> Bool {
        guard d.count == 12 else { return false }
        var sum = 0
        for n in 1...11 {
            let p = d[11 - n]
            let q = n <= 6 ? n + 1 : n - 5
            sum += p * q
        }
        let r = sum % 11
        let check = r <= 1 ? 0 : 11 - r
        return check == d[11]
    }

    /// Australian TFN: weighted mod-11 over 9 (or legacy 8) digits.
    static func tfn(_ d: [Int]) -> Bool {
        let w: [Int]
        switch d.count {
        case 9: w = [1, 4, 3, 7, 5, 8, 6, 9, 10]
        case 8: w = [10, 7, 8, 4, 6, 3, 5, 1]
        default: return false
        }
        guard d.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for i in 0..<d.count { sum += d[i] * w[i] }
        return sum % 11 == 0
    }

    /// Australian Medicare: first digit 2-6, weights 1,3,7,9 over 8 digits mod 10 = 9th digit; 10th is the issue number.
    static func medicare(_ d: [Int]) -> Bool {
        guard d.count == 10 || d.count == 11, (2...6).contains(d[0]) else { return false }
        let w = [1, 3, 7, 9, 1, 3, 7, 9]
        var sum = 0
        for i in 0..<8 { sum += d[i] * w[i] }
        return sum % 10 == d[8]
    }

    /// US SSN: area 001-899 except 666, group 01-99, serial 0001-9999.
    static func ssn(_ d: [Int]) -> Bool {
        guard d.count == 9 else { return false }
        let area = d[0] * 100 + d[1] * 10 + d[2]
        let group = d[3] * 10 + d[4]
        let serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8]
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    /// Taiwan national ID: letter value (two digits) + 9 digits, weights 1,9,8..1,1, sum mod 10 = 0.
    static func taiwanID(letter: UInt32, digits d: [Int]) -> Bool {
        guard d.count == 9, d[0] == 1 || d[0] == 2 || d[0] == 8 || d[0] == 9 else { return false }
        let table: [Int] = [10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33]
        guard letter >= 65 && letter <= 90 else { return false }
        let v = table[Int(letter - 65)]
        var sum = (v / 10) + (v % 10) * 9
        for i in 0..<8 { sum += d[i] * (8 - i) }
        sum += d[8]
        return sum % 10 == 0
    }

    /// IBAN mod-97 over the rearranged alphanumeric string (letters as 10...35).
    static func iban(_ chars: [UInt32]) -> Bool {
        guard chars.count >= 15 && chars.count <= 34 else { return false }
        let rearranged = chars[4...] + chars[0..<4]
        var rem = 0
        for ch in rearranged {
            if ch >= 48 && ch <= 57 { rem = (rem * 10 + Int(ch - 48)) % 97 }
            else if ch >= 65 && ch <= 90 { rem = (rem * 100 + Int(ch - 55)) % 97 }
            else { return false }
        }
        return rem == 1
    }

    /// IBAN lengths per country (ISO 13616 registry, the countries staff are likely to paste).
    static let ibanLength: [String: Int] = [
        "NL": 18, "DE": 22, "GB": 22, "BE": 16, "FR": 27, "ES": 24, "IT": 27, "PT": 25, "AT": 20, "CH": 21,
        "LU": 20, "IE": 22, "DK": 18, "FI": 18, "SE": 24, "NO": 15, "PL": 28, "CZ": 24, "SK": 24, "HU": 28,
        "GR": 27, "RO": 24, "BG": 22, "HR": 21, "SI": 19, "EE": 20, "LV": 21, "LT": 20, "MT": 31, "CY": 28,
        "IS": 26, "LI": 21, "MC": 27, "SM": 27, "TR": 26, "AE": 23, "SA": 24, "IL": 23,
    ]
}
