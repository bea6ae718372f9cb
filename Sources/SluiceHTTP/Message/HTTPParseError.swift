/// Why bytes are not an acceptable HTTP message; `status` is what the proxy answers.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case malformed, requestLineTooLong, headersTooLarge, tooManyHeaders,
             methodNotImplemented, versionNotSupported, conflictingFraming, invalidContentLength, invalidChunk
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var status: Int {
        switch code {
        case .requestLineTooLong, .headersTooLarge, .tooManyHeaders: return 431
        case .methodNotImplemented: return 501
        case .versionNotSupported: return 505
        case .malformed, .conflictingFraming, .invalidContentLength, .invalidChunk: return 400
        }
    }

    public var description: String { detail }

    public static func == (lhs: HTTPParseError, rhs: HTTPParseError) -> Bool { lhs.code == rhs.code }
}

/// Bounds on what a head may be; past them the request is refused with 431 before it is complete.
public struct HTTPLimits: Sendable {
    public var maxRequestLine = 8192
    public var maxHeaderBytes = 65_536
    public var maxHeaderCount = 100

    public init() {}
}
