import Foundation

/// Squid's native access.log line (`time.ms elapsed client code/status bytes method URL user hierarchy/peer type`) for SIEMs that parse it.
public enum SquidLogFormatter {
    public static func line(for record: AuditRecord) -> String {
        let t = record.time.timeIntervalSince1970
        let seconds = Int64(t.rounded(.down))
        let ms = Int64(((t - Double(seconds)) * 1000).rounded(.down))
        let stamp = "\(seconds)." + String(repeating: "0", count: 3 - String(ms).count) + String(ms)
        let elapsed = String(Int64(max(0, record.durationMs.isFinite ? record.durationMs : 0).rounded()))
        let code = resultCode(record) + "/" + String(format: "%03d", record.status ?? 0)
        let bytes = String(record.bytesDown)
        let method = field(record.method ?? (record.event == "connect" ? "CONNECT" : "-"))
        let peer = (record.host.map { "HIER_DIRECT/" + field($0) }) ?? "HIER_NONE/-"
        let elapsedPadded = String(repeating: " ", count: max(0, 6 - elapsed.count)) + elapsed
        return [stamp, elapsedPadded, field(record.client), code, bytes, method, field(url(record)), field(record.user ?? "-"), peer, "-"]
            .joined(separator: " ")
    }

    /// Squid result codes: denied decisions as TCP_DENIED, tunnels as TCP_TUNNEL, the rest as TCP_MISS.
    static func resultCode(_ record: AuditRecord) -> String {
        switch record.action {
        case "block", "deny", "blocked": return "TCP_DENIED"
        default: break
        }
        if record.event == "connect" || record.method == "CONNECT" { return "TCP_TUNNEL" }
        if record.event == "error" { return "NONE_NONE" }
        return "TCP_MISS"
    }

    static func url(_ record: AuditRecord) -> String {
        guard let host = record.host else { return "-" }
        if record.event == "connect" || record.method == "CONNECT" { return "\(host):\(record.port ?? 443)" }
        let scheme = record.scheme ?? "http"
        let defaultPort = scheme == "https" ? 443 : 80
        let port = record.port.flatMap { $0 == defaultPort ? nil : ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)\(record.path ?? "/")"
    }

    /// Fields are space-separated: spaces and controls inside a value become %-escapes.
    static func field(_ value: String) -> String {
        guard !value.isEmpty else { return "-" }
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || scalar == "%" {
                out += String(format: "%%%02X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
