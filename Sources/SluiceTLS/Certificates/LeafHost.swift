#if canImport(Glibc)
import Glibc
#endif

/// A host name a leaf may be minted or verified for: a DNS name or an IP literal, validated so it can
/// never inject text into an OpenSSL extension value (no commas, colons in DNS names, wildcards or spaces).
enum LeafHost: Equatable, Hashable, Sendable {
    case dns(String)
    case ip(String)

    /// Normalises case, a trailing dot and IPv6 brackets; refuses anything that is not a plain host name.
    init(validating raw: String) throws(TLSError) {
        var host = raw.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if let literal = LeafHost.canonicalIP(host) {
            self = .ip(literal)
            return
        }
        if host.hasSuffix(".") { host.removeLast() }
        guard LeafHost.isDNSName(host) else {
            throw TLSError(.certificate, "not a host name a certificate can be issued for: \(raw.debugDescription)")
        }
        self = .dns(host)
    }

    /// The name as clients write it (IPv6 without brackets).
    var name: String {
        switch self {
        case .dns(let name), .ip(let name): name
        }
    }

    /// The subjectAltName value in OpenSSL's extension syntax.
    var subjectAltName: String {
        switch self {
        case .dns(let name): "DNS:\(name)"
        case .ip(let address): "IP:\(address)"
        }
    }

    /// RFC 1035 §2.3.4 limits (253 octets, labels of 1...63) over letters, digits, '-' and '_' (seen in real hosts).
    private static func isDNSName(_ host: String) -> Bool {
        let bytes = Array(host.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return false }
            for byte in label {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"):
                    continue
                default:
                    return false
                }
            }
        }
        return true
    }

    /// The canonical text of an IPv4 or IPv6 literal (inet_pton is strict: "1.2.3" or "01.2.3.4" are not IPs).
    private static func canonicalIP(_ host: String) -> String? {
        var storage = [UInt8](repeating: 0, count: 16)
        for family in [AF_INET, AF_INET6] {
            let parsed = storage.withUnsafeMutableBytes { inet_pton(family, host, $0.baseAddress) }
            guard parsed == 1 else { continue }
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let formatted = storage.withUnsafeBytes { raw in
                text.withUnsafeMutableBufferPointer { inet_ntop(family, raw.baseAddress, $0.baseAddress, socklen_t($0.count)) }
            }
            guard formatted != nil else { return nil }
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return nil
    }
}
