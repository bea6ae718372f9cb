internal import COpenSSL

/// Owns one `SSL_CTX*`; frees it when the last Swift reference goes (each `SSL` holds its own reference).
final class SSLContext {
    private let pointer: OpaquePointer

    /// Adopts `pointer`: the caller must not free it.
    init(takingOwnership pointer: OpaquePointer) { self.pointer = pointer }

    deinit { SSL_CTX_free(pointer) }

    /// Lends the pointer for the closure only; it must not escape.
    func withUnsafePointer<R, E: Error>(_ body: (OpaquePointer) throws(E) -> R) throws(E) -> R {
        defer { withExtendedLifetime(self) {} }
        return try body(pointer)
    }
}

// Safe: the context is fully configured inside its owner's init and never changed afterwards; OpenSSL
// documents SSL_CTX as safe to share between threads for SSL_new once set up (its session cache is locked).
extension SSLContext: @unchecked Sendable {}
