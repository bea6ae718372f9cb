/// The sixteen personal-data categories the detector reports, named as the corpus scorer expects.
public enum PIIType: String, Sendable, CaseIterable, Codable, Hashable {
    case email = "EMAIL"
    case phone = "PHONE"
    case iban = "IBAN"
    case creditCard = "CREDIT_CARD"
    case nlBSN = "NL_BSN"
    case krRRN = "KR_RRN"
    case twNationalID = "TW_NATIONAL_ID"
    case jpMyNumber = "JP_MY_NUMBER"
    case auTFN = "AU_TFN"
    case auMedicare = "AU_MEDICARE"
    case usSSN = "US_SSN"
    case ipAddress = "IP_ADDRESS"
    case nlPostcode = "NL_POSTCODE"
    case address = "ADDRESS"
    case dateOfBirth = "DATE_OF_BIRTH"
    case person = "PERSON"

    /// The short label used in typed placeholders such as `[BSN_2]`.
    public var placeholderLabel: String {
        switch self {
        case .email: "EMAIL"
        case .phone: "PHONE"
        case .iban: "IBAN"
        case .creditCard: "CARD"
        case .nlBSN: "BSN"
        case .krRRN: "RRN"
        case .twNationalID: "TW_ID"
        case .jpMyNumber: "MY_NUMBER"
        case .auTFN: "TFN"
        case .auMedicare: "MEDICARE"
        case .usSSN: "SSN"
        case .ipAddress: "IP"
        case .nlPostcode: "POSTCODE"
        case .address: "ADDRESS"
        case .dateOfBirth: "DOB"
        case .person: "PERSON"
        }
    }

    /// Hashes the case, not the raw `String` (what `RawRepresentable` would do), so per-type dictionaries stay cheap.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
    public static func == (a: PIIType, b: PIIType) -> Bool { a.ordinal == b.ordinal }

    /// Position in `allCases`.
    var ordinal: Int {
        switch self {
        case .email: 0
        case .phone: 1
        case .iban: 2
        case .creditCard: 3
        case .nlBSN: 4
        case .krRRN: 5
        case .twNationalID: 6
        case .jpMyNumber: 7
        case .auTFN: 8
        case .auMedicare: 9
        case .usSSN: 10
        case .ipAddress: 11
        case .nlPostcode: 12
        case .address: 13
        case .dateOfBirth: 14
        case .person: 15
        }
    }

    /// Whether the type is an identifier with a fixed format (the 13 types scored with `--only-types`).
    public var isIdentifier: Bool {
        switch self {
        case .address, .dateOfBirth, .person: false
        default: true
        }
    }
}
