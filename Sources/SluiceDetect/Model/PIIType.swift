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

    /// Whether the type is an identifier with a fixed format (the 13 types scored with `--only-types`).
    public var isIdentifier: Bool {
        switch self {
        case .address, .dateOfBirth, .person: false
        default: true
        }
    }
}
