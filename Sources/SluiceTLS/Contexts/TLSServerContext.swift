import Foundation
import Synchronization
internal import COpenSSL
internal import CSluice

/// The client-facing TLS configuration: one SSL_CTX (TLS 1.2+, ALPN http/1.1 only) and a bounded cache of
/// leaves minted by the CA, so only the first handshake per host pays for a signature.
public final class TLSServerContext: Sendable {
    let authority: CertificateAuthority
    let context: SSLContext
    /// Leaf lifetime as (notBefore, notAfter) offsets in seconds from minting; tests mint expired leaves with it.
    let leafValidity: (notBefore: Int, notAfter: Int)
    private let cache: Mutex<LeafCache>

    public convenience init(authority: CertificateAuthority, leafCacheSize: Int = 1000) throws(TLSError) {
        try self.init(
            authority: authority, leafCacheSize: leafCacheSize,
            leafValidity: (-CertificateBuilder.leafBackdate, CertificateBuilder.leafLifetime))
    }

    init(authority: CertificateAuthority, leafCacheSize: Int, leafValidity: (notBefore: Int, notAfter: Int)) throws(TLSError) {
        guard leafCacheSize > 0 else { throw TLSError(.configuration, "leaf cache size must be at least 1, not \(leafCacheSize)") }
        self.authority = authority
        self.leafValidity = leafValidity
        cache = Mutex(LeafCache(capacity: leafCacheSize))
        OpenSSLErrorQueue.clear()
        guard let ctx = SSL_CTX_new(TLS_server_method()) else { throw OpenSSLErrorQueue.error(.configuration, "SSL_CTX_new(server)") }
        context = SSLContext(takingOwnership: ctx)
        guard csl_SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1 else {
            throw OpenSSLErrorQueue.error(.configuration, "SSL_CTX_set_min_proto_version(TLS 1.2)")
        }
        SSL_CTX_set_options(ctx, csl_SSL_OP_NO_RENEGOTIATION())
        // Idle sessions hand their record buffers back: ~28 KB → ~19 KB per established session (docs/tls.md).
        csl_SSL_CTX_set_mode(ctx, Int(SSL_MODE_RELEASE_BUFFERS))
        SSL_CTX_set_alpn_select_cb(ctx, selectHTTP11, nil)
    }

    /// How many leaves are cached now (for metrics and tests).
    public var cachedLeafCount: Int { cache.withLock { $0.count } }

    /// The leaf for `hostName`, from the cache or freshly minted (minting happens outside the lock).
    func leaf(for hostName: String) throws(TLSError) -> LeafCertificate {
        let host = try LeafHost(validating: hostName)
        let now = Date()
        if let cached = cache.withLock({ $0.leaf(for: host) }), cached.renewAfter > now { return cached }
        // A key per leaf: generating it costs ~0.03 ms of a ~0.3 ms mint (docs/tls.md, section 5).
        let leafKey = try PrivateKey.generateP256()
        let certificate = try authority.mintLeaf(
            for: host, key: leafKey, notBeforeOffset: leafValidity.notBefore, notAfterOffset: leafValidity.notAfter)
        let renewAfter = now.addingTimeInterval(TimeInterval(max(leafValidity.notAfter - 24 * 3600, leafValidity.notAfter / 2)))
        let leaf = LeafCertificate(host: host, certificate: certificate, key: leafKey, renewAfter: renewAfter)
        cache.withLock { $0.insert(leaf) }
        return leaf
    }
}

/// ALPN (RFC 7301 §3.2): choose http/1.1 when the client offers it; otherwise answer without ALPN, since
/// Sluice only speaks HTTP/1.1 inside the tunnel and an h2-only client must not be told it got h2.
private func selectHTTP11(
    _ ssl: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, _ outLength: UnsafeMutablePointer<UInt8>?,
    _ offered: UnsafePointer<UInt8>?, _ offeredLength: UInt32, _ argument: UnsafeMutableRawPointer?
) -> Int32 {
    guard let offered, let out, let outLength else { return SSL_TLSEXT_ERR_NOACK }
    let wanted = Array("http/1.1".utf8)
    var position = 0
    let total = Int(offeredLength)
    while position < total {
        let length = Int(offered[position])
        let start = position + 1
        guard length > 0, start + length <= total else { return SSL_TLSEXT_ERR_NOACK }
        if length == wanted.count, UnsafeBufferPointer(start: offered + start, count: length).elementsEqual(wanted) {
            out.pointee = offered + start
            outLength.pointee = UInt8(length)
            return SSL_TLSEXT_ERR_OK
        }
        position = start + length
    }
    return SSL_TLSEXT_ERR_NOACK
}
