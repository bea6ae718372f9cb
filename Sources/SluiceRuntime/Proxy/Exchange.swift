import SluiceEngine
import SluiceHTTP

/// One request/response pair on a client connection, from its head to its audit record.
final class Exchange {
    let head: RequestHead
    let referenceID: String
    let started = ContinuousClock.now
    let engine: Engine
    let request: EngineRequest
    var verdict: Verdict?
    var scheme = "http"
    /// Where the socket goes (after --connect-to); the verdict keeps the name the client asked for.
    var upstreamKey = ""

    // Request body, client → upstream.
    var requestFraming: BodyFraming
    var requestRemaining = 0
    var requestChunks: ChunkedDecoder?
    var requestDone = false
    /// Buffer for bodies the engine inspects before anything is sent.
    var inspecting = false
    var inspectBuffer: [UInt8] = []
    /// Decoded body bytes buffered before inspection was given up (pass_and_log over the limit).
    var prefix: [UInt8] = []
    /// The inspected body was decoded: its Content-Encoding no longer applies.
    var dropContentEncoding = false

    // Response, upstream → client.
    var response: ResponseHead?
    var responseFraming: BodyFraming = .none
    var responseRemaining = 0
    var responseChunks: ChunkedDecoder?
    var rechunk = false
    var responseDone = false
    var responseStarted = false      // bytes of a response (ours or upstream's) reached the client buffer
    var upstreamReusable = true

    // Accounting for the audit line.
    var status: Int?
    var bytesUp: Int64 = 0
    var bytesDown: Int64 = 0
    var note: String?
    /// Set when the body stage refused a request the head stage let through ("block", "deny").
    var actionOverride: String?
    var pii: [PIIFinding] = []

    init(head: RequestHead, referenceID: String, engine: Engine, request: EngineRequest) {
        self.head = head
        self.referenceID = referenceID
        self.engine = engine
        self.request = request
        self.requestFraming = head.framing
        switch head.framing {
        case .contentLength(let n): requestRemaining = n; requestDone = n == 0
        case .chunked: requestChunks = ChunkedDecoder()
        case .none, .untilClose: requestDone = true
        }
    }
}

/// Personal data found in an inspected body, as the audit log records it (types and counts, never values).
struct PIIFinding {
    var type: String
    var count: Int
    var action: String
    var fingerprints: [String]
}
