import Testing
@testable import SluiceDetect

struct KeywordSetTests {
    @Test("Windows before a number find label words exactly as a lowered substring search did", arguments: [
        "Tel: 0612345678", "TELEFOON 0612345678", "ring me 0612345678", "電話 0312345678", "☎ 0612345678", String(repeating: "y", count: 70),
        "telephone far away \(String(repeating: " ", count: 40)) 0612345678", "İtel 061234", "BSN 111222333", "bsN", "b", "",
        "ＴＥＬ 0612345678", "Phone’s 0612", "tfn", "My mynumber is", "주민번호 9001011234567",
    ])
    func nearMatchesReference(_ text: String) {
        let t = ScanText(text)
        let lists = [ContextWords.phone, ContextWords.bsn, ContextWords.tfn, ContextWords.ssn, ContextWords.myNumber, ContextWords.rrn]
        for (k, set) in [ContextWords.phoneSet, ContextWords.bsnSet, ContextWords.tfnSet, ContextWords.ssnSet, ContextWords.myNumberSet, ContextWords.rrnSet].enumerated() {
            for i in 0...t.count {
                for window in [5, 30, 60] {
                    let s = t.lowered(max(0, i - window)..<i)
                    let expected = lists[k].contains { s.includes($0) }
                    #expect(ContextWords.near(t, i, set, window: window) == expected, "\(text) at \(i) window \(window)")
                }
            }
        }
    }

    @Test("A keyword is found where it starts, in list order, ASCII case-insensitively", arguments: [
        ("born 1990", 0, 4), ("BORN", 0, 4), ("geb. 1990", 0, 4), ("geboortedatum", 0, 13), ("née x", 0, 3), ("NÉE x", 0, nil),
        ("生年月日", 0, 4), ("b", 0, nil), ("xborn", 1, 4), ("bo", 0, nil), ("d.o.b", 0, 5), ("dob", 0, 3),
    ] as [(String, Int, Int?)])
    func match(_ text: String, _ at: Int, _ length: Int?) {
        #expect(DateOfBirthScanner.keywordSet.match(ScanText(text), at: at) == length)
    }
}
