internal import COpenSSL
internal import CSluice

/// One TLS connection on memory BIOs: the runtime feeds ciphertext in and sends what `takeOutput()` returns;
/// OpenSSL never touches a socket. Not Sendable: it lives on the event loop thread that created it.
public final class TLSSession {
    /// Outcome of a step: more ciphertext needed, finished, or the peer sent close_notify.
    public enum Step: Equatable, Sendable { case wantRead, done, closed }

    private let ssl: OpaquePointer
    private let isServer: Bool
    private var receivedEOF = false
    private var closeNotifyReceived = false
    /// Latched: OpenSSL's own "init finished" flag drops while TLS 1.3 post-handshake messages are processed.
    private var handshakeCompleted = false

    /// Adopts `ssl`, attaches a fresh read and write memory BIO (owned by the SSL from then on).
    init(takingOwnership ssl: OpaquePointer, isServer: Bool) throws(TLSError) {
        self.ssl = ssl
        self.isServer = isServer
        guard let input = BIO_new(BIO_s_mem()) else { throw OpenSSLErrorQueue.error(.io, "BIO_new(read)") }
        guard let output = BIO_new(BIO_s_mem()) else {
            BIO_free(input)
            throw OpenSSLErrorQueue.error(.io, "BIO_new(write)")
        }
        // An empty input BIO means "no bytes yet" (retry), not EOF, until the runtime calls feedEOF().
        csl_BIO_set_mem_eof_return(input, -1)
        SSL_set_bio(ssl, input, output)
    }

    deinit { SSL_free(ssl) }

    /// A server-side session presenting the CA-signed leaf for `hostName` (the CONNECT host, known before the handshake).
    public static func server(context: TLSServerContext, hostName: String) throws(TLSError) -> TLSSession {
        let leaf = try context.leaf(for: hostName)
        OpenSSLErrorQueue.clear()
        guard let ssl = context.context.withUnsafePointer({ SSL_new($0) }) else {
            throw OpenSSLErrorQueue.error(.configuration, "SSL_new(server)")
        }
        let session = try TLSSession(takingOwnership: ssl, isServer: true)
        let usesCertificate = leaf.certificate.withUnsafePointer { SSL_use_certificate(ssl, $0) }
        let usesKey = leaf.key.withUnsafePointer { SSL_use_PrivateKey(ssl, $0) }
        guard usesCertificate == 1, usesKey == 1 else {
            throw OpenSSLErrorQueue.error(.certificate, "SSL_use_certificate/PrivateKey(\(leaf.host.name))")
        }
        SSL_set_accept_state(ssl)
        return session
    }

    /// A client-side session to `serverName`: SNI set (DNS names only, RFC 6066 §3) and the name verified
    /// against the certificate's SAN (DNS name or IP address).
    public static func client(context: TLSClientContext, serverName: String) throws(TLSError) -> TLSSession {
        let host = try LeafHost(validating: serverName)
        OpenSSLErrorQueue.clear()
        guard let ssl = context.context.withUnsafePointer({ SSL_new($0) }) else {
            throw OpenSSLErrorQueue.error(.configuration, "SSL_new(client)")
        }
        let session = try TLSSession(takingOwnership: ssl, isServer: false)
        switch host {
        case .dns(let name):
            guard csl_SSL_set_tlsext_host_name(ssl, name) == 1, SSL_set1_host(ssl, name) == 1 else {
                throw OpenSSLErrorQueue.error(.configuration, "SSL_set_tlsext_host_name/SSL_set1_host(\(name))")
            }
            SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        case .ip(let address):
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), address) == 1 else {
                throw OpenSSLErrorQueue.error(.configuration, "X509_VERIFY_PARAM_set1_ip_asc(\(address))")
            }
        }
        SSL_set_connect_state(ssl)
        return session
    }

    // MARK: Ciphertext in

    /// Feed ciphertext received from the network.
    public func feed(_ ciphertext: UnsafeRawBufferPointer) {
        guard let base = ciphertext.baseAddress else { return }
        let input = SSL_get_rbio(ssl)
        var offset = 0
        while offset < ciphertext.count {
            let chunk = min(ciphertext.count - offset, Int(Int32.max))
            let written = BIO_write(input, base + offset, Int32(chunk))
            precondition(written == chunk, "a memory BIO grows until allocation fails")
            offset += chunk
        }
    }

    public func feed(_ ciphertext: [UInt8]) { ciphertext.withUnsafeBytes { feed($0) } }

    public func feed(_ ciphertext: ArraySlice<UInt8>) { ciphertext.withUnsafeBytes { feed($0) } }

    /// The peer closed its side of the connection: buffered ciphertext is still processed, then a read or
    /// handshake that needs more fails (`.truncated` without close_notify, `.handshakeFailed` mid-handshake).
    public func feedEOF() {
        receivedEOF = true
        csl_BIO_set_mem_eof_return(SSL_get_rbio(ssl), 0)
    }

    // MARK: Handshake

    public var isHandshakeComplete: Bool {
        if !handshakeCompleted, SSL_is_init_finished(ssl) == 1 { handshakeCompleted = true }
        return handshakeCompleted
    }

    /// Drive the handshake; after calling, always drain `takeOutput()` and send it (also after a throw: it may hold an alert).
    public func handshake() throws(TLSError) -> Step {
        if isHandshakeComplete { return .done }
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        if result == 1 { return .done }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            if receivedEOF { throw handshakeFailure("peer closed the connection during the handshake") }
            return .wantRead
        case SSL_ERROR_ZERO_RETURN:
            closeNotifyReceived = true
            return .closed
        default:
            throw handshakeFailure(receivedEOF ? "peer closed the connection during the handshake" : "handshake")
        }
    }

    /// A verification failure (client side) carries the X509 verify result; anything else is a failed handshake.
    private func handshakeFailure(_ operation: String) -> TLSError {
        let verifyResult = SSL_get_verify_result(ssl)
        if !isServer, verifyResult != X509_V_OK {
            let reason = String(cString: X509_verify_cert_error_string(verifyResult))
            var error = OpenSSLErrorQueue.error(.verificationFailed, "certificate verification: \(reason)")
            error.verificationReason = reason
            return error
        }
        return OpenSSLErrorQueue.error(.handshakeFailed, operation)
    }

    // MARK: Plaintext

    /// Decrypt all plaintext available into `into` (appends). Returns `.wantRead` once the buffered ciphertext
    /// is used up (whether or not anything was appended) and `.closed` after the peer's close_notify.
    public func read(into plaintext: inout [UInt8]) throws(TLSError) -> Step {
        if closeNotifyReceived { return .closed }
        let wasHandshakeComplete = isHandshakeComplete
        while true {
            OpenSSLErrorQueue.clear()
            // One record's worth at a time through a stack buffer: no per-session scratch memory while idle.
            let result = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16 * 1024) { buffer in
                var count = 0
                let result = SSL_read_ex(ssl, buffer.baseAddress, buffer.count, &count)
                if result == 1 { plaintext.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count])) }
                return result
            }
            if result == 1 { continue }
            switch SSL_get_error(ssl, result) {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                if receivedEOF { throw truncation() }
                return .wantRead
            case SSL_ERROR_ZERO_RETURN:
                closeNotifyReceived = true
                return .closed
            default:
                if !wasHandshakeComplete && !isHandshakeComplete { throw handshakeFailure("handshake (during read)") }
                if receivedEOF { throw truncation() }
                throw OpenSSLErrorQueue.error(.protocolError, "SSL_read")
            }
        }
    }

    private func truncation() -> TLSError {
        OpenSSLErrorQueue.error(.truncated, "connection closed without close_notify (possible truncation attack)")
    }

    /// Encrypt plaintext; the ciphertext goes to the output buffer. Only after the handshake.
    public func write(_ plaintext: UnsafeRawBufferPointer) throws(TLSError) {
        guard isHandshakeComplete else { throw TLSError(.protocolError, "write before the handshake completed") }
        guard let base = plaintext.baseAddress else { return }
        var offset = 0
        while offset < plaintext.count {
            OpenSSLErrorQueue.clear()
            var written = 0
            let result = SSL_write_ex(ssl, base + offset, plaintext.count - offset, &written)
            guard result == 1 else { throw OpenSSLErrorQueue.error(.protocolError, "SSL_write") }
            offset += written
        }
    }

    public func write(_ plaintext: [UInt8]) throws(TLSError) {
        let failure = plaintext.withUnsafeBytes(writeCapturingError)
        if let failure { throw failure }
    }

    public func write(_ plaintext: ArraySlice<UInt8>) throws(TLSError) {
        let failure = plaintext.withUnsafeBytes(writeCapturingError)
        if let failure { throw failure }
    }

    /// `withUnsafeBytes` only rethrows untyped errors, so the typed error travels out as a value.
    private func writeCapturingError(_ buffer: UnsafeRawBufferPointer) -> TLSError? {
        do { try write(buffer) } catch { return error }
        return nil
    }

    // MARK: Ciphertext out

    /// Ciphertext to send (empty if none), removed from the session.
    public func takeOutput() -> [UInt8] {
        var bytes: [UInt8] = []
        takeOutput(appendingTo: &bytes)
        return bytes
    }

    /// Appends the pending ciphertext to `bytes` (lets the runtime reuse one buffer).
    public func takeOutput(appendingTo bytes: inout [UInt8]) {
        let output = SSL_get_wbio(ssl)
        let pending = Int(BIO_ctrl_pending(output))
        guard pending > 0 else { return }
        let taken = [UInt8](unsafeUninitializedCapacity: pending) { buffer, count in
            count = Int(max(0, BIO_read(output, buffer.baseAddress, Int32(pending))))
        }
        if bytes.isEmpty { bytes = taken } else { bytes.append(contentsOf: taken) }
    }

    public var hasPendingOutput: Bool { BIO_ctrl_pending(SSL_get_wbio(ssl)) > 0 }

    /// Queue close_notify into the output (RFC 8446 §6.1); harmless to call twice or before the handshake ends.
    public func shutdown() {
        guard isHandshakeComplete else { return }
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(ssl)
        OpenSSLErrorQueue.clear()
    }

    // MARK: Negotiated parameters

    /// The SNI host name the client sent (server mode; nil when none), for the CONNECT-host check.
    public var serverName: String? {
        guard let name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) else { return nil }
        return String(cString: name)
    }

    /// Whether the SNI names the CONNECT host (case and trailing dot ignored); true without SNI, which IP-literal
    /// clients omit (RFC 6066 §3). False is domain fronting: the runtime refuses the connection.
    public func serverNameMatches(_ connectHost: String) -> Bool {
        guard let sent = serverName else { return true }
        guard let claimed = try? LeafHost(validating: sent), let expected = try? LeafHost(validating: connectHost) else {
            return false
        }
        return claimed == expected
    }

    /// The ALPN protocol both sides agreed on, or nil when none was negotiated.
    public var negotiatedALPN: String? {
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// "TLSv1.3" or "TLSv1.2", for the audit record.
    public var negotiatedProtocol: String { String(cString: SSL_get_version(ssl)) }
}
