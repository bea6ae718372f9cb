/// curl's `--connect-to HOST1:PORT1:HOST2:PORT2`: requests for HOST1:PORT1 connect to HOST2:PORT2 instead.
/// An empty HOST1 or PORT1 matches any; an empty HOST2 or PORT2 keeps the original. Policy is always
/// decided on the name the client asked for; this only changes where the socket goes.
public struct ConnectToRule: Sendable, Equatable, CustomStringConvertible {
    public var fromHost: String?
    public var fromPort: Int?
    public var toHost: String?
    public var toPort: Int?

    public struct ParseError: Error, CustomStringConvertible {
        public var text: String
        public var description: String { "invalid --connect-to '\(text)': expected HOST1:PORT1:HOST2:PORT2" }
    }

    public init(fromHost: String?, fromPort: Int?, toHost: String?, toPort: Int?) {
        self.fromHost = fromHost
        self.fromPort = fromPort
        self.toHost = toHost
        self.toPort = toPort
    }

    public init(parsing text: String) throws(ParseError) {
        // Split on ':' outside brackets so IPv6 literals such as [::1] survive.
        var parts: [String] = []
        var current = ""
        var inBrackets = false
        for ch in text {
            switch ch {
            case "[": inBrackets = true; current.append(ch)
            case "]": inBrackets = false; current.append(ch)
            case ":" where !inBrackets: parts.append(current); current = ""
            default: current.append(ch)
            }
        }
        parts.append(current)
        guard parts.count == 4, !inBrackets else { throw ParseError(text: text) }
        func port(_ s: String) throws(ParseError) -> Int? {
            if s.isEmpty { return nil }
            guard let p = Int(s), (1...65535).contains(p) else { throw ParseError(text: text) }
            return p
        }
        func host(_ s: String) -> String? {
            if s.isEmpty { return nil }
            var h = s.lowercased()
            if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
            return h
        }
        fromHost = host(parts[0])
        fromPort = try port(parts[1])
        toHost = host(parts[2])
        toPort = try port(parts[3])
    }

    /// The address to connect to for `host:port`, or nil when this rule does not apply.
    public func apply(host: String, port: Int) -> (host: String, port: Int)? {
        if let fromHost, fromHost != host.lowercased() { return nil }
        if let fromPort, fromPort != port { return nil }
        return (toHost ?? host, toPort ?? port)
    }

    public var description: String {
        "\(fromHost ?? ""):\(fromPort.map(String.init) ?? ""):\(toHost ?? ""):\(toPort.map(String.init) ?? "")"
    }
}

extension Array where Element == ConnectToRule {
    /// The first matching rule wins, as in curl.
    func route(host: String, port: Int) -> (host: String, port: Int) {
        for rule in self { if let target = rule.apply(host: host, port: port) { return target } }
        return (host, port)
    }
}
