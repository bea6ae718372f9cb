import SluiceHTTP

/// Timeouts of the proxy; every wait has one, so a slow or silent peer cannot hold a worker's resources.
public struct ProxyTimeouts: Sendable {
    /// From the first byte of a request head to its end (slowloris).
    public var headerRead: Duration = .seconds(10)
    /// Keep-alive client connection with no request in progress.
    public var clientIdle: Duration = .seconds(60)
    /// DNS plus TCP connect to the upstream.
    public var connect: Duration = .seconds(10)
    /// From the request being sent to the first byte of the response head (504 after it).
    public var upstreamResponse: Duration = .seconds(60)
    /// No bytes either way while a body or a stream is in flight.
    public var streamIdle: Duration = .seconds(300)
    /// A CONNECT tunnel or WebSocket with no bytes either way.
    public var tunnelIdle: Duration = .seconds(3600)
    /// Graceful shutdown: how long in-flight requests may finish after SIGTERM.
    public var drain: Duration = .seconds(10)
    public init() {}
}

/// Everything `sluice serve` was told, fixed at start.
public struct ProxyConfiguration: Sendable {
    public var listen: [SocketAddress]
    public var workers: Int
    public var timeouts = ProxyTimeouts()
    public var limits = HTTPLimits()
    public var connectTo: [ConnectToRule] = []
    /// Name used in `Via` (RFC 9110 §7.6.3).
    public var viaName = "sluice"
    /// Upper bound on a body the proxy buffers for inspection when the policy gives none.
    public var maxInspectBytes = 1 << 20
    /// Upstream connections kept idle per host:port and loop; as many as busy clients reuse, so a
    /// keep-alive load does not reconnect to the origin for every request.
    public var maxIdlePerHost = 256

    public init(listen: [SocketAddress], workers: Int) {
        self.listen = listen
        self.workers = workers
    }
}
