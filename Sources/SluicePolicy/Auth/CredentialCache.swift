import Crypto
import Foundation

/// Remembers recently verified `Proxy-Authorization` values (by SHA-256, never the secret) so PBKDF2 runs once per credential.
public final class CredentialCache: Sendable {
    private let capacity: Int
    private let state = LockedBox(Storage())

    public init(capacity: Int = 1024) {
        precondition(capacity > 0, "cache capacity must be positive")
        self.capacity = capacity
    }

    /// The user name cached for this header value, if any.
    public func user(for headerValue: String) -> String? {
        let key = Self.key(headerValue)
        return state.withLock { $0.entries[key] }
    }

    /// Records a successful check, evicting the oldest entry when full.
    public func remember(_ headerValue: String, user: String) {
        let key = Self.key(headerValue)
        state.withLock { storage in
            if storage.entries.updateValue(user, forKey: key) == nil {
                storage.order.append(key)
                if storage.order.count > capacity {
                    storage.entries.removeValue(forKey: storage.order.removeFirst())
                }
            }
        }
    }

    /// Number of cached credentials (for tests and metrics).
    public var count: Int { state.withLock { $0.entries.count } }

    private static func key(_ headerValue: String) -> Data { Data(SHA256.hash(data: Array(headerValue.utf8))) }

    /// The mutable part, reached only under the lock.
    private struct Storage: Sendable {
        var entries: [Data: String] = [:]
        var order: [Data] = []
    }
}
