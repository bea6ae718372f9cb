/// What a rule does with a matching request.
public enum PolicyAction: String, Sendable, CaseIterable {
    /// Refuse with a block page (403).
    case deny
    /// Forward with personal data removed from the body.
    case redact
    /// Forward untouched.
    case allow
    /// Forward untouched, log what redaction would have found.
    case monitor
    /// Show an interstitial the user may click through once per host per day.
    case warn

    /// Whether rules with this action inspect bodies unless `inspect:` says otherwise.
    public var inspectsByDefault: Bool { self == .redact || self == .monitor || self == .deny }
}
