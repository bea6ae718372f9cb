/// How a redacted value is replaced: a typed numbered placeholder, a fixed mask, or the caller's keyed pseudonym.
public enum PlaceholderStyle: Sendable {
    /// `[EMAIL_1]`, `[BSN_2]`: keeps the prompt readable and distinct values distinct.
    case typed
    /// `[REDACTED]` for every value.
    case mask
    /// The caller's keyed pseudonym (e.g. HMAC-SHA256); the closure sees the raw value and must not log it.
    case pseudonym(@Sendable (PIIType, String) -> String)
}
