internal import COpenSSL

/// Owns one `X509*`; frees it when the last Swift reference goes.
final class X509Certificate {
    private let pointer: OpaquePointer

    /// Adopts `pointer`: the caller must not free it.
    init(takingOwnership pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }

    /// Lends the pointer for the closure only; it must not escape.
    func withUnsafePointer<R, E: Error>(_ body: (OpaquePointer) throws(E) -> R) throws(E) -> R {
        defer { withExtendedLifetime(self) {} }
        return try body(pointer)
    }
}

// Safe: the certificate is never modified after construction, and OpenSSL 3 locks its lazily cached
// extension data and reference count, so concurrent reads and up-refs from several loops are allowed.
extension X509Certificate: @unchecked Sendable {}
