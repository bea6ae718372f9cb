import Foundation
import Testing
@testable import SluiceAudit

/// The officer's tools over a generated month written by the real writer: summary, incidents, find, HTML report.
struct AuditOfficerTests {
    /// Writes the month through `AuditWriter` with daily rotation; `SLUICE_AUDIT_SAMPLE_DIR` keeps it for a screenshot.
    static func writeMonth(into dir: String) throws -> [String] {
        let faults = AuditWriterFaults()
        let records = AuditMonth.records()
        faults.now = records[0].time
        let writer = try AuditWriter(configuration: .init(path: dir + "/audit.jsonl", rotateDaily: true),
                                     extraSinks: [], alert: nil, faults: faults)
        var day = RFC3339.day(records[0].time)
        for record in records {
            if RFC3339.day(record.time) != day {
                writer.flush()
                day = RFC3339.day(record.time)
                faults.now = record.time
            }
            writer.append(record)
        }
        writer.close()
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".jsonl") }.map { dir + "/" + $0 }
    }

    @Test func generatedMonthVerifiesAcrossDailyFiles() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let files = try Self.writeMonth(into: dir.path)
        #expect(files.count == 31)
        let result = AuditVerifier.verify(files: files)
        #expect(result.ok, "\(result.report)")
        #expect(result.lines == AuditMonth.records().count + 31)
    }

    @Test func reportIsSelfContainedAndShowsEveryChart() throws {
        let dir = TempDirectory()
        defer { if ProcessInfo.processInfo.environment["SLUICE_AUDIT_SAMPLE_DIR"] == nil { dir.remove() } }
        let files = try Self.writeMonth(into: ProcessInfo.processInfo.environment["SLUICE_AUDIT_SAMPLE_DIR"] ?? dir.path)
        let log = try AuditLog.load(files: files)
        let html = AuditReport.html(log: log, verification: AuditVerifier.verify(files: files),
                                    generated: RFC3339.parse("2026-11-01T09:00:00Z")!)
        for caption in ["Decisions per day", "Top blocked services", "Top users by redacted values",
                        "Personal-data values redacted per day, by type", "Chain intact", "Incidents to review"] {
            #expect(html.contains(caption), "missing \(caption)")
        }
        #expect(html.contains("chat.deepseek.com"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        for external in ["<script", "src=", "href=", "@import", "url(", "@font-face"] {
            #expect(!html.contains(external), "external reference \(external)")
        }
        #expect(!html.contains("@example.nl"), "no personal-data values")
        #expect(html.contains("2026-10-01 to 2026-10-31 (UTC)"))
    }

    @Test func reportShowsABrokenChainInRed() {
        var broken = AuditVerification()
        broken.firstBad = .init(file: "/var/log/sluice/audit.jsonl", line: 17, reason: "prev does not match <x>")
        let html = AuditReport.html(log: AuditLog(entries: [], unreadable: 0), verification: broken)
        #expect(html.contains(#"class="banner bad""#))
        #expect(html.contains("audit.jsonl line 17: prev does not match &lt;x&gt;"))
        #expect(html.contains("no data in this period"))
    }

    @Test func logTextIsEscapedInTheReport() {
        let hostile = AuditRecord.make(user: "<img src=x onerror=alert(1)>", host: "evil\"><script>", action: "block",
                                       pii: [PIIEntry(type: "<b>", count: 1, action: "redact")])
        let html = AuditReport.html(log: AuditLog(entries: [.init(file: "f", line: 2, seq: 1, record: hostile)], unreadable: 0),
                                    verification: AuditVerification())
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test func summaryCountsPerActionHostTypeAndUser() throws {
        let records = [
            AuditRecord.make(user: "ann", host: "chatgpt.com", action: "allow"),
            AuditRecord.make(user: "ann", host: "chat.deepseek.com", action: "block"),
            AuditRecord.make(user: "bob", host: "chatgpt.com", action: "redact",
                             pii: [PIIEntry(type: "email", count: 3, action: "redact"), PIIEntry(type: "iban", count: 1, action: "redact")]),
            AuditRecord.make(user: nil, host: "claude.ai", action: "redact", pii: [PIIEntry(type: "email", count: 2, action: "redact")]),
        ]
        let summary = AuditSummary(records: records)
        #expect(summary.total == 4)
        #expect(summary.byAction.map(\.key) == ["redact", "allow", "block"])
        #expect(summary.byHost.first! == (key: "chatgpt.com", count: 2))
        #expect(summary.byPIIType.map(\.count) == [5, 1])
        #expect(summary.byUser.map(\.key) == ["ann", "(none)", "bob"])
        #expect(summary.render().contains("email  5"))
    }

    @Test func timeRangeKeepsSinceInclusiveUntilExclusive() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl")))
        for day in 1...5 { writer.append(.make(seconds: RFC3339.parse("2026-10-0\(day)T12:00:00Z")!.timeIntervalSince1970, id: "d\(day)")) }
        writer.close()
        let log = try AuditLog.load(files: [dir.file("audit.jsonl")], since: RFC3339.parse("2026-10-02"), until: RFC3339.parse("2026-10-04"))
        #expect(log.records.map(\.id) == ["d2", "d3"])
    }

    @Test func incidentsNameWhenWhatWhoAndHowManyButNeverValues() {
        let records = AuditMonth.records(days: 5)
        let incidents = AuditIncident.find(in: records)
        let kinds = Set(incidents.map(\.kind))
        #expect(kinds == [.personalDataSent, .sensitiveBodyBlocked, .interceptionFailure])
        #expect(incidents.filter { $0.kind == .personalDataSent }.allSatisfy { $0.categories == ["email"] && $0.values == 1 && $0.user != nil })
        #expect(!incidents.contains { $0.kind == .sensitiveBodyBlocked && $0.categories != ["bsn"] })
        let csv = AuditIncident.csv(incidents)
        #expect(csv.hasPrefix("time,id,kind,service,categories,values,user,device,action,rule,note\r\n"))
        #expect(csv.components(separatedBy: "\r\n").count == incidents.count + 2)
        #expect(!csv.contains("@example.nl") && !csv.contains("111222333"))
        let json = AuditIncident.json(incidents)
        let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(decoded?.count == incidents.count)
    }

    @Test(arguments: [("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("a,b", "\"a,b\""), ("+31", "'+31"), ("plain", "plain")])
    func csvFieldsAreQuotedAndSpreadsheetSafe(raw: String, expected: String) {
        #expect(AuditIncident.csvField(raw) == expected)
    }

    @Test func findListsOnlyLinesHoldingTheValuesFingerprint() throws {
        let records = AuditMonth.records(days: 3)
        let log = AuditLog(entries: records.enumerated().map { .init(file: "a.jsonl", line: $0 + 2, seq: UInt64($0 + 1), record: $1) },
                           unreadable: 0)
        let matches = AuditFinder.find(value: " Anna.Dekker@Example.nl ", key: AuditMonth.key, in: log)
        let expected = records.filter { $0.user == "anna.dekker" && $0.action == "monitor" }.count
        #expect(expected > 0)
        #expect(matches.count == expected)
        #expect(matches.allSatisfy { $0.types == ["email"] && $0.record.user == "anna.dekker" })
        #expect(AuditFinder.find(value: "anna.dekker@example.nl", key: AuditKey(bytes: Array(repeating: 1, count: 32)), in: log).isEmpty)
    }
}
