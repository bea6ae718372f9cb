import Testing
@testable import SluiceDetect

struct PIIDetectorTests {
    let detector = PIIDetector()

    func types(_ text: String) -> [PIIType] { detector.findings(in: text).map(\.type) }

    @Test("Each identifier type is found with its own type in prose of six languages", arguments: [
        ("Mail j.jansen@ziggo.nl even terug.", PIIType.email, "j.jansen@ziggo.nl"),
        ("Bel mij op 06-12345678 morgen.", .phone, "06-12345678"),
        ("Rufen Sie 089/738519 an.", .phone, "089/738519"),
        ("Call (212) 555-0142 today.", .phone, "(212) 555-0142"),
        ("電話は090-6628-4809です。", .phone, "090-6628-4809"),
        ("연락처: +82 10-0960-5612", .phone, "+82 10-0960-5612"),
        ("聯絡電話(02)2345-6789。", .phone, "(02)2345-6789"),
        ("IBAN GB16 IDDS 0515 2321 9657 40 graag.", .iban, "GB16 IDDS 0515 2321 9657 40"),
        ("Kaart 4432 1434 4246 1909 is geblokkeerd.", .creditCard, "4432 1434 4246 1909"),
        ("BSN: 1074.75.170", .nlBSN, "1074.75.170"),
        ("주민등록번호 700107-1177161 입니다", .krRRN, "700107-1177161"),
        ("身分證字號：A143337178。", .twNationalID, "A143337178"),
        ("マイナンバー 3651 2731 9675 を確認", .jpMyNumber, "3651 2731 9675"),
        ("My TFN is 754 820 641.", .auTFN, "754 820 641"),
        ("Medicare card 3576 18158 5 expires soon", .auMedicare, "3576 18158 5"),
        ("SSN 410-54-4457 on file", .usSSN, "410-54-4457"),
        ("DHCP gave 172.28.175.137 to him", .ipAddress, "172.28.175.137"),
        ("source fe80::1ff:fe23:4567:890a here", .ipAddress, "fe80::1ff:fe23:4567:890a"),
        ("Adres: Dorpsstraat 12a, 5602 NK Kuitaart", .nlPostcode, "5602 NK"),
    ])
    func identifier(_ text: String, _ type: PIIType, _ value: String) {
        let f = detector.findings(in: text)
        #expect(f.contains { $0.type == type && $0.value == value }, "\(f.map { ($0.type, $0.value) })")
    }

    @Test("Hard negatives with number shapes produce nothing", arguments: [
        "Build 10.0.19045.3803 and Chrome 124.0.6367.91 crash on start.",
        "Order 871803378 and invoice 2024-417101 are still open.",
        "Log: 2024-06-13 02:15:33 ERROR worker 12:30:45 timeout",
        "UUID 3f2b8c1e-9d4a-4b7e-8f1a-2c3d4e5f6a7b and git sha 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "Gift card 6196749338199532 was refused; tracking 1Z999AA10123456784.",
        "We sold 1024 MB sticks and 2048 GB drives; epoch 1718000000 and 1718000000123.",
        "Gift code 4786-6435-9526-7105 does not work.",
        "std::vector and a::b are C++ scopes, 12:30 is a time.",
    ])
    func negatives(_ text: String) {
        let f = detector.findings(in: text)
        #expect(f.isEmpty, "\(f.map { ($0.type, $0.value) })")
    }

    @Test("Full-width digits are folded before validating")
    func fullWidth() {
        let f = detector.findings(in: "個人番号：５５２４ ８７７８ ８３７９ です")
        #expect(f.contains { $0.type == .jpMyNumber && $0.value == "５５２４ ８７７８ ８３７９" })
    }

    @Test("Names, addresses and birth dates in several languages", arguments: [
        ("Patiënt: Evelien Vaessen\ngeboren 17-06-2005", [PIIType.person, .dateOfBirth]),
        ("Write a discharge summary for Mr. Jonathan Johnson (born March 14, 1985).", [.person, .dateOfBirth]),
        ("Karteninhaber: Gundi Rose, Nettestraße 5, 67595 Lüdenscheid", [.person, .address]),
        ("lives at 1949 Hernandez Extensions Apt 34, South Kimberlyfurt, MS 03411.", [.address]),
        ("환자 윤상훈(생년월일 1983년 1월 2일)의 진료 기록", [.person, .dateOfBirth]),
        ("住所：〒183-7020 北海道長生郡白子町丸の内41丁目13番19号", [.address]),
        ("請幫我回覆這位客戶：楊建華先生，住在84559 台北縣中山路253號之4", [.person, .address]),
        ("保育園：園児 松本 美加子（生年月日 ２０１３年３月１１日）", [.person, .dateOfBirth]),
    ])
    func heuristics(_ text: String, _ expected: [PIIType]) {
        let found = Set(types(text))
        for t in expected { #expect(found.contains(t), "\(t) missing in \(detector.findings(in: text).map { ($0.type, $0.value) })") }
    }

    @Test("An appointment date is not a birth date")
    func appointmentDate() {
        #expect(!types("Afspraak op 17-06-2025 om 10:00 bij de tandarts.").contains(.dateOfBirth))
    }

    @Test("Offsets are code points and UTF-8 bytes, past emoji and CJK")
    func offsets() {
        let text = "😊 渡辺様 mail a@b.nl"
        let f = detector.findings(in: text).first { $0.type == .email }
        #expect(f?.scalarRange == 11..<17)
        #expect(f?.utf8Range == 20..<26)
        let bytes = Array(text.utf8)
        #expect(f.map { String(decoding: bytes[$0.utf8Range], as: UTF8.self) } == "a@b.nl")
    }

    @Test("A JSON escape does not hide a name: \\nJennifer Ramirez")
    func jsonEscapes() {
        let f = detector.findings(in: #"{"content": "Contact list:\nJennifer Ramirez,j.ramirez@yahoo.com"}"#)
        #expect(f.contains { $0.type == .person && $0.value == "Jennifer Ramirez" })
    }

    @Test("Findings never overlap and are sorted")
    func nonOverlapping() {
        let f = detector.findings(in: "BSN 871803379, tel +31 (0)6 12345678, IBAN NL86IMVL3797289944, born 1 maart 1980")
        for (a, b) in zip(f, f.dropFirst()) { #expect(a.scalarRange.upperBound <= b.scalarRange.lowerBound) }
        #expect(f.count >= 4)
    }

    @Test("One megabyte of digits finishes (linear scan)")
    func megabyteOfDigits() {
        let text = String(repeating: "1234567890", count: 100_000)
        let f = detector.findings(in: text)
        #expect(f.isEmpty)
        let spaced = String(repeating: "123 ", count: 50_000)
        _ = detector.findings(in: spaced)
    }

    @Test("Minimum confidence filters weak findings")
    func minimumConfidence() {
        let strict = PIIDetector(minimumConfidence: 0.99)
        #expect(strict.findings(in: "Hi Debra, BSN 871803379").allSatisfy { $0.confidence >= 0.99 })
    }

    @Test("Values and UTF-8 ranges are cut from the original text, also after emoji, CJK and full-width digits", arguments: [
        "😀 Mail j.jansen@ziggo.nl 😀 of bel 06-12345678",
        "電話は０９０-６６２８-４８０９です。 mail: 山田@example.jp x@y.jp",
        "IBAN NL91ABNA0417164300, BSN 111222333\nDear Jan de Vries, 🎉",
    ])
    func valuesFromOriginal(_ text: String) {
        let found = detector.findings(in: text)
        #expect(!found.isEmpty)
        let bytes = Array(text.utf8)
        let scalars = Array(text.unicodeScalars)
        for f in found {
            #expect(String(decoding: bytes[f.utf8Range], as: UTF8.self) == f.value)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[f.scalarRange])
            #expect(String(view) == f.value)
        }
    }
}
