import Foundation

/// A minted leaf and its key, shared by every handshake for its host until it nears expiry.
final class LeafCertificate: Sendable {
    let host: LeafHost
    let certificate: X509Certificate
    let key: PrivateKey
    /// When the cache mints a fresh one instead (a day before notAfter, so no client sees an expired leaf).
    let renewAfter: Date

    init(host: LeafHost, certificate: X509Certificate, key: PrivateKey, renewAfter: Date) {
        self.host = host
        self.certificate = certificate
        self.key = key
        self.renewAfter = renewAfter
    }
}
