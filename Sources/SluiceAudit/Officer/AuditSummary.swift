import Foundation

/// Totals per action, host, personal-data type and user over a time range: `sluice audit summary`.
public struct AuditSummary: Sendable, Equatable {
    public var total: Int
    public var first: Date?
    public var last: Date?
    public var byAction: [(key: String, count: Int)]
    public var byHost: [(key: String, count: Int)]
    /// Values per personal-data type (counts, not records).
    public var byPIIType: [(key: String, count: Int)]
    public var byUser: [(key: String, count: Int)]

    public init(records: [AuditRecord]) {
        var actions: [String: Int] = [:], hosts: [String: Int] = [:], types: [String: Int] = [:], users: [String: Int] = [:]
        for record in records where record.event != "header" {
            actions[record.action ?? record.event, default: 0] += 1
            if let host = record.host { hosts[host, default: 0] += 1 }
            for entry in record.pii { types[entry.type, default: 0] += entry.count }
            users[record.user ?? "(none)", default: 0] += 1
        }
        total = records.count
        first = records.map(\.time).min()
        last = records.map(\.time).max()
        byAction = Self.ranked(actions)
        byHost = Self.ranked(hosts)
        byPIIType = Self.ranked(types)
        byUser = Self.ranked(users)
    }

    /// Largest first, then by name, so output is stable.
    static func ranked(_ counts: [String: Int]) -> [(key: String, count: Int)] {
        counts.map { (key: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    }

    /// Plain-text tables, at most `limit` rows per section.
    public func render(limit: Int = 20) -> String {
        var out = "decisions: \(total)"
        if let first, let last { out += " from \(RFC3339.format(first)) to \(RFC3339.format(last))" }
        out += "\n"
        for (title, rows) in [("per action", byAction), ("per host", byHost), ("per personal-data type (values)", byPIIType),
                              ("per user", byUser)] {
            out += "\n\(title):\n"
            if rows.isEmpty { out += "  (none)\n" }
            let width = rows.prefix(limit).map(\.key.count).max() ?? 0
            for row in rows.prefix(limit) {
                out += "  " + row.key + String(repeating: " ", count: max(1, width - row.key.count + 2)) + String(row.count) + "\n"
            }
            if rows.count > limit { out += "  … \(rows.count - limit) more\n" }
        }
        return out
    }

    public static func == (lhs: AuditSummary, rhs: AuditSummary) -> Bool {
        lhs.render(limit: .max) == rhs.render(limit: .max)
    }
}
