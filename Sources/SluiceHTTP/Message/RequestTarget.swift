/// The four forms of request-target (RFC 9112 §3.2).
public enum RequestTarget: Sendable, Equatable {
    /// "/path?query" (§3.2.1)
    case origin(String)
    /// "http://authority/path?query" (§3.2.2); scheme lower-cased, path "/" when empty.
    case absolute(scheme: String, authority: String, pathAndQuery: String)
    /// "host:port", CONNECT only (§3.2.3)
    case authority(String)
    /// "*", OPTIONS only (§3.2.4)
    case asterisk
}

/// How a message body is delimited (RFC 9112 §6.3).
public enum BodyFraming: Sendable, Equatable {
    case none
    case contentLength(Int)
    case chunked
    case untilClose
}
