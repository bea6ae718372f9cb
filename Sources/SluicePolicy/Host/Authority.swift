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
    public static func parse(_ text: String, allowUserinfo: Bool = true) throws(HostError) -> Authority {
        var rest = Substring(text)
        if let at = rest.lastIndex(of: "@") {
            guard allowUserinfo else { throw HostError(.badAuthority, text) }
            rest = rest[rest.index(after: at)...]
        }
        if rest.isEmpty { throw HostError(.empty, text) }
        var hostPart: Substring
        var portPart: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw HostError(.badIPv6, text) }
            hostPart = rest[...close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw HostError(.badAuthority, text) }
                portPart = after.dropFirst()
            }
        } else if let colon = rest.firstIndex(of: ":") {
            hostPart = rest[..<colon]
            portPart = rest[rest.index(after: colon)...]
            if portPart?.contains(":") == true { throw HostError(.badAuthority, text) }
        } else {
            hostPart = rest
        }
        for byte in hostPart.utf8 where byte <= 0x20 || byte == 0x7f || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
            throw HostError(.badCharacter, text)
        }
        let host = try HostNormalizer.normalize(String(hostPart))
        var port: Int?
        if let portPart, !portPart.isEmpty {
            guard portPart.count <= 5, portPart.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(portPart),
                  (1...65535).contains(value) else { throw HostError(.badPort, text) }
            port = value
        }
        return Authority(host: host, port: port)
    }
}
