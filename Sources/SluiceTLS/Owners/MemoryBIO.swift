internal import COpenSSL

/// Owns one memory `BIO*` used to move PEM text in and out of OpenSSL.
final class MemoryBIO {
    private let pointer: OpaquePointer

    /// An empty, growable memory BIO.
    init() throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLErrorQueue.error(.io, "BIO_new(mem)") }
        pointer = bio
    }

    /// A memory BIO holding a copy of `bytes`, ready to be read by a PEM parser.
    convenience init(bytes: [UInt8]) throws(TLSError) {
        try self.init()
        let written = bytes.withUnsafeBytes { BIO_write(pointer, $0.baseAddress, Int32($0.count)) }
        guard written == bytes.count || bytes.isEmpty else { throw OpenSSLErrorQueue.error(.io, "BIO_write") }
    }

    deinit { BIO_free(pointer) }

    /// Everything written into the BIO so far, removed from it.
    func drain() -> [UInt8] {
        let pending = Int(BIO_ctrl_pending(pointer))
        guard pending > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: pending) { buffer, count in
            count = Int(max(0, BIO_read(pointer, buffer.baseAddress, Int32(pending))))
        }
    }

    /// Lends the pointer for the closure only; it must not escape.
    func withUnsafePointer<R, E: Error>(_ body: (OpaquePointer) throws(E) -> R) throws(E) -> R {
        defer { withExtendedLifetime(self) {} }
        return try body(pointer)
    }
}
