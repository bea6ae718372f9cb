import Foundation
@testable import SluiceAudit

/// A generated month of office traffic: deterministic, with blocks, redactions, monitored sends and failures.
enum AuditMonth {
    static let key = AuditKey(bytes: Array(repeating: 42, count: 32))
    static let users = ["anna.dekker", "bram.jansen", "chloe.visser", "daan.smit", "eva.bakker", "finn.mulder", "gijs.bos", "hana.meijer"]
    static let allowedHosts = ["chatgpt.com", "claude.ai", "gemini.google.com", "copilot.microsoft.com", "api.openai.com"]
    static let blockedHosts = ["chat.deepseek.com", "api.deepseek.com", "kimi.moonshot.cn", "chat.qwen.ai", "yiyan.baidu.com"]
    static let types = ["email", "phone", "iban", "bsn", "person_name", "address", "credit_card"]
    static let start = RFC3339.parse("2026-10-01")!

    /// Records for 31 days; `perDay` requests on a weekday, fewer at weekends.
    static func records(days: Int = 31, perDay: Int = 160) -> [AuditRecord] {
        var rng = SeededGenerator(seed: 2026)
        var out: [AuditRecord] = []
        for day in 0..<days {
            let weekend = (day + 3) % 7 >= 5  // 2026-10-01 is a Thursday
            let count = weekend ? perDay / 8 : perDay + Int.random(in: -30...30, using: &rng)
            for n in 0..<count {
                let time = start.addingTimeInterval(Double(day * 86_400 + 7 * 3600) + Double.random(in: 0..<(11 * 3600), using: &rng))
                let user = users[min(users.count - 1, Int(Double(users.count) * pow(Double.random(in: 0..<1, using: &rng), 1.6)))]
                let client = "10.0.4.\(users.firstIndex(of: user)! + 21)"
                let id = String(format: "%02d%04d", day, n)
                let roll = Double.random(in: 0..<1, using: &rng)
                var record = AuditRecord(time: time, id: "r-\(id)", event: "request", client: client, user: user, method: "POST",
                                         scheme: "https", host: allowedHosts.randomElement(using: &rng)!, port: 443,
                                         path: "/backend-api/conversation", action: "allow", rule: "allow-chatbots", status: 200,
                                         bytesUp: Int64.random(in: 400...9000, using: &rng), bytesDown: Int64.random(in: 2000...90000, using: &rng),
                                         durationMs: Double.random(in: 80...4000, using: &rng))
                if roll < 0.10 {
                    record.event = "connect"; record.method = "CONNECT"; record.path = nil
                    record.host = blockedHosts[min(4, Int(5 * pow(Double.random(in: 0..<1, using: &rng), 2)))]
                    record.action = "block"; record.rule = "ban-deepseek"; record.status = 403; record.bytesUp = 0; record.bytesDown = 0
                } else if roll < 0.32 {
                    let kinds = Int.random(in: 1...2, using: &rng)
                    record.pii = (0..<kinds).map { _ in
                        let type = types[min(types.count - 1, Int(Double(types.count) * pow(Double.random(in: 0..<1, using: &rng), 1.8)))]
                        let values = Int.random(in: 1...4, using: &rng)
                        return PIIEntry(type: type, count: values, action: "redact",
                                        fingerprints: (0..<values).map { key.fingerprint("\(type)-\(user)-\($0)") })
                    }
                    record.action = "redact"; record.rule = "redact-pii"
                } else if roll < 0.335 {
                    record.pii = [PIIEntry(type: "email", count: 1, action: "monitor", fingerprints: [key.fingerprint("\(user)@example.nl")])]
                    record.action = "monitor"; record.rule = "monitor-copilot"
                } else if roll < 0.34 {
                    record.pii = [PIIEntry(type: "bsn", count: 1, action: "block", fingerprints: [key.fingerprint("111222333")])]
                    record.action = "block"; record.rule = "block-bsn"; record.status = 403
                } else if roll < 0.345 {
                    record.event = "tls"; record.action = "fail"; record.status = nil; record.note = "client rejected certificate"
                }
                out.append(record)
            }
        }
        return out.sorted { $0.time < $1.time }
    }
}

/// SplitMix64, so the generated month is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
