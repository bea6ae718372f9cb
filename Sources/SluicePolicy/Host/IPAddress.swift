/// An IPv4 or IPv6 address in numeric form, so CIDR checks and canonical text never depend on spelling.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt32)
    case v6(high: UInt64, low: UInt64)

    /// An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is treated as the IPv4 address it carries.
    public var unmapped: IPAddress {
        if case let .v6(high, low) = self, high == 0, low >> 32 == 0xffff {
            return .v4(UInt32(truncatingIfNeeded: low))
        }
        return self
    }

    /// Canonical text: dotted quad, or RFC 5952 IPv6 without brackets.
    public var description: String {
        switch self {
        case let .v4(value):
            return "\(value >> 24).\((value >> 16) & 0xff).\((value >> 8) & 0xff).\(value & 0xff)"
        case let .v6(high, low):
            var groups: [UInt16] = []
            for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift))) }
            for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift))) }
            return IPAddress.rfc5952(groups)
        }
    }

    /// RFC 5952 §4.2: compress the longest run (length ≥ 2, first on ties) of zero groups.
    private static func rfc5952(_ groups: [UInt16]) -> String {
        var bestStart = -1, bestLength = 0, index = 0
        while index < groups.count {
            if groups[index] == 0 {
                var end = index
                while end < groups.count && groups[end] == 0 { end += 1 }
                if end - index > bestLength { bestStart = index; bestLength = end - index }
                index = end
            } else {
                index += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// Parses strict text (dotted-quad IPv4 or IPv6 without brackets); nil for anything else.
    public init?(_ text: String) {
        if text.utf8.contains(UInt8(ascii: ":")) {
            guard let parsed = try? IPAddress.parseIPv6(text) else { return nil }
            self = parsed
        } else {
            guard let parsed = HostNormalizer.dottedQuad(text) else { return nil }
            self = parsed
        }
    }
}
