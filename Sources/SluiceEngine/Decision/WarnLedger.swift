import SluicePolicy

/// Acknowledged warnings (principal + host → UTC day), shared by every loop thread of one Engine.
final class WarnLedger: Sendable {
    private let entries = LockedBox([String: Int]())
    private let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    /// True when `principal` acknowledged `host` on `day`.
    func isAcknowledged(principal: String, host: String, day: Int) -> Bool {
        entries.withLock { $0[Self.key(principal, host)] == day }
    }

    /// Records an acknowledgement valid until the UTC day ends; expired entries go first when full.
    func record(principal: String, host: String, day: Int) {
        entries.withLock { table in
            if table.count >= capacity {
                table = table.filter { $0.value >= day }
                if table.count >= capacity { table.removeAll() }
            }
            table[Self.key(principal, host)] = day
        }
    }

    var count: Int { entries.withLock { $0.count } }

    private static func key(_ principal: String, _ host: String) -> String { principal + "\u{0}" + host }
}
