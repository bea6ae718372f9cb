internal import COpenSSL

extension CertificateAuthority {
    /// Refuses a leaf the CA's own name constraints (`--permit`) forbid: every client would reject it anyway,
    /// so failing before the handshake lets the runtime tunnel or refuse the CONNECT with a clear reason.
    func checkNameConstraints(of leaf: X509Certificate, host: LeafHost) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        let result = certificate.withUnsafePointer { (ca) -> Int32 in
            guard let raw = X509_get_ext_d2i(ca, NID_name_constraints, nil, nil) else { return X509_V_OK }
            let constraints = raw.assumingMemoryBound(to: NAME_CONSTRAINTS.self)
            defer { NAME_CONSTRAINTS_free(constraints) }
            return leaf.withUnsafePointer { x509 in
                // NAME_CONSTRAINTS_check reads the cached SAN list, filled only by this lazy parse.
                _ = X509_get_extension_flags(x509)
                return NAME_CONSTRAINTS_check(x509, constraints)
            }
        }
        guard result == X509_V_OK else {
            let reason = String(cString: X509_verify_cert_error_string(Int(result)))
            throw TLSError(.certificate, "the CA's name constraints (--permit) do not cover \(host.name): \(reason)")
        }
    }
}
