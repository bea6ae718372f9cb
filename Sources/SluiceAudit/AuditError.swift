/// The one error type of SluiceAudit: a `code` for tests and scripts, context for people.
public struct AuditError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, stable across releases so tests and callers can switch on it.
    public enum Code: String, Sendable {
        case openFailed, writeFailed, syncFailed, renameFailed, readFailed
        case keyFileInvalid, keyFileTooOpen, keyFileMissing
        case chainUnreadable, badTime
    }

    public var code: Code
    /// The file the operation was about, when there is one.
    public var path: String?
    /// The errno captured at the failing call, 0 when the failure is not a syscall's.
    public var errno: Int32
    public var reason: String

    public init(_ code: Code, path: String? = nil, errno: Int32 = 0, reason: String) {
        self.code = code
        self.path = path
        self.errno = errno
        self.reason = reason
    }

    public var description: String {
        var text = path.map { "\($0): " } ?? ""
        text += reason
        if errno != 0 { text += " (errno \(errno))" }
        return text
    }

    /// Equality compares the code only, as the style asks of every module error.
    public static func == (lhs: AuditError, rhs: AuditError) -> Bool { lhs.code == rhs.code }
}
