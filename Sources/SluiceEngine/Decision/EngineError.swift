/// Why a request head could not be decided on; each becomes a 400 whose body names the code.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case badTarget, badScheme, badHost, duplicateHost, hostMismatch, missingHost, badClient
    }

    public let code: Code
    public let detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }

    /// Equality compares the code only.
    public static func == (lhs: EngineError, rhs: EngineError) -> Bool { lhs.code == rhs.code }
}
