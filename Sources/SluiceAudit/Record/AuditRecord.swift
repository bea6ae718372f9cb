import Foundation

/// One decision of the proxy, as it goes into the audit log: who, what, which rule, how much, never content.
///
/// The fields live in one immutable box: a record is copied several times between a loop and the writer
/// thread (queue, backlog, sanitising), and a copy is then one retain instead of one per string field.
/// Setting a field replaces the box (records are built once and rarely edited).
public struct AuditRecord: Sendable, Codable, Equatable {
    struct Fields: Sendable, Equatable {
        var time: Date
        /// Reference id shown on block pages, so a user's complaint finds its line.
        var id: String
        /// "request", "connect", "tls", "error", "reload", "startup", "shutdown", "recovery"…
        var event: String
        var client: String
        var user: String?
        var method: String?
        var scheme: String?
        var host: String?
        var port: Int?
        /// Path without query string unless the writer is configured to keep it.
        var path: String?
        var action: String?
        var rule: String?
        var status: Int?
        var bytesUp: Int64
        var bytesDown: Int64
        var durationMs: Double
        /// Personal-data types found in inspected bodies; empty when none.
        var pii: [PIIEntry]
        /// Short reason: "upstream refused", "sni mismatch", "fail_closed: body too large".
        var note: String?
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    public var time: Date {
        get { box.fields.time }
        set { update { $0.time = newValue } }
    }
    /// Reference id shown on block pages, so a user's complaint finds its line.
    public var id: String {
        get { box.fields.id }
        set { update { $0.id = newValue } }
    }
    /// "request", "connect", "tls", "error", "reload", "startup", "shutdown", "recovery"…
    public var event: String {
        get { box.fields.event }
        set { update { $0.event = newValue } }
    }
    public var client: String {
        get { box.fields.client }
        set { update { $0.client = newValue } }
    }
    public var user: String? {
        get { box.fields.user }
        set { update { $0.user = newValue } }
    }
    public var method: String? {
        get { box.fields.method }
        set { update { $0.method = newValue } }
    }
    public var scheme: String? {
        get { box.fields.scheme }
        set { update { $0.scheme = newValue } }
    }
    public var host: String? {
        get { box.fields.host }
        set { update { $0.host = newValue } }
    }
    public var port: Int? {
        get { box.fields.port }
        set { update { $0.port = newValue } }
    }
    /// Path without query string unless the writer is configured to keep it.
    public var path: String? {
        get { box.fields.path }
        set { update { $0.path = newValue } }
    }
    public var action: String? {
        get { box.fields.action }
        set { update { $0.action = newValue } }
    }
    public var rule: String? {
        get { box.fields.rule }
        set { update { $0.rule = newValue } }
    }
    public var status: Int? {
        get { box.fields.status }
        set { update { $0.status = newValue } }
    }
    public var bytesUp: Int64 {
        get { box.fields.bytesUp }
        set { update { $0.bytesUp = newValue } }
    }
    public var bytesDown: Int64 {
        get { box.fields.bytesDown }
        set { update { $0.bytesDown = newValue } }
    }
    public var durationMs: Double {
        get { box.fields.durationMs }
        set { update { $0.durationMs = newValue } }
    }
    /// Personal-data types found in inspected bodies; empty when none.
    public var pii: [PIIEntry] {
        get { box.fields.pii }
        set { update { $0.pii = newValue } }
    }
    /// Short reason: "upstream refused", "sni mismatch", "fail_closed: body too large".
    public var note: String? {
        get { box.fields.note }
        set { update { $0.note = newValue } }
    }

    public init(
        time: Date, id: String, event: String = "request", client: String = "-", user: String? = nil,
        method: String? = nil, scheme: String? = nil, host: String? = nil, port: Int? = nil, path: String? = nil,
        action: String? = nil, rule: String? = nil, status: Int? = nil,
        bytesUp: Int64 = 0, bytesDown: Int64 = 0, durationMs: Double = 0,
        pii: [PIIEntry] = [], note: String? = nil
    ) {
        box = Box(Fields(time: time, id: id, event: event, client: client, user: user, method: method, scheme: scheme,
                         host: host, port: port, path: path, action: action, rule: rule, status: status, bytesUp: bytesUp,
                         bytesDown: bytesDown, durationMs: durationMs, pii: pii, note: note))
    }

    public static func == (a: AuditRecord, b: AuditRecord) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    /// Total personal-data values across all types.
    public var piiCount: Int { pii.reduce(0) { $0 + $1.count } }
}
