/// Why a body could not be inspected; `code` is stable for tests, `detail` is for people (never contains body text).
public struct DetectError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unsupportedEncoding, corruptCompression, tooLarge, ratioExceeded, unsupportedContentType, unsupportedCharset,
             malformedBody, binaryPart
    }
    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
    public static func == (a: DetectError, b: DetectError) -> Bool { a.code == b.code }
}
