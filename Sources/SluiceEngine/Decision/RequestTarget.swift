import Foundation
import SluicePolicy

/// The destination of a request, decided from the target (RFC 9112 §3.2) and checked against Host.
struct RequestTarget: Sendable {
    var scheme: String
    var authority: Authority
    var port: Int
    /// Path as received (no query), and normalised for matching.
    var rawPath: String
    var path: String
    var query: String?
    /// True for origin-form with no tunnel: the request is addressed to the proxy itself.
    var isProxyLocal: Bool
    /// True when the target arrived as "/p?q" (inside a tunnel), so the forwarded target keeps that form.
    var isOriginForm: Bool { scheme == "https" && !isProxyLocal && originForm }
    var originForm = false

    /// Parses the request's target form and enforces the Host rules (RFC 9112 §3.2.2, RFC 9110 §7.2).
    static func parse(_ request: EngineRequest) throws(EngineError) -> RequestTarget {
        if request.hostHeaders.count > 1 { throw EngineError(.duplicateHost, "\(request.hostHeaders.count) Host headers") }
        let hostText = request.hostHeaders.first
        if request.isConnect {
            // RFC 9110 §9.3.6: authority-form, host and port, no userinfo.
            let target = try authority(request.target, userinfo: false)
            if let hostText, hostText != request.target { _ = try authority(hostText, userinfo: false) }
            guard let port = target.port else { throw EngineError(.badTarget, "CONNECT needs host:port") }
            return RequestTarget(scheme: "", authority: target, port: port, rawPath: "", path: "", query: nil, isProxyLocal: false)
        }
        if request.target.hasPrefix("/") {
            let hostHeader = try hostText.map { header throws(EngineError) in try authority(header, userinfo: false) }
            let (rawPath, query) = split(request.target)
            if let tunnel = request.tunnelAuthority {
                let outer = try authority(tunnel, userinfo: false)
                let port = outer.port ?? 443
                if let hostHeader, hostHeader.host != outer.host || (hostHeader.port ?? 443) != port {
                    throw EngineError(.hostMismatch, "Host \(hostHeader) inside a tunnel to \(outer)")
                }
                return RequestTarget(scheme: "https", authority: outer, port: port, rawPath: rawPath,
                                     path: PathNormalizer.normalize(rawPath), query: query, isProxyLocal: false, originForm: true)
            }
            let local = hostHeader ?? Authority(host: NormalizedHost(text: "", ip: nil), port: nil)
            return RequestTarget(scheme: "http", authority: local, port: local.port ?? 80, rawPath: rawPath,
                                 path: PathNormalizer.normalize(rawPath), query: query, isProxyLocal: true)
        }
        guard let afterSeparator = request.target.schemeSeparatorEnd else { throw EngineError(.badTarget, "not a valid request target") }
        let schemeEnd = request.target.utf8.index(afterSeparator, offsetBy: -3)..<afterSeparator
        let scheme = request.target[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw EngineError(.badScheme, "scheme '\(scheme)' is not proxied") }
        let rest = request.target[schemeEnd.upperBound...]
        let authorityEnd = rest.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? rest.endIndex
        let authorityText = String(rest[..<authorityEnd])
        let target = try authority(authorityText, userinfo: true)
        // The usual request repeats the target's authority in Host: one parse serves both.
        let hostHeader = try hostText.map { header throws(EngineError) in
            header == authorityText && !header.utf8.contains(UInt8(ascii: "@")) ? target : try authority(header, userinfo: false)
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = target.port ?? defaultPort
        var pathAndQuery = String(rest[authorityEnd...])
        if let hash = pathAndQuery.utf8.firstIndex(of: UInt8(ascii: "#")) { pathAndQuery = String(pathAndQuery[..<hash]) }
        if pathAndQuery.hasPrefix("?") || pathAndQuery.isEmpty { pathAndQuery = "/" + pathAndQuery }
        let (rawPath, query) = split(pathAndQuery)
        // The brief's rule: decide on the URI, and refuse a Host that names another destination.
        if let hostHeader, hostHeader.host != target.host || (hostHeader.port ?? defaultPort) != port {
            throw EngineError(.hostMismatch, "Host \(hostHeader) does not match target \(target.host.authorityText):\(port)")
        }
        return RequestTarget(scheme: scheme, authority: target, port: port, rawPath: rawPath,
                             path: PathNormalizer.normalize(rawPath), query: query, isProxyLocal: false)
    }

    private static func authority(_ text: String, userinfo: Bool) throws(EngineError) -> Authority {
        do {
            return try Authority.parse(text, allowUserinfo: userinfo)
        } catch {
            throw EngineError(.badHost, "\(error.code.rawValue) in '\(text.prefix(200))'")
        }
    }

    private static func split(_ target: String) -> (String, String?) {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// The URL this request reached, rebuilt from its parts (for the warn page's continue link).
    func url(query: String?) -> String {
        let defaultPort = scheme == "https" ? 443 : 80
        let portText = port == defaultPort ? "" : ":\(port)"
        return "\(scheme)://\(authority.host.authorityText)\(portText)\(rawPath)" + (query.map { "?\($0)" } ?? "")
    }
}
