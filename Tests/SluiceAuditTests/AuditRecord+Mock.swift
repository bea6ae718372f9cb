import Foundation
@testable import SluiceAudit

/// Record and log fixtures with defaults, so each test states only what it is about.
extension AuditRecord {
    static func make(
        seconds: Double = 1_795_000_000.25, id: String = "r-1", event: String = "request", client: String = "10.0.0.5",
        user: String? = "alice", method: String? = "POST", host: String? = "chatgpt.com", path: String? = "/backend-api/conversation",
        action: String? = "allow", rule: String? = "default", status: Int? = 200, pii: [PIIEntry] = [], note: String? = nil
    ) -> AuditRecord {
        AuditRecord(
            time: Date(timeIntervalSince1970: seconds), id: id, event: event, client: client, user: user,
            method: method, scheme: "https", host: host, port: 443, path: path, action: action, rule: rule,
            status: status, bytesUp: 1200, bytesDown: 5400, durationMs: 12.5, pii: pii, note: note)
    }
}

/// A fresh directory under /tmp per test, removed by the caller's `defer`.
struct TempDirectory {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "sluice-audit-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Builds a log file's bytes in memory: a header and `count` records, sealed by a real chain.
func makeLogBytes(count: Int, macKey: [UInt8]? = nil) -> [UInt8] {
    var chain = AuditChain(macKey: macKey)
    var bytes = chain.seal(AuditHeader(time: Date(timeIntervalSince1970: 1_795_000_000), previousFile: nil, previousHash: AuditChain.genesis))
    for i in 0..<count { bytes += chain.seal(AuditRecord.make(seconds: 1_795_000_001 + Double(i), id: "r-\(i)")) }
    return bytes
}

/// Splits log bytes into lines (newline kept) so tests can tamper with one.
func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    for b in bytes {
        current.append(b)
        if b == 0x0A { lines.append(current); current = [] }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
