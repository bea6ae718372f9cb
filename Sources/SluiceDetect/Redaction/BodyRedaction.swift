/// The result of inspecting one request body: what to forward, what was found, and the raw values for keyed fingerprints only.
public struct BodyRedaction: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Nothing to change (monitored findings may still be listed).
        case unchanged
        /// Forward this body instead; `contentEncoding` is the header value to send (nil = remove the header).
        case redacted(body: [UInt8], contentEncoding: String?)
        /// A blocked category was found; the body must be refused. Lists categories, never values.
        case blocked(categories: [PIIType])
        /// Too large, or a content type, charset or coding we cannot read: the policy's fail mode applies.
        case uninspectable(reason: String)
    }

    public var outcome: Outcome
    public var findings: [FindingSummary]
    /// Distinct raw values per category, for keyed fingerprints; never log this field.
    public var values: [PIIType: [String]]

    public init(outcome: Outcome, findings: [FindingSummary] = [], values: [PIIType: [String]] = [:]) {
        self.outcome = outcome
        self.findings = findings
        self.values = values
    }

    /// Total number of findings across categories.
    public var findingCount: Int { findings.reduce(0) { $0 + $1.count } }
}
