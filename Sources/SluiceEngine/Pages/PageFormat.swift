/// The body shape a refused client can read: a browser page, a JSON API error, or plain text.
enum PageFormat: Sendable, Equatable {
    case html, json, plain

    /// JSON for API clients (JSON Accept or Content-Type, or a `/v1/` path), HTML for browsers, else text.
    static func negotiate(accept: String?, contentType: String?, path: String) -> PageFormat {
        let accept = accept?.lowercased() ?? ""
        let contentType = contentType?.lowercased() ?? ""
        if accept.contains("application/json") || contentType.contains("json") || path.contains("/v1/") || path.hasSuffix("/v1") {
            return .json
        }
        if accept.contains("text/html") || accept.contains("application/xhtml+xml") { return .html }
        return .plain
    }
}
