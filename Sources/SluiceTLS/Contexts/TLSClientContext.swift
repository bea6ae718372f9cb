internal import COpenSSL
internal import CSluice

/// The origin-facing TLS configuration: verifies against the system trust store plus an optional extra
/// anchor (`--upstream-ca`), TLS 1.2+, offers ALPN http/1.1.
public final class TLSClientContext: Sendable {
    let context: SSLContext

    public convenience init(extraTrustPEMFile: String? = nil) throws(TLSError) {
        try self.init(extraTrustPEMFile: extraTrustPEMFile, alpnProtocols: ["http/1.1"], useSystemTrust: true, onlyTLS12: false)
    }

    /// Tests offer other ALPN lists (h2 only), drop the system store so only their own CA is trusted, and pin TLS 1.2.
    init(extraTrustPEMFile: String?, alpnProtocols: [String], useSystemTrust: Bool, onlyTLS12: Bool) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let ctx = SSL_CTX_new(TLS_client_method()) else { throw OpenSSLErrorQueue.error(.configuration, "SSL_CTX_new(client)") }
        context = SSLContext(takingOwnership: ctx)
        guard csl_SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1 else {
            throw OpenSSLErrorQueue.error(.configuration, "SSL_CTX_set_min_proto_version(TLS 1.2)")
        }
        if onlyTLS12, csl_SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION) != 1 {
            throw OpenSSLErrorQueue.error(.configuration, "SSL_CTX_set_max_proto_version(TLS 1.2)")
        }
        SSL_CTX_set_options(ctx, csl_SSL_OP_NO_RENEGOTIATION())
        // Idle sessions hand their record buffers back: ~28 KB → ~19 KB per established session (docs/tls.md).
        csl_SSL_CTX_set_mode(ctx, Int(SSL_MODE_RELEASE_BUFFERS))
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
        if useSystemTrust, SSL_CTX_set_default_verify_paths(ctx) != 1 {
            throw OpenSSLErrorQueue.error(.configuration, "SSL_CTX_set_default_verify_paths")
        }
        if let extraTrustPEMFile {
            guard SSL_CTX_load_verify_locations(ctx, extraTrustPEMFile, nil) == 1 else {
                throw OpenSSLErrorQueue.error(.configuration, "loading upstream CA file \(extraTrustPEMFile)")
            }
        }
        var wire: [UInt8] = []
        for name in alpnProtocols {
            wire.append(UInt8(name.utf8.count))
            wire.append(contentsOf: name.utf8)
        }
        // Unusually, this call returns 0 on success.
        guard SSL_CTX_set_alpn_protos(ctx, wire, UInt32(wire.count)) == 0 else {
            throw OpenSSLErrorQueue.error(.configuration, "SSL_CTX_set_alpn_protos")
        }
    }
}
