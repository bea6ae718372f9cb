/// A host after normalisation: what every rule is matched against, and what the upstream is dialled as.
public struct NormalizedHost: Sendable, Hashable, CustomStringConvertible {
    /// Canonical text: lower-case ASCII name without trailing dot, dotted-quad IPv4, or IPv6 without brackets.
    public let text: String
    /// Set when the host is an IP literal.
    public let ip: IPAddress?

    public init(text: String, ip: IPAddress?) {
        self.text = text
        self.ip = ip
    }

    public var description: String { text }

    /// Text for a URL authority: IPv6 gets its brackets back.
    public var authorityText: String {
        if case .v6? = ip { return "[\(text)]" }
        return text
    }
}
