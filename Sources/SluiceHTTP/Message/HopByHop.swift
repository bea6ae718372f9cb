/// Hop-by-hop header fields, removed in one place before a message is forwarded (RFC 9110 §7.6.1).
public enum HopByHop {
    /// Fields that only describe one connection, plus Proxy-Connection (never standard, still sent).
    public static let fixed = ["Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization",
                               "Proxy-Authenticate", "TE", "Trailer", "Transfer-Encoding", "Upgrade"]

    /// Removes the fixed list and every field named in Connection, in one pass over the fields.
    public static func strip(_ headers: inout HeaderList) {
        let named = connectionNamed(headers)
        headers.removeAll { isHopByHop($0.name, named: named) }
    }

    /// The field names Connection and Proxy-Connection list, lower-cased, leaving out "keep-alive" (Keep-Alive
    /// is in the fixed list anyway): a keep-alive head then names nothing, and nothing is allocated.
    public static func connectionNamed(_ headers: HeaderList) -> [String] {
        var named: [String] = []
        for field in headers where field.name.equalsIgnoringASCIICase("Connection") || field.name.equalsIgnoringASCIICase("Proxy-Connection") {
            for element in field.value.utf8.split(separator: UInt8(ascii: ",")) {
                let token = element.trimmingOWSBytes()
                if token.isEmpty || token.equalsIgnoringASCIICase("keep-alive".utf8) { continue }
                named.append(String(decoding: token.map(lowercaseASCII), as: UTF8.self))
            }
        }
        return named
    }

    /// True for a field that must not be forwarded: the fixed list, or one of `named`.
    public static func isHopByHop(_ name: String, named: [String]) -> Bool {
        fixed.contains { name.equalsIgnoringASCIICase($0) } || named.contains { name.equalsIgnoringASCIICase($0) }
    }
}
