import Foundation

/// Codable in the log's own shape: RFC 3339 time string, absent keys for empty values, lenient on reading.
extension AuditRecord {
    enum CodingKeys: String, CodingKey {
        case time, id, event, client, user, method, scheme, host, port, path, action, rule, status
        case bytesUp, bytesDown, durationMs, pii, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let timeText = try c.decode(String.self, forKey: .time)
        guard let time = RFC3339.parse(timeText) else {
            throw DecodingError.dataCorruptedError(forKey: .time, in: c, debugDescription: "not RFC 3339: \(timeText)")
        }
        self.init(
            time: time,
            id: try c.decodeIfPresent(String.self, forKey: .id) ?? "",
            event: try c.decodeIfPresent(String.self, forKey: .event) ?? "request",
            client: try c.decodeIfPresent(String.self, forKey: .client) ?? "-",
            user: try c.decodeIfPresent(String.self, forKey: .user),
            method: try c.decodeIfPresent(String.self, forKey: .method),
            scheme: try c.decodeIfPresent(String.self, forKey: .scheme),
            host: try c.decodeIfPresent(String.self, forKey: .host),
            port: try c.decodeIfPresent(Int.self, forKey: .port),
            path: try c.decodeIfPresent(String.self, forKey: .path),
            action: try c.decodeIfPresent(String.self, forKey: .action),
            rule: try c.decodeIfPresent(String.self, forKey: .rule),
            status: try c.decodeIfPresent(Int.self, forKey: .status),
            bytesUp: try c.decodeIfPresent(Int64.self, forKey: .bytesUp) ?? 0,
            bytesDown: try c.decodeIfPresent(Int64.self, forKey: .bytesDown) ?? 0,
            durationMs: try c.decodeIfPresent(Double.self, forKey: .durationMs) ?? 0,
            pii: try c.decodeIfPresent([PIIEntry].self, forKey: .pii) ?? [],
            note: try c.decodeIfPresent(String.self, forKey: .note)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(RFC3339.format(time), forKey: .time)
        try c.encode(id, forKey: .id)
        try c.encode(event, forKey: .event)
        try c.encode(client, forKey: .client)
        try c.encodeIfPresent(user, forKey: .user)
        try c.encodeIfPresent(method, forKey: .method)
        try c.encodeIfPresent(scheme, forKey: .scheme)
        try c.encodeIfPresent(host, forKey: .host)
        try c.encodeIfPresent(port, forKey: .port)
        try c.encodeIfPresent(path, forKey: .path)
        try c.encodeIfPresent(action, forKey: .action)
        try c.encodeIfPresent(rule, forKey: .rule)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encode(bytesUp, forKey: .bytesUp)
        try c.encode(bytesDown, forKey: .bytesDown)
        try c.encode(durationMs, forKey: .durationMs)
        if !pii.isEmpty { try c.encode(pii, forKey: .pii) }
        try c.encodeIfPresent(note, forKey: .note)
    }
}
