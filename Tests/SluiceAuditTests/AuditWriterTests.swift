import Foundation
import Testing
@testable import SluiceAudit

/// A sink that remembers what it was handed, to check extra outputs see every sealed line.
final class CollectingSink: AuditSink, @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []
    var lines: [String] { lock.withLock { _lines } }
    func write(_ record: AuditRecord, line: String) { lock.withLock { _lines.append(line) } }
}

/// The writer keeps one verifiable chain through restarts, crashes, rotation and a full disk.
struct AuditWriterTests {
    func lines(_ path: String) -> [String] {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }

    func rotatedFiles(_ dir: TempDirectory) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasPrefix("audit") && $0.hasSuffix(".jsonl") }.map(dir.file)
    }

    @Test func writesOneVerifiableLinePerRecord() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit/audit.jsonl")))
        for i in 0..<50 { writer.append(.make(id: "r-\(i)")) }
        #expect(writer.flush())
        writer.close()
        let result = AuditVerifier.verify(files: [dir.file("audit/audit.jsonl")])
        #expect(result.ok, "\(result.report)")
        #expect(result.lines == 51)
        #expect(writer.status.durable == 50)
    }

    @Test func reopeningContinuesTheChain() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let path = dir.file("audit.jsonl")
        for round in 0..<3 {
            let writer = try AuditWriter(configuration: .init(path: path, fsyncIntervalMs: 0))
            for i in 0..<4 { writer.append(.make(id: "r-\(round)-\(i)")) }
            writer.close()
        }
        let result = AuditVerifier.verify(files: [path])
        #expect(result.ok, "\(result.report)")
        #expect(result.lines == 13)
        #expect(lines(path).filter { $0.contains(#""event":"header""#) }.count == 1)
    }

    @Test(arguments: [1, 30, 120])
    func tornTailFromACrashIsDroppedAndLoggedOnRestart(cut: Int) throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let path = dir.file("audit.jsonl")
        let first = try AuditWriter(configuration: .init(path: path))
        for i in 0..<5 { first.append(.make(id: "r-\(i)")) }
        first.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.dropLast(cut + 1).write(to: URL(fileURLWithPath: path))  // +1: keep no newline at the end
        #expect(AuditVerifier.verify(files: [path]).tornTail != nil)

        let second = try AuditWriter(configuration: .init(path: path))
        second.append(.make(id: "after"))
        second.close()
        let result = AuditVerifier.verify(files: [path])
        #expect(result.ok && result.tornTail == nil, "\(result.report)")
        let all = lines(path)
        #expect(all.contains { $0.contains(#""event":"recovery""#) && $0.contains("dropped torn final line") })
        #expect(all.last?.contains(#""id":"after""#) == true)
        #expect(all.count == 1 + 4 + 1 + 1)
    }

    @Test func completeLineMissingOnlyItsNewlineIsKept() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let path = dir.file("audit.jsonl")
        let first = try AuditWriter(configuration: .init(path: path))
        for i in 0..<3 { first.append(.make(id: "r-\(i)")) }
        first.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.dropLast().write(to: URL(fileURLWithPath: path))
        let second = try AuditWriter(configuration: .init(path: path))
        second.append(.make(id: "after"))
        second.close()
        let all = lines(path)
        #expect(AuditVerifier.verify(files: [path]).ok)
        #expect(all.count == 5)
        #expect(!all.contains { $0.contains("recovery") })
    }

    @Test func unreadableLastLineRefusesToStart() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let path = dir.file("audit.jsonl")
        try "garbage\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: AuditError(.chainUnreadable, reason: "")) { try AuditWriter(configuration: .init(path: path)) }
    }

    @Test func sizeRotationKeepsOneChainAcrossFiles() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), rotateBytes: 3000))
        for i in 0..<60 {
            writer.append(.make(id: "r-\(i)"))
            if i % 7 == 0 { writer.flush() }
        }
        writer.close()
        let files = rotatedFiles(dir)
        #expect(files.count > 5)
        let result = AuditVerifier.verify(files: files.shuffled())
        #expect(result.ok, "\(result.report)")
        #expect(result.lines == 60 + files.count)
        #expect(result.files.last == dir.file("audit.jsonl"))
        for file in files { #expect(((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) <= 3000) }
    }

    @Test func rotationTamperingIsCaught() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), rotateBytes: 2500))
        for i in 0..<40 { writer.append(.make(id: "r-\(i)")); writer.flush() }
        writer.close()
        let files = AuditVerifier.verify(files: rotatedFiles(dir)).files
        #expect(files.count >= 4)

        // A missing file in the middle of the series.
        var gap = files
        gap.remove(at: 1)
        #expect(AuditVerifier.verify(files: gap).firstBad?.reason.contains("header names previous file") == true)

        // A rotated file whose last line was cut at a line boundary.
        let victim = files[1]
        let original = try Data(contentsOf: URL(fileURLWithPath: victim))
        var kept = lines(victim)
        kept.removeLast()
        try (kept.joined(separator: "\n") + "\n").write(toFile: victim, atomically: true, encoding: .utf8)
        let cut = AuditVerifier.verify(files: files)
        #expect(cut.firstBad?.file == files[2])
        #expect(cut.firstBad?.line == 1)
        try original.write(to: URL(fileURLWithPath: victim))

        // An edited header: its previousFile renamed, hash left alone.
        let header = files[2]
        let text = try String(contentsOfFile: header, encoding: .utf8)
        let previousName = (files[1] as NSString).lastPathComponent
        try text.replacingOccurrences(of: previousName, with: "audit-forged.jsonl").write(toFile: header, atomically: true, encoding: .utf8)
        let edited = AuditVerifier.verify(files: files)
        #expect(edited.firstBad?.file == header)
        #expect(edited.firstBad?.line == 1)
        #expect(edited.firstBad?.reason.contains("hash does not match") == true)
    }

    @Test func dailyRotationStartsANewFileAtUTCMidnight() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let faults = AuditWriterFaults()
        faults.now = RFC3339.parse("2026-11-23T23:59:59Z")
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), rotateDaily: true),
                                     extraSinks: [], alert: nil, faults: faults)
        writer.append(.make(id: "before"))
        writer.flush()
        faults.now = RFC3339.parse("2026-11-24T00:00:01Z")
        writer.append(.make(id: "after"))
        writer.close()
        let files = rotatedFiles(dir).sorted()
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["audit-20261123T235959.000Z.jsonl", "audit.jsonl"])
        #expect(AuditVerifier.verify(files: files).ok)
    }

    @Test func restartOnALaterDayRotatesYesterdaysFileFirst() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let faults = AuditWriterFaults()
        faults.now = RFC3339.parse("2026-11-23T17:00:00Z")
        let first = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), rotateDaily: true), extraSinks: [], alert: nil, faults: faults)
        first.append(.make(id: "monday"))
        first.close()
        faults.now = RFC3339.parse("2026-11-24T08:00:00Z")
        let second = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), rotateDaily: true), extraSinks: [], alert: nil, faults: faults)
        second.append(.make(id: "tuesday"))
        second.close()
        let files = rotatedFiles(dir).sorted()
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["audit-20261123T170000.000Z.jsonl", "audit.jsonl"])
        #expect(AuditVerifier.verify(files: files).ok)
    }

    @Test(arguments: [FailurePolicy.failClosed, .alert])
    func fullDiskIsNeverSilentAndNothingIsLostOnRecovery(policy: FailurePolicy) throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let faults = AuditWriterFaults()
        let alerts = CollectingSink()
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), failurePolicy: policy),
                                     extraSinks: [], alert: { alerts.write(.make(), line: $0) }, faults: faults)
        writer.append(.make(id: "ok-1"))
        #expect(writer.flush())
        faults.failWrites = true
        for i in 0..<5 { writer.append(.make(id: "during-\(i)")) }
        #expect(writer.flush() == false)
        #expect(writer.isHealthy == false)
        #expect(writer.lastError?.contains("No space left on device") == true)
        #expect(writer.acceptsTraffic == (policy == .alert))
        #expect(alerts.lines.first?.contains("audit log write failed") == true)

        faults.failWrites = false
        writer.append(.make(id: "after"))
        #expect(writer.flush())
        #expect(writer.isHealthy)
        #expect(writer.acceptsTraffic)
        #expect(alerts.lines.last == "audit log writable again")
        writer.close()
        let all = lines(dir.file("audit.jsonl"))
        #expect(all.count == 1 + 1 + 5 + 1)
        #expect(AuditVerifier.verify(files: [dir.file("audit.jsonl")]).ok)
    }

    @Test func closingWhileTheDiskFailsSaysWhatWasLost() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let faults = AuditWriterFaults()
        let alerts = CollectingSink()
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl")), extraSinks: [],
                                     alert: { alerts.write(.make(), line: $0) }, faults: faults)
        faults.failWrites = true
        for i in 0..<3 { writer.append(.make(id: "r-\(i)")) }
        writer.close()
        #expect(writer.lastError?.hasPrefix("closed with 3 unwritten record(s)") == true)
        #expect(alerts.lines.contains("audit writer closed with 3 record(s) it could not write"))
        #expect(AuditVerifier.verify(files: [dir.file("audit.jsonl")]).lines == 1)
    }

    @Test func failedFsyncMarksTheWriterUnhealthy() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let faults = AuditWriterFaults()
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl")), extraSinks: [], alert: nil, faults: faults)
        faults.failSync = true
        writer.append(.make())
        #expect(writer.flush() == false)
        #expect(writer.lastError?.contains("fsync failed") == true)
        faults.failSync = false
        #expect(writer.flush())
        #expect(writer.isHealthy)
        writer.close()
    }

    @Test func overflowingBacklogDropsOldestAndSaysHowMany() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let faults = AuditWriterFaults()
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), failurePolicy: .alert, maxBacklog: 4),
                                     extraSinks: [], alert: nil, faults: faults)
        faults.failWrites = true
        for i in 0..<10 { writer.append(.make(id: "r-\(i)")) }
        writer.flush()
        faults.failWrites = false
        writer.append(.make(id: "last"))
        #expect(writer.flush())
        writer.close()
        let all = lines(dir.file("audit.jsonl"))
        #expect(all.contains { $0.contains("dropped 7 record(s)") })
        #expect(all.last?.contains(#""id":"last""#) == true)
        #expect(AuditVerifier.verify(files: [dir.file("audit.jsonl")]).ok)
    }

    @Test func sinksAndSquidLogSeeEveryLine() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let sink = CollectingSink()
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), squidLogPath: dir.file("access.log")),
                                     extraSinks: [sink])
        writer.append(.make(id: "a", path: "/v1/chat?token=secret"))
        writer.append(.make(id: "b", event: "connect", method: "CONNECT", host: "chat.deepseek.com", action: "block", status: 403))
        writer.close()
        #expect(sink.lines.count == 2)
        #expect(sink.lines.allSatisfy { !$0.contains("secret") && $0.hasSuffix("}") })
        let squid = lines(dir.file("access.log"))
        #expect(squid.count == 2)
        #expect(squid[0].contains("TCP_MISS/200 5400 POST https://chatgpt.com/v1/chat alice HIER_DIRECT/chatgpt.com -"))
        #expect(squid[1].contains("TCP_DENIED/403 5400 CONNECT chat.deepseek.com:443 alice"))
        #expect(!lines(dir.file("audit.jsonl")).contains { $0.contains("secret") })
    }

    @Test func hmacKeyFileIsCreatedPrivateAndSignsEveryLine() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let keyPath = dir.file("keys/chain.key")
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl"), hmacKeyPath: keyPath))
        writer.append(.make())
        writer.close()
        let mode = (try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int) ?? -1
        #expect(mode == 0o600)
        let result = AuditVerifier.verify(files: [dir.file("audit.jsonl")], hmacKey: try AuditKey.load(path: keyPath))
        #expect(result.ok && result.macChecked)
    }

    /// Many event-loop threads appending at once: nothing lost, order per thread kept, append stays cheap.
    @Test func concurrentAppendsAllLandInOneValidChain() throws {
        let dir = TempDirectory(); defer { dir.remove() }
        let writer = try AuditWriter(configuration: .init(path: dir.file("audit.jsonl")))
        let threads = 4, perThread = 5000
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<perThread { writer.append(.make(id: "t\(t)-\(i)")) }
        }
        let appendSeconds = Date().timeIntervalSince(start)
        #expect(writer.flush())
        let total = Date().timeIntervalSince(start)
        writer.close()
        let result = AuditVerifier.verify(files: [dir.file("audit.jsonl")])
        #expect(result.ok)
        #expect(result.lines == threads * perThread + 1)
        print("append: \(Int(appendSeconds * 1e9 / Double(threads * perThread))) ns/record; written+fsynced \(Int(Double(threads * perThread) / total)) records/s")
    }
}
