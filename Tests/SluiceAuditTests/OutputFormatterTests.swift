import Foundation
import Testing
@testable import SluiceAudit

/// Syslog and squid lines are what a SIEM parses: exact framing, escaped values, no query strings.
struct OutputFormatterTests {
    let udp = SyslogFormatter(target: SyslogTarget(host: "127.0.0.1", port: 514), hostname: "proxy-1", procID: "4242")

    @Test func syslogMessageFollowsRFC5424() {
        let record = AuditRecord.make(action: "block", status: 403)
        let message = udp.message(for: record, line: "{\"x\":1}")
        #expect(message == #"<108>1 2026-11-18T11:06:40.250Z proxy-1 sluice 4242 request [sluice@32473 id="r-1" client="10.0.0.5" user="alice" host="chatgpt.com" action="block" rule="default" status="403"] {"x":1}"#)
    }

    @Test(arguments: [
        (AuditRecord.make(event: "error", action: nil), 107), (AuditRecord.make(action: "allow"), 110),
        (AuditRecord.make(action: "monitor", pii: [PIIEntry(type: "email", count: 1, action: "monitor")]), 109),
        (AuditRecord.make(event: "tls", action: "fail"), 108),
    ])
    func priorityCarriesFacilityAndSeverity(record: AuditRecord, pri: Int) {
        #expect(udp.message(for: record, line: "{}").hasPrefix("<\(pri)>1 "))
    }

    @Test(arguments: [("a\"b", #"a\"b"#), ("x]y", #"x\]y"#), (#"back\slash"#, #"back\\slash"#)])
    func structuredDataValuesAreEscaped(raw: String, escaped: String) {
        #expect(udp.message(for: .make(user: raw), line: "{}").contains(#"user="\#(escaped)""#))
    }

    @Test func hostileHeaderFieldsCannotBreakTheFrame() {
        let formatter = SyslogFormatter(target: SyslogTarget(host: "h", appName: "my app\n"), hostname: "")
        #expect(formatter.message(for: .make(event: "re quest"), line: "{}").hasPrefix("<110>1 2026-11-18T11:06:40.250Z - my_app_ - re_quest ["))
    }

    @Test func tcpFramesUseOctetCounting() {
        let tcp = SyslogFormatter(target: SyslogTarget(host: "h", transport: .tcp), hostname: "p")
        let frame = tcp.frame(for: .make(), line: "{\"é\":1}")
        let text = String(decoding: frame, as: UTF8.self)
        let space = text.firstIndex(of: " ")!
        #expect(Int(text[..<space]) == frame.count - text[...space].utf8.count)
    }

    @Test func longUDPMessagesAreCutOnACharacterBoundary() {
        let frame = udp.frame(for: .make(), line: String(repeating: "é", count: 3000))
        #expect(frame.count <= 2048)
        let valid = String(validating: frame, as: UTF8.self)
        #expect(valid != nil)
    }

    @Test(arguments: [
        (AuditRecord.make(path: "/v1/chat"), "1795000000.250     13 10.0.0.5 TCP_MISS/200 5400 POST https://chatgpt.com/v1/chat alice HIER_DIRECT/chatgpt.com -"),
        (AuditRecord.make(event: "connect", user: nil, method: "CONNECT", host: "chat.deepseek.com", action: "block", status: 403),
         "1795000000.250     13 10.0.0.5 TCP_DENIED/403 5400 CONNECT chat.deepseek.com:443 - HIER_DIRECT/chat.deepseek.com -"),
        (AuditRecord.make(user: "a b%c", path: "/x y"), "1795000000.250     13 10.0.0.5 TCP_MISS/200 5400 POST https://chatgpt.com/x%20y a%20b%25c HIER_DIRECT/chatgpt.com -"),
    ])
    func squidLinesMatchTheNativeFormat(record: AuditRecord, expected: String) {
        #expect(SquidLogFormatter.line(for: record) == expected)
    }
}
