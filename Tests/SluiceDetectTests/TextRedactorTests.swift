import Testing
@testable import SluiceDetect

struct TextRedactorTests {
    @Test("The same value gets the same placeholder; different values get the next number")
    func stablePlaceholders() {
        let (text, findings) = TextRedactor().redact("Mail a@b.nl, c@d.nl and again a@b.nl.")
        #expect(text == "Mail [EMAIL_1], [EMAIL_2] and again [EMAIL_1].")
        #expect(findings.count == 3)
    }

    @Test("Monitored categories are reported but left in place")
    func monitor() {
        let r = TextRedactor(options: RedactionOptions(actions: [.email: .monitor])).redact("Mail a@b.nl, BSN 871803379")
        #expect(r.text == "Mail a@b.nl, BSN [BSN_1]")
    }
}
