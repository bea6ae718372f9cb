import Foundation

/// An event the officer may have to report, with what a breach notification asks for and never the values.
public struct AuditIncident: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Personal data reached an AI service under `monitor` or `pass_and_log`.
        case personalDataSent = "personal_data_sent"
        /// A body was blocked because it carried sensitive categories.
        case sensitiveBodyBlocked = "sensitive_body_blocked"
        /// Interception failed (TLS, upstream, internal error, audit gap).
        case interceptionFailure = "interception_failure"
        /// A body Sluice could not inspect went to an AI service under `pass_and_log`: its content is unknown.
        case uninspectedBodySent = "uninspected_body_sent"
    }

    public var time: Date
    public var id: String
    public var kind: Kind
    public var service: String
    public var categories: [String]
    public var values: Int
    public var user: String?
    public var device: String
    public var action: String?
    public var rule: String?
    public var note: String?

    /// Incidents in `records`, oldest first.
    public static func find(in records: [AuditRecord]) -> [AuditIncident] {
        records.compactMap { record in
            func make(_ kind: Kind, _ entries: [PIIEntry]) -> AuditIncident {
                AuditIncident(time: record.time, id: record.id, kind: kind, service: record.host ?? "-",
                              categories: Array(Set(entries.map(\.type))).sorted(), values: entries.reduce(0) { $0 + $1.count },
                              user: record.user, device: record.client, action: record.action, rule: record.rule, note: record.note)
            }
            let passed = record.passedPII
            if !passed.isEmpty { return make(.personalDataSent, passed) }
            if !record.pii.isEmpty, record.isBlocked || record.pii.contains(where: { $0.action == "block" }) {
                return make(.sensitiveBodyBlocked, record.pii)
            }
            if record.note?.hasPrefix("pass_and_log") == true { return make(.uninspectedBodySent, []) }
            if record.isFailure { return make(.interceptionFailure, []) }
            return nil
        }.sorted { $0.time < $1.time }
    }

    static let csvColumns = ["time", "id", "kind", "service", "categories", "values", "user", "device", "action", "rule", "note"]

    /// RFC 4180 CSV with a header row; fields quoted when they need it, formula-leading text defused for spreadsheets.
    public static func csv(_ incidents: [AuditIncident]) -> String {
        var out = csvColumns.joined(separator: ",") + "\r\n"
        for i in incidents {
            let fields = [RFC3339.format(i.time), i.id, i.kind.rawValue, i.service, i.categories.joined(separator: ";"), String(i.values),
                          i.user ?? "", i.device, i.action ?? "", i.rule ?? "", i.note ?? ""]
            out += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func csvField(_ raw: String) -> String {
        var value = raw
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A JSON array, one object per incident, time in RFC 3339.
    public static func json(_ incidents: [AuditIncident]) -> String {
        guard !incidents.isEmpty else { return "[]" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(RFC3339.format(date))
        }
        return (try? encoder.encode(incidents)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
