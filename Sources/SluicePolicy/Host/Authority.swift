/// A normalised `host[:port]` authority, the unit the engine decides on.
public struct Authority: Sendable, Hashable, CustomStringConvertible {
    public let host: NormalizedHost
    /// nil when the text had no port; callers supply the scheme default.
    public let port: Int?

    public init(host: NormalizedHost, port: Int?) {
        self.host = host
        self.port = port
    }

    public var description: String { port.map { "\(host.authorityText):\($0)" } ?? host.authorityText }

    /// Parses an authority (RFC 3986 §3.2): the host starts after the LAST "@", IPv6 needs brackets.
    /// Works on the UTF-8 bytes: the delimiters are ASCII, and RFC 3986 defines the authority in octets.
    public static func parse(_ text: String, allowUserinfo: Bool = true) throws(HostError) -> Authority {
        let bytes = text.utf8
        var start = bytes.startIndex
        if let at = bytes.lastIndex(of: UInt8(ascii: "@")) {
            guard allowUserinfo else { throw HostError(.badAuthority, text) }
            start = bytes.index(after: at)
        }
        let rest = bytes[start...]
        guard let first = rest.first else { throw HostError(.empty, text) }
        var hostEnd = rest.endIndex
        var portStart: String.Index?
        if first == UInt8(ascii: "[") {
            guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else { throw HostError(.badIPv6, text) }
            hostEnd = bytes.index(after: close)
            if hostEnd != rest.endIndex {
                guard bytes[hostEnd] == UInt8(ascii: ":") else { throw HostError(.badAuthority, text) }
                portStart = bytes.index(after: hostEnd)
            }
        } else if let colon = rest.firstIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
            portStart = bytes.index(after: colon)
            if bytes[portStart!...].contains(UInt8(ascii: ":")) { throw HostError(.badAuthority, text) }
        }
        for byte in bytes[start..<hostEnd] where byte <= 0x20 || byte == 0x7f || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
            throw HostError(.badCharacter, text)
        }
        let hostText = start == bytes.startIndex && hostEnd == bytes.endIndex ? text : String(text[start..<hostEnd])
        let host = try HostNormalizer.normalize(hostText)
        var port: Int?
        if let portStart, portStart != bytes.endIndex {
            let digits = bytes[portStart...]
            var value = 0
            var count = 0
            for byte in digits {
                count += 1
                guard count <= 5, byte >= 0x30, byte <= 0x39 else { throw HostError(.badPort, text) }
                value = value * 10 + Int(byte - 0x30)
            }
            guard (1...65535).contains(value) else { throw HostError(.badPort, text) }
            port = value
        }
        return Authority(host: host, port: port)
    }
}
