/// A parsed Content-Type (RFC 9110 §8.3.1): lowercased type/subtype and parameters with quotes removed.
struct MediaType {
    var essence: String
    var parameters: [String: String]

    init?(_ header: String?) {
        guard let header else { return nil }
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = parts.first else { return nil }
        essence = first.trimmingSpaces().lowercased()
        guard !essence.isEmpty else { return nil }
        var params: [String: String] = [:]
        for p in parts.dropFirst() {
            guard let eq = p.firstIndex(of: "=") else { continue }
            let key = p[..<eq].trimmingSpaces().lowercased()
            var value = p[p.index(after: eq)...].trimmingSpaces()
            if value.count >= 2 && value.first == "\"" && value.last == "\"" { value = value.dropFirst().dropLast() }
            params[key] = String(value)
        }
        parameters = params
    }

    var isJSON: Bool { essence == "application/json" || essence.hasSuffix("+json") || essence == "text/json" || essence == "application/x-ndjson" || essence == "application/jsonl" }
    var isForm: Bool { essence == "application/x-www-form-urlencoded" }
    var isMultipart: Bool { essence == "multipart/form-data" || essence == "multipart/mixed" }
    var isText: Bool { essence.hasPrefix("text/") || essence == "application/xml" || essence == "application/csv" }
    /// Charsets we can read as UTF-8 without conversion.
    var charsetIsUTF8: Bool {
        guard let c = parameters["charset"]?.lowercased() else { return true }
        return c == "utf-8" || c == "utf8" || c == "us-ascii" || c == "ascii"
    }
}
