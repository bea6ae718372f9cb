internal import COpenSSL
internal import CSluice

/// Owns one `EVP_PKEY*` (a P-256 key in Sluice); frees it when the last Swift reference goes.
final class PrivateKey {
    private let pointer: OpaquePointer

    /// Adopts `pointer`: the caller must not free it.
    init(takingOwnership pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// A fresh ECDSA P-256 key from OpenSSL's CSPRNG.
    static func generateP256() throws(TLSError) -> PrivateKey {
        OpenSSLErrorQueue.clear()
        guard let key = csl_EVP_EC_gen("P-256") else {
            throw OpenSSLErrorQueue.error(.certificate, "EVP_EC_gen(P-256)")
        }
        return PrivateKey(takingOwnership: key)
    }

    /// Lends the pointer for the closure only; it must not escape.
    func withUnsafePointer<R, E: Error>(_ body: (OpaquePointer) throws(E) -> R) throws(E) -> R {
        defer { withExtendedLifetime(self) {} }
        return try body(pointer)
    }
}

// Safe: the key is never modified after generation or loading, and OpenSSL 3 documents an EVP_PKEY as
// usable from several threads at once (signing, SSL_use_PrivateKey up-refs) as long as nobody mutates it.
extension PrivateKey: @unchecked Sendable {}
