import Testing
@testable import SluiceDetect

struct WordSetTests {
    static let words = ["van", "de heer", "patiënt", "für", "grüße", "t.a.v", "heer/mevrouw", "氏名", "이름"]
    let set = WordSet(WordSetTests.words)
    let reference = Set(WordSetTests.words)

    @Test("Answers exactly what lowercasing to a String and a Set lookup answered", arguments: [
        "van", "VAN", "Van", "vanx", "va", "", "De Heer", "de  heer", "PATIËNT", "Patiënt", "patient", "FÜR", "Für", "GRÜSSE",
        "Grüße", "T.A.V", "heer/MEVROUW", "氏名", "이름", "이름은", "ＶＡＮ", "İvan", "vAn\u{301}", "KELVIN \u{212A}", "\u{1F600}van",
    ])
    func sameAsStringLookup(_ text: String) {
        let t = ScanText(text)
        let whole = 0..<t.count
        #expect(set.contains(t, whole) == reference.contains(t.lowered(whole)), "\(text)")
        // Every sub-range too, including ranges that run past either end of the text.
        for a in -1...t.count { for b in a...(t.count + 1) {
            #expect(set.contains(t, a..<b) == reference.contains(t.lowered(a..<b)), "\(text) \(a)..<\(b)")
        } }
    }

    @Test("Lowercasing covers ASCII, Latin-1 and caseless scripts and refuses the rest", arguments: [
        (UInt32(65), UInt32?(97)), (0x5A, 0x7A), (0xC9, 0xE9), (0xD7, 0xD7), (0xDF, 0xDF), (0x4E00, 0x4E00), (0xAC00, 0xAC00),
        (0x2019, 0x2019), (0x1F600, 0x1F600), (0x130, nil), (0x212A, nil), (0x391, nil),
    ])
    func lowerTable(_ v: UInt32, _ expected: UInt32?) {
        #expect(WordSet.lower(v) == expected)
        if let l = expected, let s = Unicode.Scalar(v) {
            #expect(String(s).lowercased().unicodeScalars.map(\.value) == [l])
        }
    }
}
