import Testing
@testable import SluiceDetect

struct PIITypeTests {
    @Test("The ordinal is the position in allCases, and hashing and equality follow the case")
    func ordinal() {
        for (k, type) in PIIType.allCases.enumerated() {
            #expect(type.ordinal == k)
            #expect(PIIType(rawValue: type.rawValue) == type)
        }
        #expect(Set(PIIType.allCases).count == PIIType.allCases.count)
        #expect(PIIType.email != PIIType.phone)
    }
}
