/// Puts a request path in the form rules compare against, so `/%6d365Copilot/` or `/a/../m365Copilot/` cannot dodge a path rule.
public enum PathNormalizer {
    /// Decodes percent-escapes of unreserved characters (RFC 3986 §6.2.2.2), drops the query and fragment,
    /// and removes dot segments (§5.2.4); an empty path becomes "/".
    public static func normalize(_ raw: String) -> String {
        if isAlreadyNormal(raw) { return raw }
        var path = Substring(raw)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        var bytes: [UInt8] = []
        var iterator = Array(path.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let decoded = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16), isUnreserved(decoded) {
                bytes.append(decoded)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return removeDotSegments(String(decoding: bytes, as: UTF8.self))
    }

    /// Fully percent-decoded, lower-cased path, for model-id checks only (never forwarded).
    public static func decodedLowercased(_ raw: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(raw.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let decoded = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(decoded)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// The common path needs no work: rooted, no escapes, no query or fragment, no "." or ".." segment.
    static func isAlreadyNormal(_ raw: String) -> Bool {
        guard raw.utf8.first == UInt8(ascii: "/") else { return false }
        var length = 0, dots = 0
        for byte in raw.utf8.dropFirst() {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"): return false
            case UInt8(ascii: "/"):
                if length > 0, length == dots, length <= 2 { return false }
                length = 0
                dots = 0
            case UInt8(ascii: "."):
                length += 1
                dots += 1
            default:
                length += 1
            }
        }
        return !(length > 0 && length == dots && length <= 2)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// RFC 3986 §5.2.4 on a path that starts with "/" (anything else is treated as rooted).
    static func removeDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".": if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default: output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}
