/// Hop-by-hop header fields, removed in one place before a message is forwarded (RFC 9110 §7.6.1).
public enum HopByHop {
    /// Fields that only describe one connection, plus Proxy-Connection (never standard, still sent).
    public static let fixed = ["Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization",
                               "Proxy-Authenticate", "TE", "Trailer", "Transfer-Encoding", "Upgrade"]

    /// Removes the fixed list and every field named in Connection, in one pass over the fields.
    public static func strip(_ headers: inout HeaderList) {
        let named = headers.tokens("Connection") + headers.tokens("Proxy-Connection")
        headers.removeAll { field in
            fixed.contains { field.name.equalsIgnoringASCIICase($0) } || named.contains { field.name.equalsIgnoringASCIICase($0) }
        }
    }
}
