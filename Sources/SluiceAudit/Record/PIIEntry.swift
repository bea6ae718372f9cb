/// One personal-data type seen in a body: how many values, what was done, and keyed fingerprints, never the values.
public struct PIIEntry: Sendable, Codable, Equatable {
    /// Detector type name, e.g. "email", "iban", "bsn".
    public var type: String
    public var count: Int
    /// What happened to these values: "redact", "block", "monitor", "pass_and_log".
    public var action: String
    /// `AuditKey.fingerprint` of each value, so an officer can search for a known value.
    public var fingerprints: [String]

    public init(type: String, count: Int, action: String, fingerprints: [String] = []) {
        self.type = type
        self.count = count
        self.action = action
        self.fingerprints = fingerprints
    }
}
