import Foundation

/// One decision of the proxy, as it goes into the audit log: who, what, which rule, how much, never content.
public struct AuditRecord: Sendable, Codable, Equatable {
    public var time: Date
    /// Reference id shown on block pages, so a user's complaint finds its line.
    public var id: String
    /// "request", "connect", "tls", "error", "reload", "startup", "shutdown", "recovery"…
    public var event: String
    public var client: String
    public var user: String?
    public var method: String?
    public var scheme: String?
    public var host: String?
    public var port: Int?
    /// Path without query string unless the writer is configured to keep it.
    public var path: String?
    public var action: String?
    public var rule: String?
    public var status: Int?
    public var bytesUp: Int64
    public var bytesDown: Int64
    public var durationMs: Double
    /// Personal-data types found in inspected bodies; empty when none.
    public var pii: [PIIEntry]
    /// Short reason: "upstream refused", "sni mismatch", "fail_closed: body too large".
    public var note: String?

    public init(
        time: Date, id: String, event: String = "request", client: String = "-", user: String? = nil,
        method: String? = nil, scheme: String? = nil, host: String? = nil, port: Int? = nil, path: String? = nil,
        action: String? = nil, rule: String? = nil, status: Int? = nil,
        bytesUp: Int64 = 0, bytesDown: Int64 = 0, durationMs: Double = 0,
        pii: [PIIEntry] = [], note: String? = nil
    ) {
        self.time = time
        self.id = id
        self.event = event
        self.client = client
        self.user = user
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.action = action
        self.rule = rule
        self.status = status
        self.bytesUp = bytesUp
        self.bytesDown = bytesDown
        self.durationMs = durationMs
        self.pii = pii
        self.note = note
    }

    /// Total personal-data values across all types.
    public var piiCount: Int { pii.reduce(0) { $0 + $1.count } }
}
