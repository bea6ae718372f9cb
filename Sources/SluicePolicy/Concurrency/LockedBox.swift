import Foundation

/// A value reachable only under an `NSLock`: the one shared-mutable-state primitive of the pure modules.
package final class LockedBox<Value> {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) { self.value = value }

    package func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

// Safe: `value` is only read or written inside `withLock`, which holds `lock` for the whole access,
// and `Value: Sendable` keeps anything handed out of the closure safe to share.
extension LockedBox: @unchecked Sendable where Value: Sendable {}
