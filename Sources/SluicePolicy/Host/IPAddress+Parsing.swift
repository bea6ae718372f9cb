extension IPAddress {
    /// Parses an IPv6 literal (RFC 4291 §2.2 text forms, including an embedded IPv4 tail); zone ids are refused.
    static func parseIPv6(_ text: String) throws(HostError) -> IPAddress {
        if text.contains("%") { throw HostError(.zoneIdentifier, text) }
        var head: [UInt16] = [], tail: [UInt16] = []
        var sawGap = false
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count >= 3 || (pieces.count >= 2 && !text.hasPrefix(":")) else { throw HostError(.badIPv6, text) }
        var index = 0
        if text.hasPrefix("::") { sawGap = true; index = 2 } else if text.hasPrefix(":") { throw HostError(.badIPv6, text) }
        if text.hasSuffix(":") && !text.hasSuffix("::") { throw HostError(.badIPv6, text) }
        while index < pieces.count {
            let piece = pieces[index]
            if piece.isEmpty {
                if index == pieces.count - 1 && sawGap && text.hasSuffix("::") { break }
                if sawGap { throw HostError(.badIPv6, text) }
                sawGap = true
                index += 1
                continue
            }
            var groups: [UInt16]
            if piece.contains(".") {
                guard index == pieces.count - 1, case let .v4(v4)? = IPAddress(piece) else { throw HostError(.badIPv6, text) }
                groups = [UInt16(v4 >> 16), UInt16(v4 & 0xffff)]
            } else {
                guard piece.count <= 4, piece.allSatisfy(\.isHexDigit), let group = UInt16(piece, radix: 16) else {
                    throw HostError(.badIPv6, text)
                }
                groups = [group]
            }
            if sawGap { tail += groups } else { head += groups }
            index += 1
        }
        let total = head.count + tail.count
        if sawGap ? total > 7 : total != 8 { throw HostError(.badIPv6, text) }
        let all = head + Array(repeating: 0, count: 8 - total) + tail
        var high: UInt64 = 0, low: UInt64 = 0
        for group in all[0..<4] { high = high << 16 | UInt64(group) }
        for group in all[4..<8] { low = low << 16 | UInt64(group) }
        return .v6(high: high, low: low)
    }

    /// WHATWG URL IPv4 parser: accepts 1–4 parts in decimal, 0x-hex or 0-octal, so `0x7f.1` and
    /// `2130706433` become 127.0.0.1 exactly as a browser or `connect()` would read them.
    static func parseLenientIPv4(_ text: String) throws(HostError) -> IPAddress {
        var parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1 && parts.last?.isEmpty == true { parts.removeLast() }
        guard (1...4).contains(parts.count) else { throw HostError(.badIPv4, text) }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = parseIPv4Number(part) else { throw HostError(.badIPv4, text) }
            numbers.append(number)
        }
        for number in numbers.dropLast() where number > 255 { throw HostError(.badIPv4, text) }
        let lastLimit: UInt64 = 1 << (8 * UInt64(5 - numbers.count))
        guard let last = numbers.last, last < lastLimit else { throw HostError(.badIPv4, text) }
        var value = last
        for (position, number) in numbers.dropLast().enumerated() {
            value += number << (8 * UInt64(3 - position))
        }
        return .v4(UInt32(value))
    }

    /// One WHATWG IPv4 number: "0x" hex, leading-zero octal, or decimal; nil when not a number or too large.
    static func parseIPv4Number(_ part: Substring) -> UInt64? {
        if part.isEmpty { return nil }
        var digits = part, radix = 10
        if part.count >= 2, part.hasPrefix("0x") || part.hasPrefix("0X") {
            digits = part.dropFirst(2); radix = 16
            if digits.isEmpty { return 0 }
        } else if part.count >= 2, part.hasPrefix("0") {
            digits = part.dropFirst(); radix = 8
        }
        guard digits.count <= 20, digits.allSatisfy(\.isASCII) else { return nil }
        guard let value = UInt64(digits, radix: radix), value <= UInt64(UInt32.max) else { return nil }
        return value
    }

    /// True when the last dot-separated label looks numeric, the WHATWG "ends in a number" test.
    static func endsInNumber(_ text: String) -> Bool {
        var parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1 && parts.last?.isEmpty == true { parts.removeLast() }
        guard let last = parts.last, !last.isEmpty else { return false }
        if last.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        return (last.hasPrefix("0x") || last.hasPrefix("0X")) && last.dropFirst(2).allSatisfy(\.isHexDigit)
    }
}
