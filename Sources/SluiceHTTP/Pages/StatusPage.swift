/// The small pages the proxy sends itself (502, 504, 400 …): readable in a browser, plain for tools.
public enum StatusPage {
    /// The body and its content type.
    public static func body(status: Int, title: String, message: String, html: Bool) -> (contentType: String, body: [UInt8]) {
        guard html else {
            return ("text/plain; charset=utf-8", Array("\(status) \(title)\n\n\(message)\n".utf8))
        }
        let page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1d2330;margin:0}
            main{max-width:36rem;margin:12vh auto;background:#fff;border-radius:12px;padding:2rem 2.5rem;box-shadow:0 2px 12px #0001}
            h1{font-size:1.35rem;margin:0 0 .75rem}p{line-height:1.5}small{color:#6b7280}</style></head>
            <body><main><h1>\(escape(title))</h1><p>\(escape(message))</p><small>\(status) · Sluice proxy</small></main></body></html>

            """
        return ("text/html; charset=utf-8", Array(page.utf8))
    }

    /// A complete response: head and body.
    public static func response(status: Int, title: String, message: String, html: Bool = true,
                                close: Bool = true, extraHeaders: [(String, String)] = []) -> [UInt8] {
        let (contentType, body) = body(status: status, title: title, message: message, html: html)
        var headers = HeaderList([("Content-Type", contentType), ("Content-Length", String(body.count)), ("Cache-Control", "no-store")])
        if close { headers.append("Connection", "close") }
        for (name, value) in extraHeaders { headers.append(name, value) }
        return ResponseHead(status: status, headers: headers).serialized() + body
    }

    /// HTML-escapes text for element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 407: return "Proxy Authentication Required"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}
