import Foundation
internal import COpenSSL

/// The install's own interception CA (made by `sluice ca init`, never shipped): signs a leaf per intercepted host.
public final class CertificateAuthority: Sendable {
    /// Where `sluice ca init` and `sluice serve` look when no `--dir` is given.
    public static let defaultDirectory = "/var/lib/sluice/ca"
    /// The longest CA validity `create` accepts: ten years.
    public static let maximumValidityDays = 3650

    let certificate: X509Certificate
    let key: PrivateKey
    let summary: CertificateSummary

    /// The CA certificate as PEM, what clients must trust.
    public let certificatePEM: String
    public var fingerprintSHA256: String { summary.fingerprintSHA256 }
    /// Base64 SHA-256 of the CA's public key, for Chromium's `--ignore-certificate-errors-spki-list` in tests.
    public var publicKeySHA256Base64: String { summary.publicKeySHA256Base64 }
    public var notAfter: Date { summary.notAfter }
    /// RFC 2253 subject, e.g. "O=Acme,CN=Sluice Local CA".
    public var subject: String { summary.subject }

    init(certificate: X509Certificate, key: PrivateKey) throws(TLSError) {
        self.certificate = certificate
        self.key = key
        summary = try CertificateSummary(certificate)
        certificatePEM = String(decoding: try CertificateAuthority.pem(of: certificate), as: UTF8.self)
    }

    /// Makes a new P-256 CA and writes `ca.key` (0600) and `ca.pem` into `directory`; refuses to replace one unless `force`.
    public static func create(
        directory: String, commonName: String, organisation: String?, validityDays: Int,
        permittedDomains: [String], force: Bool
    ) throws(TLSError) -> CertificateAuthority {
        guard (1...maximumValidityDays).contains(validityDays) else {
            throw TLSError(.configuration, "CA validity must be 1...\(maximumValidityDays) days, not \(validityDays)")
        }
        guard !commonName.isEmpty, commonName.utf8.count <= 64 else {
            throw TLSError(.configuration, "CA common name must be 1...64 bytes")
        }
        var domains: [String] = []
        for raw in permittedDomains {
            guard case .dns(let domain) = try LeafHost(validating: raw) else {
                throw TLSError(.configuration, "--permit takes DNS domains, not IP addresses: \(raw)")
            }
            domains.append(domain)
        }
        let files = CertificateAuthorityFiles(directory: directory)
        if !force, let existing = files.existing() {
            throw TLSError(.configuration, "\(existing) already exists; pass --force to replace the CA (every client must then trust the new one)")
        }
        let key = try PrivateKey.generateP256()
        let certificate = try CertificateBuilder.authority(
            commonName: commonName, organisation: organisation, validityDays: validityDays,
            permittedDomains: domains, key: key)
        let authority = try CertificateAuthority(certificate: certificate, key: key)
        try files.store(keyPEM: try pem(of: key), certificatePEM: Array(authority.certificatePEM.utf8))
        return authority
    }

    /// Reads `ca.key` and `ca.pem` from `directory`; refuses a key readable by others, a mismatched pair or a non-CA.
    public static func load(directory: String) throws(TLSError) -> CertificateAuthority {
        let files = CertificateAuthorityFiles(directory: directory)
        let (keyPEM, certificatePEM) = try files.load()
        let certificate = try parseCertificate(pem: certificatePEM, path: files.certificatePath)
        let key = try parseKey(pem: keyPEM, path: files.keyPath)
        OpenSSLErrorQueue.clear()
        let matches = certificate.withUnsafePointer { x509 in key.withUnsafePointer { X509_check_private_key(x509, $0) } }
        guard matches == 1 else {
            throw OpenSSLErrorQueue.error(.configuration, "\(files.keyPath) does not belong to \(files.certificatePath)")
        }
        let authority = try CertificateAuthority(certificate: certificate, key: key)
        guard authority.summary.isCA, authority.summary.allowsCertificateSigning else {
            throw TLSError(.configuration, "\(files.certificatePath) is not a CA certificate (basicConstraints CA:TRUE, keyCertSign)")
        }
        return authority
    }

    /// Mints a leaf for `host` signed by this CA (the server context caches the result); refuses hosts outside `--permit`.
    func mintLeaf(
        for host: LeafHost, key: PrivateKey,
        notBeforeOffset: Int = -CertificateBuilder.leafBackdate, notAfterOffset: Int = CertificateBuilder.leafLifetime
    ) throws(TLSError) -> X509Certificate {
        let leaf = try CertificateBuilder.leaf(
            for: host, key: key, issuer: certificate, issuerKey: self.key,
            notBeforeOffset: notBeforeOffset, notAfterOffset: notAfterOffset)
        if summary.hasNameConstraints { try checkNameConstraints(of: leaf, host: host) }
        return leaf
    }

    static func pem(of certificate: X509Certificate) throws(TLSError) -> [UInt8] {
        let bio = try MemoryBIO()
        OpenSSLErrorQueue.clear()
        let ok = bio.withUnsafePointer { out in certificate.withUnsafePointer { PEM_write_bio_X509(out, $0) } }
        guard ok == 1 else { throw OpenSSLErrorQueue.error(.certificate, "PEM_write_bio_X509") }
        return bio.drain()
    }

    /// Unencrypted PKCS#8 PEM: the file mode (0600) is the protection, so the proxy can start unattended.
    static func pem(of key: PrivateKey) throws(TLSError) -> [UInt8] {
        let bio = try MemoryBIO()
        OpenSSLErrorQueue.clear()
        let ok = bio.withUnsafePointer { out in key.withUnsafePointer { PEM_write_bio_PrivateKey(out, $0, nil, nil, 0, nil, nil) } }
        guard ok == 1 else { throw OpenSSLErrorQueue.error(.certificate, "PEM_write_bio_PrivateKey") }
        return bio.drain()
    }

    static func parseCertificate(pem: [UInt8], path: String) throws(TLSError) -> X509Certificate {
        let bio = try MemoryBIO(bytes: pem)
        OpenSSLErrorQueue.clear()
        guard let x509 = bio.withUnsafePointer({ PEM_read_bio_X509($0, nil, nil, nil) }) else {
            throw OpenSSLErrorQueue.error(.configuration, "\(path) is not a PEM certificate")
        }
        return X509Certificate(takingOwnership: x509)
    }

    static func parseKey(pem: [UInt8], path: String) throws(TLSError) -> PrivateKey {
        let bio = try MemoryBIO(bytes: pem)
        OpenSSLErrorQueue.clear()
        guard let pkey = bio.withUnsafePointer({ PEM_read_bio_PrivateKey($0, nil, refusePassphrase, nil) }) else {
            throw OpenSSLErrorQueue.error(.configuration, "\(path) is not an unencrypted PEM private key")
        }
        return PrivateKey(takingOwnership: pkey)
    }
}

/// PEM passphrase callback that supplies none: OpenSSL's default would block reading the terminal of a service.
private func refusePassphrase(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int32, _ writing: Int32, _ context: UnsafeMutableRawPointer?
) -> Int32 { 0 }
