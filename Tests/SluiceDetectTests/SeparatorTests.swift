import Testing
@testable import SluiceDetect

struct SeparatorTests {
    @Test("Separators compare by their code points, and first/last read the ends", arguments: [
        ("1 2", " ", true, UInt32(32), UInt32(32)), ("1-2", "-", true, 45, 45), ("1) 2", ") ", true, 41, 32),
        ("1 (2", " (", true, 32, 40), ("1\u{A0}2", " ", false, 0xA0, 0xA0), ("1\u{2013}2", "-", false, 0x2013, 0x2013),
        ("1./2", "./", true, 46, 47),
    ])
    func packed(_ text: String, _ spelled: String, _ same: Bool, _ first: UInt32, _ last: UInt32) {
        let t = ScanText(text)
        let n = text.unicodeScalars.count
        let sep = Separator(t, 1..<(n - 1))
        let reference = Separator(ScanText("0" + spelled + "0"), 1..<(spelled.unicodeScalars.count + 1))
        #expect((sep == reference) == same)
        #expect(sep.first == first && sep.last == last)
        #expect(Separator.uniform([sep, sep]) == sep)
        #expect(Separator.uniform([]) == nil)
        #expect(Separator.uniform([sep, .dot]) == (sep == .dot ? sep : nil))
    }
}
