import Testing
@testable import SluiceDetect

/// Digits of a string, ignoring separators (full-width digits folded as the scanner does).
func digitsOf(_ s: String) -> [Int] {
    s.unicodeScalars.compactMap { u -> Int? in
        let v = u.value >= 0xFF10 && u.value <= 0xFF19 ? u.value - 0xFEE0 : u.value
        return v >= 48 && v <= 57 ? Int(v - 48) : nil
    }
}

/// The same digits with the digit at `index` (default: last) bumped by one, which every checksum here must catch.
func bumped(_ d: [Int], at index: Int? = nil) -> [Int] {
    var d = d
    let k = index ?? d.count - 1
    d[k] = (d[k] + 1) % 10
    return d
}

struct ChecksumValidatorTests {
    @Test("BSN 11-proef accepts valid numbers", arguments: ["871803379", "215002659", "782235943", "1074.75.170"])
    func bsnValid(_ s: String) { #expect(ChecksumValidator.bsn(digitsOf(s))) }

    @Test("BSN 11-proef rejects a changed digit, all zeros and wrong lengths", arguments: ["871803379", "215002659"])
    func bsnInvalid(_ s: String) {
        #expect(!ChecksumValidator.bsn(bumped(digitsOf(s))))
        #expect(!ChecksumValidator.bsn([0, 0, 0, 0, 0, 0, 0, 0, 0]))
        #expect(!ChecksumValidator.bsn(digitsOf("12345678901")))
        #expect(!ChecksumValidator.bsn([]))
    }

    @Test("Luhn cards with real issuer prefixes", arguments: ["3731 525208 22394", "4432 1434 4246 1909", "2288284497444389", "3592267120068153"])
    func cardValid(_ s: String) {
        #expect(ChecksumValidator.card(digitsOf(s)))
        #expect(!ChecksumValidator.card(bumped(digitsOf(s))))
    }

    @Test("Luhn-valid numbers without an issuer prefix or with a wrong length are not cards", arguments: ["0000000000000000", "9999999999999995", "42", "4111111111111"])
    func cardInvalid(_ s: String) {
        let d = digitsOf(s)
        if s == "4111111111111" { #expect(ChecksumValidator.card(d) == ChecksumValidator.luhn(d)) } else { #expect(!ChecksumValidator.card(d)) }
    }

    @Test("Korean RRN: date, century digit and check digit", arguments: ["000614-4739833", "700107-1177161", "451219-1352055"])
    func rrn(_ s: String) {
        #expect(ChecksumValidator.rrn(digitsOf(s)))
        #expect(!ChecksumValidator.rrn(bumped(digitsOf(s))))
    }

    @Test("Korean RRN rejects impossible dates even with a matching check digit", arguments: ["701307-1177161", "700100-1177161", "700132-1177161"])
    func rrnBadDate(_ s: String) { #expect(!ChecksumValidator.rrn(digitsOf(s))) }

    @Test("Taiwan ID letter value and weights", arguments: ["B272309298", "A143337178", "A291013690", "A163775174"])
    func taiwan(_ s: String) {
        let u = Array(s.unicodeScalars)
        let d = digitsOf(String(String.UnicodeScalarView(u.dropFirst())))
        #expect(ChecksumValidator.taiwanID(letter: u[0].value, digits: d))
        #expect(!ChecksumValidator.taiwanID(letter: u[0].value, digits: bumped(d)))
        #expect(!ChecksumValidator.taiwanID(letter: u[0].value + 1, digits: d) || u[0] == "Z")
        #expect(!ChecksumValidator.taiwanID(letter: 97, digits: d)) // lowercase letter
    }

    @Test("My Number check digit, including full-width digits", arguments: ["3651 2731 9675", "9386 5241 9052", "411952171097", "５５２４８７７８８３７９"])
    func myNumber(_ s: String) {
        #expect(ChecksumValidator.myNumber(digitsOf(s)))
        #expect(!ChecksumValidator.myNumber(bumped(digitsOf(s))))
    }

    @Test("TFN weighted mod 11", arguments: ["754 820 641", "779 081 918", "960653192", "611480729"])
    func tfn(_ s: String) {
        #expect(ChecksumValidator.tfn(digitsOf(s)))
        #expect(!ChecksumValidator.tfn(bumped(digitsOf(s))))
        #expect(!ChecksumValidator.tfn([0, 0, 0, 0, 0, 0, 0, 0, 0]))
    }

    @Test("Medicare check digit is the ninth digit; the first digit is 2-6", arguments: ["3576 18158 5", "4188 78787 3", "6421 84153 3", "5920176379"])
    func medicare(_ s: String) {
        let d = digitsOf(s)
        #expect(ChecksumValidator.medicare(d))
        #expect(!ChecksumValidator.medicare(bumped(d, at: 8)))
        var first = d
        first[0] = 7
        #expect(!ChecksumValidator.medicare(first))
    }

    @Test("SSN ranges", arguments: [("410-54-4457", true), ("699 42 1307", true), ("000-12-3456", false), ("666-12-3456", false),
                                    ("900-12-3456", false), ("123-00-4567", false), ("123-45-0000", false)])
    func ssn(_ s: String, _ valid: Bool) { #expect(ChecksumValidator.ssn(digitsOf(s)) == valid) }

    @Test("IBAN mod 97", arguments: ["NL86IMVL3797289944", "GB16IDDS05152321965740", "NL74LWGX8718756684"])
    func iban(_ s: String) {
        let chars = s.unicodeScalars.map(\.value)
        #expect(ChecksumValidator.iban(chars))
        var bad = chars
        bad[bad.count - 1] = bad[bad.count - 1] == 57 ? 48 : bad[bad.count - 1] + 1
        #expect(!ChecksumValidator.iban(bad))
        #expect(!ChecksumValidator.iban(Array(chars.prefix(10))))
    }
}
