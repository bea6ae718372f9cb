import Foundation
internal import COpenSSL
internal import CSluice

/// A certificate parsed back by OpenSSL: what `ca show` prints and what tests check the profile against.
struct CertificateSummary: Sendable {
    var subject: String
    var issuer: String
    var fingerprintSHA256: String
    /// Base64 SHA-256 of the SubjectPublicKeyInfo (HPKP form; Chromium's --ignore-certificate-errors-spki-list).
    var publicKeySHA256Base64: String
    var notBefore: Date
    var notAfter: Date
    var serialBits: Int
    var isCA: Bool
    var basicConstraintsCritical: Bool
    var hasNameConstraints: Bool
    var hasSubjectKeyIdentifier: Bool
    var hasAuthorityKeyIdentifier: Bool
    /// Key usage bits as OpenSSL reports them (KU_* values); `UInt32.max` when the extension is absent.
    var keyUsage: UInt32
    /// Extended key usage bits (XKU_* values); `UInt32.max` when the extension is absent.
    var extendedKeyUsage: UInt32
    /// DNS names and IP addresses from subjectAltName, as "DNS:name" / "IP:address".
    var subjectAltNames: [String]

    var allowsDigitalSignature: Bool { keyUsage != UInt32.max && keyUsage & UInt32(KU_DIGITAL_SIGNATURE) != 0 }
    var allowsCertificateSigning: Bool {
        keyUsage != UInt32.max && keyUsage & UInt32(KU_KEY_CERT_SIGN) != 0 && keyUsage & UInt32(KU_CRL_SIGN) != 0
    }
    var allowsServerAuth: Bool { extendedKeyUsage != UInt32.max && extendedKeyUsage & UInt32(XKU_SSL_SERVER) != 0 }

    init(_ certificate: X509Certificate) throws(TLSError) {
        self = try certificate.withUnsafePointer { (x509) throws(TLSError) in try CertificateSummary(x509: x509) }
    }

    private init(x509: OpaquePointer) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        subject = try CertificateSummary.text(of: X509_get_subject_name(x509))
        issuer = try CertificateSummary.text(of: X509_get_issuer_name(x509))
        fingerprintSHA256 = try CertificateSummary.fingerprint(x509)
        publicKeySHA256Base64 = try CertificateSummary.publicKeyHash(x509)
        notBefore = try CertificateSummary.date(X509_get0_notBefore(x509))
        notAfter = try CertificateSummary.date(X509_get0_notAfter(x509))
        if let number = ASN1_INTEGER_to_BN(X509_get_serialNumber(x509), nil) {
            serialBits = Int(BN_num_bits(number))
            BN_free(number)
        } else {
            serialBits = 0
        }
        isCA = X509_check_ca(x509) >= 1
        let constraintsIndex = X509_get_ext_by_NID(x509, NID_basic_constraints, -1)
        basicConstraintsCritical = constraintsIndex >= 0 && X509_EXTENSION_get_critical(X509_get_ext(x509, constraintsIndex)) == 1
        hasNameConstraints = X509_get_ext_by_NID(x509, NID_name_constraints, -1) >= 0
        hasSubjectKeyIdentifier = X509_get0_subject_key_id(x509) != nil
        hasAuthorityKeyIdentifier = X509_get0_authority_key_id(x509) != nil
        let flags = X509_get_extension_flags(x509)
        keyUsage = flags & UInt32(EXFLAG_KUSAGE) != 0 ? X509_get_key_usage(x509) : UInt32.max
        extendedKeyUsage = flags & UInt32(EXFLAG_XKUSAGE) != 0 ? X509_get_extended_key_usage(x509) : UInt32.max
        subjectAltNames = CertificateSummary.altNames(x509)
    }

    /// RFC 2253 text of a name, e.g. "O=Acme,CN=Sluice Local CA".
    private static func text(of name: OpaquePointer?) throws(TLSError) -> String {
        let bio = try MemoryBIO()
        _ = bio.withUnsafePointer { X509_NAME_print_ex($0, name, 0, csl_XN_FLAG_RFC2253()) }
        return String(decoding: bio.drain(), as: UTF8.self)
    }

    /// SHA-256 of the DER encoding as colon-separated upper-case hex, the form browsers display.
    private static func fingerprint(_ x509: OpaquePointer) throws(TLSError) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard digest.withUnsafeMutableBufferPointer({ X509_digest(x509, EVP_sha256(), $0.baseAddress, &length) }) == 1 else {
            throw OpenSSLErrorQueue.error(.certificate, "X509_digest(sha256)")
        }
        return digest.prefix(Int(length)).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    private static func publicKeyHash(_ x509: OpaquePointer) throws(TLSError) -> String {
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x509), &der)
        guard length > 0, let der else { throw OpenSSLErrorQueue.error(.certificate, "i2d_X509_PUBKEY") }
        defer { csl_OPENSSL_free(der) }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var digestLength: UInt32 = 0
        guard digest.withUnsafeMutableBufferPointer({ EVP_Digest(der, Int(length), $0.baseAddress, &digestLength, EVP_sha256(), nil) }) == 1 else {
            throw OpenSSLErrorQueue.error(.certificate, "EVP_Digest(sha256)")
        }
        return Data(digest.prefix(Int(digestLength))).base64EncodedString()
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) throws(TLSError) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { throw OpenSSLErrorQueue.error(.certificate, "ASN1_TIME_to_tm") }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func altNames(_ x509: OpaquePointer) -> [String] {
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { csl_GENERAL_NAMES_free(names) }
        var result: [String] = []
        for index in 0..<csl_sk_GENERAL_NAME_num(names) {
            guard let name = csl_sk_GENERAL_NAME_value(names, index) else { continue }
            switch name.pointee.type {
            case GEN_DNS:
                let value = name.pointee.d.dNSName
                result.append("DNS:" + String(decoding: bytes(of: value), as: UTF8.self))
            case GEN_IPADD:
                let octets = bytes(of: name.pointee.d.iPAddress)
                if octets.count == 4 {
                    result.append("IP:" + octets.map(String.init).joined(separator: "."))
                } else {
                    result.append("IP:" + stride(from: 0, to: octets.count, by: 2).map {
                        String(format: "%x", Int(octets[$0]) << 8 | Int(octets[$0 + 1]))
                    }.joined(separator: ":"))
                }
            default:
                result.append("other:\(name.pointee.type)")
            }
        }
        return result
    }

    private static func bytes(of string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }
}
