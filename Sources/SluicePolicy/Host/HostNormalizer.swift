/// Turns any spelling of a host name into the one canonical form rules are matched on.
///
/// Order: percent-decode (RFC 3986 §3.2.2), map full-width forms and ideographic dots to ASCII,
/// lower-case, strip one trailing dot, IP literal detection (WHATWG IPv4 forms canonicalised),
/// then IDNA: each non-ASCII label becomes `xn--` + RFC 3492 Punycode.
public enum HostNormalizer {
    /// Normalises a bare host (no port, no userinfo); IPv6 may come with or without brackets.
    public static func normalize(_ raw: String) throws(HostError) -> NormalizedHost {
        if let plain = alreadyNormal(raw) { return plain }
        if let ip = dottedQuad(raw) { return NormalizedHost(text: raw, ip: ip) }
        if raw.isEmpty { throw HostError(.empty, raw) }
        if raw.hasPrefix("[") {
            guard raw.hasSuffix("]"), raw.count > 2 else { throw HostError(.badIPv6, raw) }
            let inner = String(raw.dropFirst().dropLast())
            let ip = try IPAddress.parseIPv6(inner.lowercased())
            return NormalizedHost(text: ip.description, ip: ip)
        }
        if raw.contains(":") {
            let ip = try IPAddress.parseIPv6(raw.lowercased())
            return NormalizedHost(text: ip.description, ip: ip)
        }
        let decoded = try percentDecode(raw)
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(decoded.unicodeScalars.count)
        for scalar in decoded.unicodeScalars { scalars.append(fold(scalar)) }
        var folded = String(String.UnicodeScalarView(scalars)).lowercased()
        if folded.hasSuffix(".") { folded.removeLast() }
        if folded.isEmpty { throw HostError(.empty, raw) }
        if folded.utf8.allSatisfy({ $0 < 0x80 }) && IPAddress.endsInNumber(folded) {
            let ip = try IPAddress.parseLenientIPv4(folded)
            return NormalizedHost(text: ip.description, ip: ip)
        }
        var labels: [String] = []
        for label in folded.split(separator: ".", omittingEmptySubsequences: false) {
            labels.append(try asciiLabel(label, raw: raw))
        }
        let text = labels.joined(separator: ".")
        if text.utf8.count > 253 { throw HostError(.hostTooLong, raw) }
        if IPAddress.endsInNumber(text) {
            let ip = try IPAddress.parseLenientIPv4(text)
            return NormalizedHost(text: ip.description, ip: ip)
        }
        return NormalizedHost(text: text, ip: nil)
    }

    /// The common case on the request path, answered without allocating: a lower-case LDH name whose
    /// labels are 1...63 bytes, with no "--" (which could be an A-label to validate) and whose last label
    /// does not start with a digit (decimal, octal and 0x IPv4 forms need the full parse).
    static func alreadyNormal(_ raw: String) -> NormalizedHost? {
        var labelLength = 0
        var total = 0
        var previous: UInt8 = UInt8(ascii: ".")
        var labelStartsWithDigit = false
        for byte in raw.utf8 {
            total += 1
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"):
                labelLength += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if labelLength == 0 { labelStartsWithDigit = true }
                labelLength += 1
            case UInt8(ascii: "-"):
                if previous == UInt8(ascii: "-") || previous == UInt8(ascii: ".") { return nil }
                labelLength += 1
            case UInt8(ascii: "."):
                if previous == UInt8(ascii: ".") || previous == UInt8(ascii: "-") { return nil }
                labelLength = 0
                labelStartsWithDigit = false
            default:
                return nil
            }
            if labelLength > 63 { return nil }
            previous = byte
        }
        if total == 0 || total > 253 || previous == UInt8(ascii: ".") || previous == UInt8(ascii: "-") || labelStartsWithDigit { return nil }
        return NormalizedHost(text: raw, ip: nil)
    }

    /// The canonical IPv4 spelling, "a.b.c.d" in decimal without leading zeros, answered without allocating;
    /// every other IPv4 form (octal, hex, fewer parts) takes the WHATWG parse.
    static func dottedQuad(_ raw: String) -> IPAddress? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var parts = 0
        for byte in raw.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return nil }
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
            } else if byte >= 0x30, byte <= 0x39 {
                if digits > 0 && part == 0 { return nil }   // leading zero: octal in WHATWG terms
                part = part * 10 + UInt32(byte - 0x30)
                digits += 1
                guard digits <= 3, part <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return .v4(value << 8 | part)
    }

    /// One label as LDH ASCII (underscore allowed for service names); non-ASCII goes through Punycode.
    private static func asciiLabel(_ label: Substring, raw: String) throws(HostError) -> String {
        if label.isEmpty { throw HostError(.emptyLabel, raw) }
        var result: String
        if label.unicodeScalars.allSatisfy(\.isASCII) {
            result = String(label)
        } else {
            for scalar in label.unicodeScalars where scalar.isASCII && !isHostByte(UInt8(scalar.value)) {
                throw HostError(.badCharacter, raw)
            }
            for scalar in label.unicodeScalars where !scalar.isASCII && !isAllowedUnicode(scalar) {
                throw HostError(.badCharacter, raw)
            }
            guard let encoded = Punycode.encode(Array(label.unicodeScalars)) else { throw HostError(.badPunycode, raw) }
            result = "xn--" + encoded
        }
        guard result.utf8.allSatisfy(isHostByte) else { throw HostError(.badCharacter, raw) }
        if result.hasPrefix("-") || result.hasSuffix("-") { throw HostError(.badCharacter, raw) }
        if result.utf8.count > 63 { throw HostError(.labelTooLong, raw) }
        return result
    }

    /// Letters, digits, hyphen and underscore: the bytes a normalised label may hold.
    static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// Non-ASCII scalars that may appear in an IDN label: letters, marks and digits, not spaces, controls or symbols.
    private static func isAllowedUnicode(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isWhitespace || properties.generalCategory == .control || properties.generalCategory == .format { return false }
        return properties.isAlphabetic || properties.generalCategory == .nonspacingMark
            || properties.generalCategory == .spacingMark || properties.numericType != nil
    }

    /// Full-width U+FF01–FF5E to ASCII and the ideographic/full-width/half-width dots to ".".
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x3002, 0xFF0E, 0xFF61: return "."
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        default: return scalar
        }
    }

    /// RFC 3986 §2.1 percent-decoding of a reg-name; malformed escapes and decoded bytes that are not UTF-8 are refused.
    static func percentDecode(_ raw: String) throws(HostError) -> String {
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        var bytes: [UInt8] = []
        var iterator = Array(raw.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard iterator.count >= 2, let high = hexValue(iterator.removeFirst()), let low = hexValue(iterator.removeFirst()) else {
                    throw HostError(.badPercentEncoding, raw)
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self), !text.contains("%") else {
            throw HostError(.badPercentEncoding, raw)
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
