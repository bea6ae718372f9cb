/// The body shape a refused client can read: a browser page, a JSON API error, or plain text.
enum PageFormat: Sendable, Equatable {
    case html, json, plain

    /// JSON for API clients (JSON Accept or Content-Type, or a `/v1/` path), HTML for browsers, else text.
    static func negotiate(accept: String?, contentType: String?, path: String) -> PageFormat {
        let accept = accept ?? ""
        if accept.containsASCII("application/json") || (contentType ?? "").containsASCII("json")
            || path.containsASCII("/v1/") || path.hasSuffix("/v1") {
            return .json
        }
        if accept.containsASCII("text/html") || accept.containsASCII("application/xhtml+xml") { return .html }
        return .plain
    }
}
