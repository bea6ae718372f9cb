import Foundation
import SluiceHTTP

/// Renders Sluice's own responses (block, warn, 407, 400) in HTML, JSON or plain text; HTML is self-contained.
struct PageRenderer: Sendable {
    let organisation: String?
    let contact: String?

    /// Everything a block page shows.
    struct Block {
        var service: String?
        var rule: String
        var reason: String
        var host: String
        var referenceID: String
        var title: String
    }

    func blockResponse(_ block: Block, format: PageFormat, language: String, status: Int = 403) -> LocalResponse {
        let text = PageText.forLanguage(language)
        switch format {
        case .json:
            let subject = block.service ?? block.host
            let message = "\(subject) is not allowed: \(block.reason) (rule \(block.rule), reference \(block.referenceID))"
            let object: [String: Any] = ["error": [
                "message": message, "type": "sluice_policy", "code": "blocked_by_policy",
                "rule": block.rule, "reference_id": block.referenceID,
            ] as [String: Any]]
            return response(status, "application/json", json(object))
        case .plain:
            var lines = [block.title, "", text.blockedLead]
            if let service = block.service { lines.append("\(text.serviceLabel): \(service)") }
            lines += ["\(text.reasonLabel): \(block.reason)", "\(text.ruleLabel): \(block.rule)", "\(text.referenceLabel): \(block.referenceID)"]
            if let contact { lines.append("\(text.contactLabel) \(contact) — \(text.contactHint)") }
            return response(status, "text/plain; charset=utf-8", lines.joined(separator: "\n") + "\n")
        case .html:
            var rows = ""
            if let service = block.service { rows += row(text.serviceLabel, service) }
            rows += row(text.reasonLabel, block.reason) + row(text.ruleLabel, block.rule)
            rows += row(text.referenceLabel, block.referenceID, code: true)
            let body = """
            <h1>\(escape(block.title))</h1>
            <p class="lead">\(escape(text.blockedLead))</p>
            <p class="host">\(escape(block.host))</p>
            <dl>\(rows)</dl>
            \(contactBlock(text))
            """
            return response(status, "text/html; charset=utf-8", page(title: block.title, language: language, accent: "#b42318", body: body))
        }
    }

    func warnResponse(host: String, service: String?, reason: String?, continueURL: String, referenceID: String,
                      format: PageFormat, language: String) -> LocalResponse {
        let text = PageText.forLanguage(language)
        guard format == .html else {
            let block = Block(service: service, rule: "warn", reason: reason ?? text.warnLead, host: host, referenceID: referenceID, title: text.warnTitle)
            return blockResponse(block, format: format, language: language)
        }
        var rows = ""
        if let service { rows += row(text.serviceLabel, service) }
        if let reason { rows += row(text.reasonLabel, reason) }
        rows += row(text.referenceLabel, referenceID, code: true)
        let body = """
        <h1>\(escape(text.warnTitle))</h1>
        <p class="lead">\(escape(text.warnLead))</p>
        <p class="host">\(escape(host))</p>
        <dl>\(rows)</dl>
        <p class="actions"><a class="button" href="\(escape(continueURL))">\(escape(text.warnContinue))</a>
        <a class="secondary" href="javascript:history.back()">\(escape(text.warnBack))</a></p>
        <p class="note">\(escape(text.warnNote))</p>
        \(contactBlock(text))
        """
        return response(403, "text/html; charset=utf-8", page(title: text.warnTitle, language: language, accent: "#b54708", body: body))
    }

    /// A short message page (400, 403 for clients, 404) in the negotiated format.
    func messageResponse(status: Int, title: String, message: String, referenceID: String, format: PageFormat,
                         language: String, code: String, extraHeaders: [(String, String)] = []) -> LocalResponse {
        var result: LocalResponse
        switch format {
        case .json:
            result = response(status, "application/json", json(["error": ["message": message, "type": "sluice_proxy", "code": code,
                                                                            "reference_id": referenceID] as [String: Any]]))
        case .plain:
            result = response(status, "text/plain; charset=utf-8", "\(title)\n\n\(message)\n\(PageText.forLanguage(language).referenceLabel): \(referenceID)\n")
        case .html:
            let text = PageText.forLanguage(language)
            let body = "<h1>\(escape(title))</h1><p class=\"lead\">\(escape(message))</p><dl>\(row(text.referenceLabel, referenceID, code: true))</dl>"
            result = response(status, "text/html; charset=utf-8", page(title: title, language: language, accent: "#475467", body: body))
        }
        result.headers += extraHeaders
        return result
    }

    private func contactBlock(_ text: PageText) -> String {
        guard contact != nil || organisation != nil else { return "" }
        var parts: [String] = []
        if let organisation { parts.append(escape(organisation)) }
        if let contact { parts.append(linkedContact(contact)) }
        return "<p class=\"contact\"><strong>\(escape(text.contactLabel))</strong> \(parts.joined(separator: " · ")). \(escape(text.contactHint))</p>"
    }

    /// An e-mail address becomes a mailto link; anything else is shown as text.
    private func linkedContact(_ contact: String) -> String {
        let trimmed = contact.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("@") && !trimmed.contains(" ") && !trimmed.contains(":") {
            return "<a href=\"mailto:\(escape(trimmed))\">\(escape(trimmed))</a>"
        }
        return escape(contact)
    }

    private func row(_ label: String, _ value: String, code: Bool = false) -> String {
        let shown = code ? "<code>\(escape(value))</code>" : escape(value)
        return "<dt>\(escape(label))</dt><dd>\(shown)</dd>"
    }

    private func page(title: String, language: String, accent: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="\(language)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(escape(title))</title>
        <style>
        :root{color-scheme:light dark;--accent:\(accent)}
        *{box-sizing:border-box}
        body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;
        font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:#f2f4f7;color:#101828}
        main{max-width:640px;width:100%;background:#fff;border-radius:16px;box-shadow:0 12px 32px rgba(16,24,40,.12);
        padding:32px 36px;border-top:6px solid var(--accent)}
        h1{margin:0 0 8px;font-size:1.6rem;line-height:1.25}
        .lead{margin:0 0 16px;color:#475467}
        .host{display:inline-block;margin:0 0 20px;padding:4px 10px;border-radius:999px;background:#f2f4f7;font-weight:600;word-break:break-all}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 16px;margin:0 0 20px}
        dt{font-weight:600;color:#344054}dd{margin:0;word-break:break-word}
        code{font:0.95em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f2f4f7;padding:2px 6px;border-radius:6px}
        .actions{display:flex;gap:16px;align-items:center;flex-wrap:wrap}
        .button{display:inline-block;background:var(--accent);color:#fff;text-decoration:none;padding:10px 18px;border-radius:10px;font-weight:600}
        .secondary{color:#475467}
        .note,.contact{font-size:.9rem;color:#475467}
        .contact a{color:var(--accent)}
        footer{margin-top:24px;font-size:.8rem;color:#98a2b3}
        @media (prefers-color-scheme:dark){body{background:#0c111d;color:#f5f5f6}main{background:#161b26;box-shadow:none}
        .lead,.note,.contact,.secondary{color:#94969c}dt{color:#cecfd2}.host,code{background:#1f242f}}
        </style></head>
        <body><main>
        \(body)
        <footer>Sluice</footer>
        </main></body></html>

        """
    }

    private func response(_ status: Int, _ contentType: String, _ body: String) -> LocalResponse {
        LocalResponse(status: status, headers: [("Content-Type", contentType), ("Cache-Control", "no-store")], body: Array(body.utf8))
    }

    private func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// HTML escaping for text and attribute values: the one implementation in SluiceHTTP.
    func escape(_ text: String) -> String { StatusPage.escape(text) }
}
