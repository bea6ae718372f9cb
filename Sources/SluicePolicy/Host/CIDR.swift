/// An address block such as 10.0.0.0/8 or ::1/128, used for the client ACL and per-rule client lists.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let prefix: Int

    /// Parses "a.b.c.d/n", "x::y/n" or a bare address (a /32 or /128); host bits must be zero.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(String(parts[0])) else { return nil }
        let width = address.bitWidth
        var prefix = width
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 3, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(parts[1]), value <= width else { return nil }
            prefix = value
        }
        guard address.masked(prefix) == address else { return nil }
        self.address = address
        self.prefix = prefix
    }

    public var description: String { "\(address)/\(prefix)" }

    /// True when `ip` (IPv4-mapped IPv6 counts as IPv4) lies inside this block.
    public func contains(_ ip: IPAddress) -> Bool {
        let candidate = ip.unmapped
        switch (address, candidate) {
        case (.v4, .v4), (.v6, .v6): return candidate.masked(prefix) == address
        default: return false
        }
    }

    /// True when every address in `other` is also in this block (used for shadowing warnings).
    public func covers(_ other: CIDR) -> Bool {
        other.prefix >= prefix && contains(other.address)
    }
}

extension IPAddress {
    var bitWidth: Int {
        if case .v4 = self { return 32 }
        return 128
    }

    /// The address with every bit after the first `prefix` bits cleared.
    func masked(_ prefix: Int) -> IPAddress {
        switch self {
        case let .v4(value):
            let mask: UInt32 = prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix)
            return .v4(value & mask)
        case let .v6(high, low):
            let highMask: UInt64 = prefix >= 64 ? .max : (prefix == 0 ? 0 : UInt64.max << UInt64(64 - prefix))
            let lowPrefix = prefix - 64
            let lowMask: UInt64 = lowPrefix <= 0 ? 0 : (lowPrefix >= 64 ? .max : UInt64.max << UInt64(64 - lowPrefix))
            return .v6(high: high & highMask, low: low & lowMask)
        }
    }
}
