import Testing
@testable import SluiceDetect

struct PhoneNumberPlanTests {
    @Test("National numbers valid under a real plan", arguments: [
        "0612345678", "0201234567", "0470123456", "021234567", "01711234567", "089738519", "02079460958", "07700900123",
        "0612345678", "0412345678", "0298765432", "01012345678", "0212345678", "09012345678", "0312345678", "0912345678", "0223456789",
        "2125550142", "14155550100",
    ])
    func nationalValid(_ s: String) { #expect(PhoneNumberPlan.isValidNational(digitsOf(s))) }

    @Test("Short codes, N11 area codes, 00-prefixed and wrong lengths are rejected", arguments: [
        "0612345", "1234567", "0012345678", "2115550142", "1115550142", "0123", "061234567890123", "0000000000",
    ])
    func nationalInvalid(_ s: String) { #expect(!PhoneNumberPlan.isValidNational(digitsOf(s))) }

    @Test("International numbers per country plan", arguments: [
        ("31612345678", true), ("3161234567", false), ("32470123456", true), ("4915112345678", true), ("447700900123", true),
        ("33612345678", true), ("34612345678", true), ("34512345678", false), ("12125550142", true), ("61412345678", true),
        ("61112345678", false), ("821012345678", true), ("819012345678", true), ("886912345678", true), ("886112345678", false),
        ("999123456789", false),
    ])
    func international(_ s: String, _ valid: Bool) { #expect(PhoneNumberPlan.isValidInternational(digitsOf(s)) == valid) }
}
