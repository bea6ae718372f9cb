/// RFC 5424 messages for audit lines, and their transport framing (RFC 5426 UDP, RFC 6587 octet counting for TCP).
public struct SyslogFormatter: Sendable {
    /// SD-ID under the documentation enterprise number (RFC 5612 §2); collectors key on `sluice@32473`.
    public static let structuredDataID = "sluice@32473"

    public var target: SyslogTarget
    public var hostname: String
    public var procID: String
    /// UDP datagrams stay under this size (RFC 5426 §3.2 asks receivers for 2048 at least); TCP is not cut.
    public var maxDatagramBytes: Int

    public init(target: SyslogTarget, hostname: String, procID: String = "-", maxDatagramBytes: Int = 2048) {
        self.target = target
        self.hostname = Self.field(hostname, max: 255)
        self.procID = Self.field(procID, max: 128)
        self.maxDatagramBytes = max(480, maxDatagramBytes)
    }

    /// Severity (RFC 5424 §6.2.1): errors 3, blocks and failures 4, personal data passed 5, everything else 6.
    public static func severity(_ record: AuditRecord) -> Int {
        if record.event == "error" { return 3 }
        if record.isBlocked || record.isFailure { return 4 }
        if !record.passedPII.isEmpty { return 5 }
        return 6
    }

    /// One RFC 5424 message: header, structured data with the decision's key fields, and the sealed JSON line as MSG.
    public func message(for record: AuditRecord, line: String) -> String {
        let pri = min(23, max(0, target.facility)) * 8 + Self.severity(record)
        let header = "<\(pri)>1 \(RFC3339.format(record.time)) \(hostname) \(Self.field(target.appName, max: 48)) \(procID) \(Self.field(record.event, max: 32))"
        var params: [(String, String)] = [("id", record.id), ("client", record.client)]
        if let user = record.user { params.append(("user", user)) }
        if let host = record.host { params.append(("host", host)) }
        if let action = record.action { params.append(("action", action)) }
        if let rule = record.rule { params.append(("rule", rule)) }
        if let status = record.status { params.append(("status", String(status))) }
        if !record.pii.isEmpty { params.append(("pii", record.pii.map { "\($0.type):\($0.count)" }.joined(separator: ","))) }
        let sd = "[" + Self.structuredDataID + params.map { " \($0.0)=\"\(Self.paramValue($0.1))\"" }.joined() + "]"
        return header + " " + sd + " " + line
    }

    /// The bytes to send: the message itself over UDP (cut to `maxDatagramBytes` on a UTF-8 boundary), `LEN SP MSG` over TCP.
    public func frame(for record: AuditRecord, line: String) -> [UInt8] {
        var bytes = Array(message(for: record, line: line).utf8)
        switch target.transport {
        case .udp:
            if bytes.count > maxDatagramBytes {
                var cut = maxDatagramBytes
                while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }  // do not split a UTF-8 sequence
                bytes.removeSubrange(cut...)
            }
            return bytes
        case .tcp:
            return Array("\(bytes.count) ".utf8) + bytes  // RFC 6587 §3.4.1
        }
    }

    /// PARAM-VALUE escaping (RFC 5424 §6.3.3): `"`, `\` and `]` get a backslash.
    static func paramValue(_ value: String) -> String {
        var out = ""
        for c in value {
            if c == "\"" || c == "\\" || c == "]" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Header fields are PRINTUSASCII without spaces (RFC 5424 §6); anything else becomes `_`, empty becomes `-`.
    static func field(_ value: String, max: Int) -> String {
        let cleaned = String(value.unicodeScalars.prefix(max).map { (33...126).contains($0.value) ? Character($0) : "_" })
        return cleaned.isEmpty ? "-" : cleaned
    }
}
