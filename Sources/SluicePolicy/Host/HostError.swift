/// Why a host, authority or address was refused; `code` is stable for tests, `input` is for people.
public struct HostError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable reasons.
    public enum Code: String, Sendable {
        case empty, badCharacter, badPercentEncoding, emptyLabel, labelTooLong, hostTooLong
        case badIPv4, badIPv6, badPort, badAuthority, badPunycode, zoneIdentifier
    }

    public let code: Code
    public let input: String

    public init(_ code: Code, _ input: String) {
        self.code = code
        self.input = input
    }

    public var description: String { "\(code.rawValue): \(input)" }

    /// Equality compares the code only, as the style guide asks.
    public static func == (lhs: HostError, rhs: HostError) -> Bool { lhs.code == rhs.code }
}
