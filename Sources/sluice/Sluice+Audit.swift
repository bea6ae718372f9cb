import ArgumentParser
import Foundation
import SluiceAudit

extension Sluice {
    /// `sluice audit`: the officer's tools over the tamper-evident log (verify → summary → incidents → report → find).
    struct AuditCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Check and read the audit log.",
            subcommands: [Verify.self, Summary.self, Incidents.self, Report.self, Find.self, Bench.self]
        )
    }
}

/// Log files shared by every audit subcommand.
struct AuditFilesOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Audit log files: one file or a whole rotated series, in any order.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one audit log file") }
    }
}

/// A time window; both ends accept RFC 3339 or a bare UTC date.
struct AuditRangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only records at or after this time (RFC 3339 or YYYY-MM-DD, UTC).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only records before this time (RFC 3339 or YYYY-MM-DD, UTC).", valueName: "time"))
    var until: String?

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, RFC3339.parse(value) == nil { throw ValidationError("\(name): '\(value)' is not RFC 3339 or YYYY-MM-DD") }
        }
    }

    var range: (Date?, Date?) { (since.flatMap(RFC3339.parse), until.flatMap(RFC3339.parse)) }
}

/// Prints `file: reason` to stderr and exits 1, the CLI's error convention.
func auditFail(_ error: AuditError) -> ExitCode {
    FileHandle.standardError.write(Data("sluice: \(error.description)\n".utf8))
    return ExitCode(1)
}

extension Sluice.AuditCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain; name the first bad line. Exit 0 intact (a torn last line is a warning), 1 broken.")

        @OptionGroup var log: AuditFilesOptions

        @Option(help: ArgumentHelp("Chain HMAC key file; every line's mac must match it.", valueName: "key-file"))
        var hmacKey: String?

        @Option(help: ArgumentHelp("A line kept outside the log (e.g. the syslog collector's last): the chain must reach it unchanged.",
                                   valueName: "seq:hash"))
        var anchor: String?

        func validate() throws {
            if let anchor, AuditAnchor(anchor) == nil { throw ValidationError("--anchor: expected SEQ:HASH (64 hex digits)") }
        }

        func run() throws {
            var key: AuditKey?
            if let hmacKey {
                do { key = try AuditKey.load(path: hmacKey) } catch { throw auditFail(error) }
            }
            let result = AuditVerifier.verify(files: log.files, hmacKey: key, anchor: anchor.flatMap(AuditAnchor.init))
            print(result.report)
            if !result.ok { throw ExitCode(result.exitCode) }
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Totals per action, host, personal-data type and user.")

        @OptionGroup var log: AuditFilesOptions
        @OptionGroup var range: AuditRangeOptions

        @Option(help: "Rows per section.")
        var limit = 20

        func run() throws {
            let (since, until) = range.range
            do {
                let loaded = try AuditLog.load(files: log.files, since: since, until: until)
                print(AuditSummary(records: loaded.records).render(limit: limit), terminator: "")
                if loaded.unreadable > 0 { print("\nwarning: \(loaded.unreadable) unreadable line(s); run 'sluice audit verify'") }
            } catch { throw auditFail(error) }
        }
    }

    struct Incidents: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Events the officer may have to report: personal data sent under monitor/pass_and_log, sensitive bodies blocked, interception failures.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

        @OptionGroup var log: AuditFilesOptions
        @OptionGroup var range: AuditRangeOptions

        @Option(help: "Output format.")
        var format: Format = .csv

        func run() throws {
            let (since, until) = range.range
            do {
                let incidents = AuditIncident.find(in: try AuditLog.load(files: log.files, since: since, until: until).records)
                print(format == .csv ? AuditIncident.csv(incidents) : AuditIncident.json(incidents), terminator: format == .csv ? "" : "\n")
            } catch { throw auditFail(error) }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write one self-contained HTML page with charts and the chain status.")

        @OptionGroup var log: AuditFilesOptions
        @OptionGroup var range: AuditRangeOptions

        @Option(help: ArgumentHelp("Where to write the page.", valueName: "out.html"))
        var html: String

        @Option(help: ArgumentHelp("Chain HMAC key file, to check the mac of every line too.", valueName: "key-file"))
        var hmacKey: String?

        func run() throws {
            let (since, until) = range.range
            do {
                let key = try hmacKey.map { path throws(AuditError) in try AuditKey.load(path: path) }
                let verification = AuditVerifier.verify(files: log.files, hmacKey: key)
                let loaded = try AuditLog.load(files: log.files, since: since, until: until)
                let page = AuditReport.html(log: loaded, verification: verification)
                do {
                    try page.write(toFile: html, atomically: true, encoding: .utf8)
                } catch {
                    throw AuditError(.writeFailed, path: html, reason: "cannot write report: \(error.localizedDescription)")
                }
                print("wrote \(html): \(loaded.entries.count) decisions, chain \(verification.ok ? "intact" : "BROKEN")")
            } catch let error as AuditError { throw auditFail(error) }
        }
    }

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the lines where a known value was seen, by its keyed fingerprint; the log never holds the value.")

        @OptionGroup var log: AuditFilesOptions

        @Option(help: ArgumentHelp("The value to look for (e-mail, IBAN, phone…); normalised as the writer does.", valueName: "value"))
        var value: String

        @Option(help: ArgumentHelp("Fingerprint key file (default: where 'sluice serve' creates it for the first log file, e.g. audit-keys/fingerprint.key for audit/audit.jsonl).", valueName: "key-file"))
        var keyFile: String?

        func run() throws {
            do {
                let key = try AuditKey.load(path: keyFile ?? AuditKey.defaultFingerprintPath(forLog: log.files.first ?? "audit.jsonl"))
                let matches = AuditFinder.find(value: value, key: key, in: try AuditLog.load(files: log.files))
                for m in matches {
                    let r = m.record
                    print("\(m.file):\(m.line): \(RFC3339.format(r.time)) id=\(r.id) \(r.user ?? "-")@\(r.client) "
                        + "\(r.method ?? r.event) \(r.host ?? "-") action=\(r.action ?? "-") types=\(m.types.joined(separator: ","))")
                }
                if matches.isEmpty {
                    print("no line holds this value's fingerprint")
                    throw ExitCode(1)
                }
            } catch let error as AuditError { throw auditFail(error) }
        }
    }

    /// Hidden: measures the writer on this disk and prints durable progress, for the kill -9 check in docs/audit.md.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append synthetic records as fast as possible; print 'durable N' as the group commit advances.",
            shouldDisplay: false)

        @Option(help: ArgumentHelp("Log file to write.", valueName: "file"))
        var log: String

        @Option(help: "Group-commit window in milliseconds (0 = fsync every batch).")
        var fsyncMs = 200

        @Option(help: "Stop after this many seconds.")
        var seconds = 5.0

        @Option(help: "Records per second to offer (0 = as fast as possible).")
        var rate = 0

        func run() throws {
            let writer: AuditWriter
            do { writer = try AuditWriter(configuration: .init(path: log, fsyncIntervalMs: fsyncMs)) } catch { throw auditFail(error) }
            let start = Date()
            var appended = 0
            var lastDurable: UInt64 = 0
            var appendNanos: UInt64 = 0
            while Date().timeIntervalSince(start) < seconds {
                let t0 = DispatchTime.now().uptimeNanoseconds
                writer.append(AuditRecord(time: Date(), id: "b-\(appended)", event: "request", client: "127.0.0.1", method: "POST",
                                          scheme: "https", host: "chatgpt.com", port: 443, path: "/backend-api/conversation",
                                          action: "allow", rule: "bench", status: 200, bytesUp: 1000, bytesDown: 20000, durationMs: 5))
                appendNanos += DispatchTime.now().uptimeNanoseconds - t0
                appended += 1
                let durable = writer.status.durable
                if durable != lastDurable {
                    FileHandle.standardOutput.write(Data("durable \(durable)\n".utf8))  // unbuffered: survives kill -9
                    lastDurable = durable
                }
                if rate > 0 { Thread.sleep(forTimeInterval: 1 / Double(rate)) }
            }
            writer.close()
            let elapsed = Date().timeIntervalSince(start)
            print("appended \(appended) in \(String(format: "%.2f", elapsed)) s: \(Int(Double(appended) / elapsed)) records/s, "
                + "append \(appendNanos / UInt64(max(1, appended))) ns/call, durable \(writer.status.durable)")
        }
    }
}

