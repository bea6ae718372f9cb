/// A TLS or certificate failure: `code` for tests and callers, `detail` (operation, OpenSSL error stack) for people.
public struct TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; callers branch on it (e.g. 502 page wording), tests compare it.
    public enum Code: String, Sendable, Equatable {
        case handshakeFailed, verificationFailed, protocolError, truncated, certificate, io, configuration
    }

    public var code: Code
    /// The failing operation, the drained OpenSSL error queue and, for verification, the X509 verify result.
    public var detail: String
    /// `X509_verify_cert_error_string` of the failed verification (e.g. "certificate has expired"), for the 502 page.
    public var verificationReason: String?

    public init(_ code: Code, _ detail: String, verificationReason: String? = nil) {
        self.code = code
        self.detail = detail
        self.verificationReason = verificationReason
    }

    public var description: String { "TLS \(code.rawValue): \(detail)" }

    /// Equality compares the code only, so tests do not depend on OpenSSL's wording.
    public static func == (lhs: TLSError, rhs: TLSError) -> Bool { lhs.code == rhs.code }
}
