/// Where a client connection stands, as far as its deadlines are concerned.
public enum ConnectionStage: Sendable {
    /// Between requests, or reading a request head.
    case idle
    /// Buffering a request body for inspection.
    case inspecting
    /// Resolving and connecting to the origin.
    case connecting
    /// Request and response moving.
    case exchanging
    /// The last answer is being written out.
    case closing
}

/// What a connection must do about its deadlines now.
public enum TimeoutAction: Equatable, Sendable {
    case none
    /// Close without a word: an idle keep-alive connection, or a closing one whose client stopped reading.
    case close
    /// Answer with this status and close (nothing of a response has been sent yet).
    case respond(status: Int, title: String, message: String, note: String)
    /// Cut the connection: a response is under way, so no status can be sent any more.
    case abort(note: String)
}

/// The proxy's deadlines as a pure function of a connection's timestamps: the runtime asks on every tick and
/// carries the answer out, so every timeout rule is testable with plain instants and no sockets or sleeps.
public struct ConnectionTimers: Sendable {
    /// From the first byte of a request head to its end (slowloris), and between body bytes being inspected.
    public var headerRead: Duration
    /// A keep-alive client connection with no request in progress.
    public var clientIdle: Duration
    /// DNS plus TCP connect to the upstream.
    public var connect: Duration
    /// From the request being sent to the first byte of the response head.
    public var upstreamResponse: Duration
    /// No bytes either way while a body or a stream is in flight.
    public var streamIdle: Duration
    /// How long a closing connection may take to get its last answer out.
    public var closingGrace: Duration

    public init(headerRead: Duration, clientIdle: Duration, connect: Duration, upstreamResponse: Duration,
                streamIdle: Duration, closingGrace: Duration = .seconds(5)) {
        self.headerRead = headerRead
        self.clientIdle = clientIdle
        self.connect = connect
        self.upstreamResponse = upstreamResponse
        self.streamIdle = streamIdle
        self.closingGrace = closingGrace
    }

    /// The timestamps and facts a decision needs.
    public struct State: Sendable {
        public var stage: ConnectionStage
        /// The last byte read or written on either side.
        public var lastActivity: ContinuousClock.Instant
        /// When the request head now being read began; nil between requests.
        public var headStarted: ContinuousClock.Instant?
        /// When the current stage began (connect started, request fully sent).
        public var stageStarted: ContinuousClock.Instant
        /// A request is in progress (its exchange exists).
        public var hasExchange: Bool
        /// The request is fully sent and no response head has arrived yet.
        public var awaitingResponse: Bool

        public init(stage: ConnectionStage, lastActivity: ContinuousClock.Instant, headStarted: ContinuousClock.Instant?,
                    stageStarted: ContinuousClock.Instant, hasExchange: Bool, awaitingResponse: Bool) {
            self.stage = stage
            self.lastActivity = lastActivity
            self.headStarted = headStarted
            self.stageStarted = stageStarted
            self.hasExchange = hasExchange
            self.awaitingResponse = awaitingResponse
        }
    }

    public func check(_ state: State, now: ContinuousClock.Instant) -> TimeoutAction {
        switch state.stage {
        case .idle:
            if let started = state.headStarted, now - started > headerRead {
                return .respond(status: 408, title: "Request timeout", message: "The request head did not arrive in time.",
                                note: "header read timeout")
            }
            if state.headStarted == nil, !state.hasExchange, now - state.lastActivity > clientIdle { return .close }
        case .inspecting:
            if now - state.lastActivity > headerRead {
                return .respond(status: 408, title: "Request timeout", message: "The request body did not arrive in time.",
                                note: "body read timeout")
            }
        case .connecting:
            if now - state.stageStarted > connect {
                return .respond(status: 504, title: "Gateway timeout", message: "The server did not accept a connection in time.",
                                note: "upstream connect timeout")
            }
        case .exchanging:
            if state.awaitingResponse, now - state.stageStarted > upstreamResponse {
                return .respond(status: 504, title: "Gateway timeout", message: "The server did not answer in time.",
                                note: "upstream response timeout")
            }
            if now - state.lastActivity > streamIdle { return .abort(note: "stream idle timeout") }
        case .closing:
            if now - state.lastActivity > closingGrace { return .close }
        }
        return .none
    }
}
