import Foundation

/// One self-contained HTML page for the officer: chain status, decisions over time, blocked services, redactions.
public enum AuditReport {
    static let colors = (allowed: "#7fa7d1", redacted: "#f0a030", blocked: "#d64545", error: "#8a8f98")
    static let typePalette = ["#6a4c93", "#1982c4", "#8ac926", "#ffca3a", "#ff595e", "#2a9d8f", "#e76f51", "#577590", "#b5838d"]

    /// Renders `log` with the verification result; `title` and `generated` appear in the heading.
    public static func html(log: AuditLog, verification: AuditVerification, title: String = "Sluice audit report",
                            generated: Date = Date()) -> String {
        let records = log.records
        let days = dayRange(records)
        let dayIndex = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
        var outcome: [String: [Int]] = [:]
        var typesPerDay: [String: [Int]] = [:]
        var blockedHosts: [String: Int] = [:], redactionsPerUser: [String: Int] = [:]
        var redactedTotal = 0, blockedTotal = 0
        for record in records {
            guard let i = dayIndex[RFC3339.day(record.time)] else { continue }
            outcome[record.outcome, default: Array(repeating: 0, count: days.count)][i] += 1
            if record.isBlocked { blockedHosts[record.host ?? "-", default: 0] += 1; blockedTotal += 1 }
            for entry in record.pii where entry.action == "redact" {
                typesPerDay[entry.type, default: Array(repeating: 0, count: days.count)][i] += entry.count
                redactionsPerUser[record.user ?? record.client, default: 0] += entry.count
                redactedTotal += entry.count
            }
        }
        let incidents = AuditIncident.find(in: records)
        let users = Set(records.compactMap(\.user)).count
        let zero = Array(repeating: 0, count: days.count)
        let decisions = SVGChart.stackedBars(labels: days, width: 1100, height: 250, series: [
            .init(name: "allowed", color: colors.allowed, values: outcome["allowed"] ?? zero),
            .init(name: "redacted", color: colors.redacted, values: outcome["redacted"] ?? zero),
            .init(name: "blocked", color: colors.blocked, values: outcome["blocked"] ?? zero),
            .init(name: "error", color: colors.error, values: outcome["error"] ?? zero),
        ])
        let rankedTypes = AuditSummary.ranked(typesPerDay.mapValues { $0.reduce(0, +) })
        let typeChart = SVGChart.stackedBars(labels: days, width: 1100, height: 250, series: rankedTypes.enumerated().map { i, t in
            .init(name: t.key, color: typePalette[i % typePalette.count], values: typesPerDay[t.key] ?? zero)
        })
        let blockedChart = SVGChart.ranking(Array(AuditSummary.ranked(blockedHosts).prefix(10)), color: colors.blocked)
        let userChart = SVGChart.ranking(Array(AuditSummary.ranked(redactionsPerUser).prefix(10)), color: colors.redacted)
        let period = days.isEmpty ? "no records" : "\(days.first!) to \(days.last!) (UTC)"

        var page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(SVGChart.escape(title))</title>
        <style>\(css)</style></head><body><main>
        <header><h1>\(SVGChart.escape(title))</h1>
        <p class="sub">\(SVGChart.escape(period)) · \(log.entries.count) decisions · generated \(RFC3339.format(generated))</p></header>
        \(chainBanner(verification))
        <section class="tiles">
        \(tile("Decisions", log.entries.count, nil))\(tile("Blocked", blockedTotal, colors.blocked))\(tile("Values redacted", redactedTotal, colors.redacted))\(tile("Incidents to review", incidents.count, incidents.isEmpty ? nil : colors.blocked))\(tile("Users", users, nil))
        </section>
        <section class="grid">
        <figure class="wide"><figcaption>Decisions per day</figcaption>\(decisions)</figure>
        <figure><figcaption>Top blocked services</figcaption>\(blockedChart)</figure>
        <figure><figcaption>Top users by redacted values</figcaption>\(userChart)</figure>
        <figure class="wide"><figcaption>Personal-data values redacted per day, by type</figcaption>\(typeChart)</figure>
        </section>
        """
        page += incidentTable(incidents)
        page += """
        <footer>Fingerprints and counts only: this report and the log it comes from hold no personal-data values, prompts or query strings.
        Verify the log with <code>sluice audit verify</code>; list reportable events with <code>sluice audit incidents</code>.</footer>
        </main></body></html>
        """
        return page + "\n"
    }

    static func chainBanner(_ v: AuditVerification) -> String {
        if let bad = v.firstBad {
            let file = (bad.file as NSString).lastPathComponent
            return #"<section class="banner bad"><b>Chain broken</b> at \#(SVGChart.escape(file)) line \#(bad.line): \#(SVGChart.escape(bad.reason)). \#(v.lines) lines verified before it. Treat everything after this point as untrusted.</section>"#
        }
        var text = "<b>Chain intact</b>: \(v.lines) lines in \(v.files.count) file(s) verified"
        text += v.macChecked ? ", HMAC checked with the chain key." : " (hash chain; HMAC not checked)."
        if let torn = v.tornTail {
            text += " Warning: the last line of \(SVGChart.escape((torn.file as NSString).lastPathComponent)) was cut short by a crash (\(torn.bytes) bytes)."
        }
        return #"<section class="banner \#(v.tornTail == nil ? "ok" : "warn")">\#(text)</section>"#
    }

    static func tile(_ label: String, _ value: Int, _ color: String?) -> String {
        let style = color.map { #" style="color:\#($0)""# } ?? ""
        return #"<div class="tile"><div class="num"\#(style)>\#(value.formatted())</div><div class="lbl">\#(label)</div></div>"#
    }

    static func incidentTable(_ incidents: [AuditIncident]) -> String {
        var html = "<section><h2>Incidents to review</h2>"
        guard !incidents.isEmpty else { return html + "<p class=\"sub\">None in this period.</p></section>" }
        let shown = incidents.suffix(25).reversed()
        html += "<p class=\"sub\">Latest \(shown.count) of \(incidents.count). Full list: <code>sluice audit incidents --format csv</code>.</p>"
        html += "<table><thead><tr><th>When (UTC)</th><th>Kind</th><th>Service</th><th>Categories</th><th>Values</th><th>User / device</th><th>Ref</th></tr></thead><tbody>"
        for i in shown {
            let when = String(RFC3339.format(i.time).prefix(16)).replacingOccurrences(of: "T", with: " ")
            html += "<tr><td>\(when)</td><td><span class=\"k \(i.kind.rawValue)\">\(i.kind.rawValue.replacingOccurrences(of: "_", with: " "))</span></td>"
            html += "<td>\(SVGChart.escape(i.service))</td><td>\(SVGChart.escape(i.categories.joined(separator: ", ")))</td><td class=\"n\">\(i.kind == .interceptionFailure ? "–" : String(i.values))</td>"
            html += "<td>\(SVGChart.escape(i.user ?? "–")) / \(SVGChart.escape(i.device))</td><td><code>\(SVGChart.escape(i.id))</code></td></tr>"
        }
        return html + "</tbody></table></section>"
    }

    /// Every UTC day from the first record to the last, so quiet days show as gaps rather than vanish.
    static func dayRange(_ records: [AuditRecord]) -> [String] {
        guard let first = records.map(\.time).min(), let last = records.map(\.time).max() else { return [] }
        var days: [String] = []
        var t = RFC3339.parse(RFC3339.day(first))!
        while t <= last, days.count < 400 {
            days.append(RFC3339.day(t))
            t += 86_400
        }
        return days
    }

    static let css = """
    :root{color-scheme:light}*{box-sizing:border-box}body{margin:0;background:#f4f5f7;color:#1f2933;
    font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
    main{max-width:1200px;margin:0 auto;padding:28px 32px 40px}h1{margin:0;font-size:26px}h2{font-size:18px;margin:28px 0 6px}
    .sub{color:#616e7c;margin:4px 0 0}.banner{margin:18px 0;padding:12px 16px;border-radius:8px;border:1px solid}
    .ok{background:#e8f6ee;border-color:#9fd8b5;color:#14532d}.warn{background:#fff7e6;border-color:#f5c77e;color:#7a4b00}
    .bad{background:#fdecec;border-color:#f1a3a3;color:#7f1d1d}
    .tiles{display:grid;grid-template-columns:repeat(5,1fr);gap:14px}.tile{background:#fff;border-radius:10px;padding:14px 16px;
    box-shadow:0 1px 2px rgba(0,0,0,.06)}.num{font-size:28px;font-weight:700}.lbl{color:#616e7c;font-size:13px}
    .grid{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-top:16px}figure{margin:0;background:#fff;border-radius:10px;
    padding:14px 16px 10px;box-shadow:0 1px 2px rgba(0,0,0,.06)}figure.wide{grid-column:1/-1}figcaption{font-weight:600;margin-bottom:8px}
    svg text{font-family:inherit}.axis{font-size:11px;fill:#7b8794}.label{font-size:12px;fill:#323f4b}.value{font-size:12px;fill:#52606d}
    .legend{display:flex;gap:16px;font-size:12px;color:#52606d;margin-top:4px;flex-wrap:wrap}.legend i{display:inline-block;width:10px;
    height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
    table{width:100%;border-collapse:collapse;background:#fff;border-radius:10px;overflow:hidden;box-shadow:0 1px 2px rgba(0,0,0,.06);
    margin-top:10px;font-size:13px}th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #eef0f2}th{background:#fafbfc;
    color:#52606d;font-weight:600}td.n{text-align:right}.k{padding:2px 8px;border-radius:10px;font-size:12px;white-space:nowrap}
    .personal_data_sent{background:#fdecec;color:#9b1c1c}.sensitive_body_blocked{background:#fff4e0;color:#8a5300}
    .interception_failure{background:#eceff3;color:#3e4c59}code{font-size:12px}footer{margin-top:26px;color:#7b8794;font-size:12px}
    """
}
