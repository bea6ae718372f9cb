internal import COpenSSL
internal import CSluice

/// Builds and signs X.509 v3 certificates with the extensions Python 3.13's strict verifier demands
/// (RFC 5280 §4.2): the CA profile and the per-host leaf profile.
enum CertificateBuilder {
    /// Seconds before "now" a leaf starts to be valid, so clients with a slightly slow clock accept it.
    static let leafBackdate = 3600
    /// Leaf lifetime: short, because leaves are re-minted from memory on every restart anyway.
    static let leafLifetime = 7 * 24 * 3600

    /// A self-signed CA: critical basicConstraints CA:TRUE (pathlen 0), critical keyCertSign/cRLSign, SKI, AKI
    /// and, when domains are given, critical name constraints limiting it to them (and excluding all IPs).
    static func authority(
        commonName: String, organisation: String?, validityDays: Int, permittedDomains: [String], key: PrivateKey
    ) throws(TLSError) -> X509Certificate {
        let certificate = try newCertificate()
        try certificate.withUnsafePointer { (x509) throws(TLSError) in
            try setSubject(x509, commonName: commonName, organisation: organisation, issuer: nil)
            try setValidity(x509, notBeforeOffset: -leafBackdate, notAfterOffset: validityDays * 24 * 3600)
            try key.withUnsafePointer { (pkey) throws(TLSError) in
                guard X509_set_pubkey(x509, pkey) == 1 else { throw OpenSSLErrorQueue.error(.certificate, "X509_set_pubkey") }
            }
            var extensions = [
                (NID_basic_constraints, "critical,CA:TRUE,pathlen:0"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ]
            if !permittedDomains.isEmpty {
                let permitted = permittedDomains.map { "permitted;DNS:\($0)" }
                let value = (["critical"] + permitted + ["excluded;IP:0.0.0.0/0.0.0.0", "excluded;IP:::/::"])
                extensions.append((NID_name_constraints, value.joined(separator: ",")))
            }
            try addExtensions(extensions, to: x509, issuer: x509)
        }
        try sign(certificate, with: key)
        return certificate
    }

    /// A leaf for one host: SAN = the host, critical digitalSignature, serverAuth, SKI, AKI from the issuer;
    /// `notBeforeOffset`/`notAfterOffset` are seconds from now (tests pass past values to mint expired leaves).
    static func leaf(
        for host: LeafHost, key: PrivateKey, issuer: X509Certificate, issuerKey: PrivateKey,
        notBeforeOffset: Int = -leafBackdate, notAfterOffset: Int = leafLifetime
    ) throws(TLSError) -> X509Certificate {
        let certificate = try newCertificate()
        try certificate.withUnsafePointer { (x509) throws(TLSError) in
            try issuer.withUnsafePointer { (issuerX509) throws(TLSError) in
                // The CN is only a label for people (clients match the SAN); it is limited to 64 characters.
                let commonName = host.name.count <= 64 ? host.name : "Sluice leaf"
                try setSubject(x509, commonName: commonName, organisation: "Sluice interception", issuer: issuerX509)
                try setValidity(x509, notBeforeOffset: notBeforeOffset, notAfterOffset: notAfterOffset)
                try key.withUnsafePointer { (pkey) throws(TLSError) in
                    guard X509_set_pubkey(x509, pkey) == 1 else { throw OpenSSLErrorQueue.error(.certificate, "X509_set_pubkey") }
                }
                try addExtensions([
                    (NID_basic_constraints, "critical,CA:FALSE"),
                    (NID_key_usage, "critical,digitalSignature"),
                    (NID_ext_key_usage, "serverAuth"),
                    (NID_subject_key_identifier, "hash"),
                    (NID_authority_key_identifier, "keyid:always"),
                    (NID_subject_alt_name, host.subjectAltName),
                ], to: x509, issuer: issuerX509)
            }
        }
        try sign(certificate, with: issuerKey)
        return certificate
    }

    /// An empty v3 certificate with a positive 127-bit CSPRNG serial (RFC 5280 §4.1.2.2 allows up to 20 octets).
    private static func newCertificate() throws(TLSError) -> X509Certificate {
        OpenSSLErrorQueue.clear()
        guard let x509 = X509_new() else { throw OpenSSLErrorQueue.error(.certificate, "X509_new") }
        let certificate = X509Certificate(takingOwnership: x509)
        guard X509_set_version(x509, Int(X509_VERSION_3)) == 1 else {
            throw OpenSSLErrorQueue.error(.certificate, "X509_set_version")
        }
        var serial = [UInt8](repeating: 0, count: 16)
        guard serial.withUnsafeMutableBufferPointer({ RAND_bytes($0.baseAddress, Int32($0.count)) }) == 1 else {
            throw OpenSSLErrorQueue.error(.certificate, "RAND_bytes(serial)")
        }
        serial[0] = (serial[0] & 0x7F) | 0x40  // positive, and never shorter than 127 bits
        guard let number = BN_bin2bn(serial, Int32(serial.count), nil) else {
            throw OpenSSLErrorQueue.error(.certificate, "BN_bin2bn")
        }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509)) != nil else {
            throw OpenSSLErrorQueue.error(.certificate, "BN_to_ASN1_INTEGER")
        }
        return certificate
    }

    /// Subject CN (and O); the issuer name is the issuer's subject, or the subject itself when self-signed.
    private static func setSubject(
        _ x509: OpaquePointer, commonName: String, organisation: String?, issuer: OpaquePointer?
    ) throws(TLSError) {
        guard let name = X509_NAME_new() else { throw OpenSSLErrorQueue.error(.certificate, "X509_NAME_new") }
        defer { X509_NAME_free(name) }
        var entries = [("CN", commonName)]
        if let organisation, !organisation.isEmpty { entries.append(("O", organisation)) }
        for (field, value) in entries {
            let bytes = Array(value.utf8)
            guard X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1 else {
                throw OpenSSLErrorQueue.error(.certificate, "X509_NAME_add_entry_by_txt(\(field)=\(value.debugDescription))")
            }
        }
        guard X509_set_subject_name(x509, name) == 1 else { throw OpenSSLErrorQueue.error(.certificate, "X509_set_subject_name") }
        let issuerName = issuer.map { X509_get_subject_name($0) } ?? name
        guard X509_set_issuer_name(x509, issuerName) == 1 else { throw OpenSSLErrorQueue.error(.certificate, "X509_set_issuer_name") }
    }

    /// notBefore/notAfter as offsets in seconds from now.
    private static func setValidity(_ x509: OpaquePointer, notBeforeOffset: Int, notAfterOffset: Int) throws(TLSError) {
        guard X509_gmtime_adj(X509_getm_notBefore(x509), notBeforeOffset) != nil,
              X509_gmtime_adj(X509_getm_notAfter(x509), notAfterOffset) != nil
        else { throw OpenSSLErrorQueue.error(.certificate, "X509_gmtime_adj") }
    }

    /// Adds extensions written in OpenSSL's configuration syntax; SKI must precede AKI (AKI reads the issuer's SKI).
    private static func addExtensions(_ extensions: [(Int32, String)], to x509: OpaquePointer, issuer: OpaquePointer) throws(TLSError) {
        var context = X509V3_CTX()
        csl_X509V3_set_ctx_nodb(&context)
        X509V3_set_ctx(&context, issuer, x509, nil, nil, 0)
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw OpenSSLErrorQueue.error(.certificate, "X509V3_EXT_conf_nid(\(nid), \(value.debugDescription))")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x509, ext, -1) == 1 else { throw OpenSSLErrorQueue.error(.certificate, "X509_add_ext(\(nid))") }
        }
    }

    /// ECDSA with SHA-256 over the finished TBSCertificate.
    private static func sign(_ certificate: X509Certificate, with key: PrivateKey) throws(TLSError) {
        try certificate.withUnsafePointer { (x509) throws(TLSError) in
            try key.withUnsafePointer { (pkey) throws(TLSError) in
                guard X509_sign(x509, pkey, EVP_sha256()) > 0 else { throw OpenSSLErrorQueue.error(.certificate, "X509_sign") }
            }
        }
    }
}
