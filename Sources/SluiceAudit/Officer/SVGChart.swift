import Foundation

/// Inline SVG charts for the report: no scripts, no fonts, no network; text uses the page's system font.
enum SVGChart {
    struct Series {
        var name: String
        var color: String
        var values: [Int]
    }

    /// Stacked vertical bars, one per label (a day), with a y grid and sparse x labels.
    static func stackedBars(labels: [String], width: Int = 560, height: Int = 240, series: [Series]) -> String {
        let left = 44, bottom = 28, top = 10, right = 8
        let plotW = width - left - right, plotH = height - top - bottom
        let totals = labels.indices.map { i in series.reduce(0) { $0 + ($1.values.indices.contains(i) ? $1.values[i] : 0) } }
        let maxValue = niceCeiling(totals.max() ?? 0)
        var svg = open(width, height)
        for step in 0...4 {
            let value = maxValue * step / 4
            let y = top + plotH - plotH * step / 4
            svg += #"<line x1="\#(left)" y1="\#(y)" x2="\#(width - right)" y2="\#(y)" stroke="rgb(229,231,235)"/>"#
            svg += #"<text x="\#(left - 6)" y="\#(y + 4)" text-anchor="end" class="axis">\#(compact(value))</text>"#
        }
        guard !labels.isEmpty else { return svg + empty(width, height) + "</svg>" }
        let slot = Double(plotW) / Double(labels.count)
        let barW = max(1.0, slot * 0.72)
        for (i, label) in labels.enumerated() {
            let x = Double(left) + slot * Double(i) + (slot - barW) / 2
            var y = Double(top + plotH)
            for s in series {
                let v = s.values.indices.contains(i) ? s.values[i] : 0
                guard v > 0, maxValue > 0 else { continue }
                let h = Double(plotH) * Double(v) / Double(maxValue)
                y -= h
                svg += #"<rect x="\#(f(x))" y="\#(f(y))" width="\#(f(barW))" height="\#(f(h))" fill="\#(s.color)"><title>\#(escape(label)) \#(escape(s.name)): \#(v)</title></rect>"#
            }
            let every = max(1, labels.count / max(1, width / 70))
            if i % every == 0 {
                svg += #"<text x="\#(f(x + barW / 2))" y="\#(height - 10)" text-anchor="middle" class="axis">\#(escape(shortDay(label)))</text>"#
            }
        }
        return svg + "</svg>" + legend(series)
    }

    /// Horizontal bars for a ranking (top services, top users), value printed at the bar's end.
    static func ranking(_ rows: [(key: String, count: Int)], color: String, width: Int = 560) -> String {
        let rowH = 26, labelW = 190
        let height = max(rowH, rows.count * rowH) + 6
        var svg = open(width, height)
        guard let maxValue = rows.map(\.count).max(), maxValue > 0 else { return svg + empty(width, height) + "</svg>" }
        let barSpace = Double(width - labelW - 56)
        for (i, row) in rows.enumerated() {
            let y = i * rowH + 4
            let w = max(2, barSpace * Double(row.count) / Double(maxValue))
            let label = row.key.count > 28 ? String(row.key.prefix(27)) + "…" : row.key
            svg += #"<text x="\#(labelW - 8)" y="\#(y + 15)" text-anchor="end" class="label">\#(escape(label))</text>"#
            svg += #"<rect x="\#(labelW)" y="\#(y + 3)" width="\#(f(w))" height="\#(rowH - 10)" rx="3" fill="\#(color)"><title>\#(escape(row.key)): \#(row.count)</title></rect>"#
            svg += #"<text x="\#(f(Double(labelW) + w + 6))" y="\#(y + 15)" class="value">\#(row.count)</text>"#
        }
        return svg + "</svg>"
    }

    static func legend(_ series: [Series]) -> String {
        "<div class=\"legend\">" + series.map {
            #"<span><i style="background:\#($0.color)"></i>\#(escape($0.name))</span>"#
        }.joined() + "</div>"
    }

    private static func open(_ width: Int, _ height: Int) -> String {
        #"<svg viewBox="0 0 \#(width) \#(height)" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">"#
    }

    private static func empty(_ width: Int, _ height: Int) -> String {
        #"<text x="\#(width / 2)" y="\#(height / 2)" text-anchor="middle" class="axis">no data in this period</text>"#
    }

    /// 1, 2, 5 × 10ⁿ at or above `value`, so grid lines fall on round numbers.
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 4 else { return 4 }
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for m in [1, 2, 4, 5, 8, 10] where m * magnitude >= value && (m * magnitude) % 4 == 0 { return m * magnitude }
        return 10 * magnitude
    }

    static func compact(_ value: Int) -> String {
        value >= 10_000 ? "\(value / 1000)k" : String(value)
    }

    static func shortDay(_ day: String) -> String { day.count == 10 ? String(day.suffix(5)) : day }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// HTML/XML text escaping for anything that came from the log.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
