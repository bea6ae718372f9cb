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

    /// The field names Connection and Proxy-Connection list, lower-cased (usually none, or "keep-alive").
    public static func connectionNamed(_ headers: HeaderList) -> [String] {
        headers.tokens("Connection") + headers.tokens("Proxy-Connection")
    }

    /// True for a field that must not be forwarded: the fixed list, or one of `named`.
    public static func isHopByHop(_ name: String, named: [String]) -> Bool {
        fixed.contains { name.equalsIgnoringASCIICase($0) } || named.contains { name.equalsIgnoringASCIICase($0) }
    }
}
