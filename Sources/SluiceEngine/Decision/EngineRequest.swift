/// A request head as plain values: what the runtime knows when it asks the engine for a decision.
public struct EngineRequest: Sendable {
    /// "GET", "CONNECT", ...
    public var method: String
    /// CONNECT: "host:port"; absolute-form: "http://host:port/p?q"; origin-form: "/p?q".
    public var target: String
    /// Every Host header value as received (0, 1 or more).
    public var hostHeaders: [String]
    /// Inside an intercepted tunnel: the CONNECT "host:port" (authoritative).
    public var tunnelAuthority: String?
    /// "127.0.0.1" / "::1".
    public var clientIP: String
    /// Raw Proxy-Authorization value.
    public var proxyAuthorization: String?
    public var accept: String?
    public var acceptLanguage: String?
    public var contentType: String?
    /// Inside a tunnel: the user the CONNECT authenticated as (inner requests carry no Proxy-Authorization).
    public var authenticatedUser: String?

    public init(method: String, target: String, hostHeaders: [String] = [], tunnelAuthority: String? = nil,
                clientIP: String = "127.0.0.1", proxyAuthorization: String? = nil, accept: String? = nil,
                acceptLanguage: String? = nil, contentType: String? = nil, authenticatedUser: String? = nil) {
        self.method = method
        self.target = target
        self.hostHeaders = hostHeaders
        self.tunnelAuthority = tunnelAuthority
        self.clientIP = clientIP
        self.proxyAuthorization = proxyAuthorization
        self.accept = accept
        self.acceptLanguage = acceptLanguage
        self.contentType = contentType
        self.authenticatedUser = authenticatedUser
    }

    var isConnect: Bool { method == "CONNECT" || method.uppercased() == "CONNECT" }
}
