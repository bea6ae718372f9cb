/// What the proxy does with a category once found: refuse the body, replace the value, or only report it.
public enum CategoryAction: String, Sendable, Codable, CaseIterable {
    case block, redact, monitor
}
