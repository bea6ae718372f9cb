/// The `redaction:` section: plain values the detector reads; the policy only validates them.
public struct RedactionSettings: Sendable, Equatable {
    /// How a found value is replaced.
    public enum Placeholder: String, Sendable, CaseIterable { case typed, mask, pseudonym }
    /// What to do with a body that cannot be inspected (too large, unknown encoding).
    public enum Uninspectable: String, Sendable, CaseIterable { case failClosed = "fail_closed", passAndLog = "pass_and_log" }
    /// What to do per personal-data category.
    public enum CategoryAction: String, Sendable, CaseIterable { case block, redact, monitor }

    /// The 16 categories the detector knows; other names are refused by the loader.
    public static let categoryNames = [
        "EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "NL_BSN", "KR_RRN", "TW_NATIONAL_ID", "JP_MY_NUMBER", "AU_TFN",
        "AU_MEDICARE", "US_SSN", "IP_ADDRESS", "NL_POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "PERSON",
    ]

    public var placeholder: Placeholder = .typed
    public var minConfidence: Double = 0.5
    public var maxInspectBytes: Int = 1 << 20
    public var onUninspectable: Uninspectable = .failClosed
    /// Every category name mapped to its action (default redact).
    public var categories: [String: CategoryAction] = Dictionary(uniqueKeysWithValues: categoryNames.map { ($0, .redact) })

    public init() {}
}
