import Crypto
import Foundation

/// Everything the writer thread owns: chain state, open files, rotation and the retry backlog. Never shared.
final class AuditWriterCore {
    let configuration: AuditWriterConfiguration
    private(set) var chain: AuditChain
    private var output: AuditFileOutput
    private var squid: AuditFileOutput?
    private var fileDay: Int64
    private var fileStart: Date
    /// Records accepted but not yet on disk (a write failed); retried in order.
    private(set) var backlog: [Pending] = []

    /// A record waiting to be written; `counted` is false for the writer's own recovery and loss records.
    struct Pending {
        var record: AuditRecord
        var counted: Bool
    }
    private(set) var dropped = 0
    /// The last write attempt failed: only then may the backlog be trimmed.
    private var lastAttemptFailed = false
    /// Written but not yet fsync'd.
    private(set) var dirty = false
    private(set) var lastSync = Date.distantPast
    private let sinks: [any AuditSink]
    let faults: AuditWriterFaults?

    /// Opens the active file and continues its chain; a fresh file continues the newest rotated sibling.
    init(configuration: AuditWriterConfiguration, sinks: [any AuditSink], faults: AuditWriterFaults?, now: Date) throws(AuditError) {
        self.configuration = configuration
        self.sinks = sinks
        self.faults = faults
        let macKey = try configuration.hmacKeyPath.map { path throws(AuditError) in try AuditKey.loadOrCreate(path: path).bytes }
        let path = configuration.path
        var recovery: AuditRecord?
        var startChain: AuditChain
        var needsHeader = false
        var previousFile: String?
        var headerTime = now

        let exists = FileManager.default.fileExists(atPath: path)
        let tail = exists ? try AuditTail.read(path: path) : nil
        output = try AuditFileOutput(path: path)
        if let tail, let last = tail.lastLine {
            startChain = AuditChain(nextSeq: last.seq + 1, lastHash: last.hash, macKey: macKey)
            headerTime = tail.firstLine?.header?.time ?? last.time  // a long file: its last line still dates it
            headerSeq = tail.firstLine?.seq
            if !tail.tornBytes.isEmpty {
                let fragment = tail.tornBytes[...]
                if case .success(let line) = AuditLine.parse(fragment), line.seq == last.seq + 1, line.prev == last.hash,
                   Hex.encode(SHA256.hash(data: line.canonicalBytes)) == line.hash {
                    try output.write([0x0A])  // the line was whole, only its newline was lost
                    startChain = AuditChain(nextSeq: line.seq + 1, lastHash: line.hash, macKey: macKey)
                } else {
                    output.truncate(to: tail.cleanLength)
                    recovery = AuditRecord(
                        time: now, id: "recovery-\(last.seq + 1)", event: "recovery", client: "-",
                        note: "dropped torn final line (\(fragment.count) bytes) left by a crash; sha256 \(Hex.encode(SHA256.hash(data: Array(fragment))))")
                }
            }
        } else if let tail, let fault = tail.lastLineFault {
            throw AuditError(.chainUnreadable, path: path,
                             reason: "last line is not a valid audit line (\(fault)); move the file aside to start a new chain")
        } else {
            // Empty, new, or only a torn header: start this file with a header continuing the newest rotated file.
            if let tail, !tail.isEmpty { output.truncate(to: 0) }
            needsHeader = true
            if let sibling = Self.newestRotatedSibling(of: path) {
                startChain = AuditChain(nextSeq: sibling.line.seq + 1, lastHash: sibling.line.hash, macKey: macKey)
                previousFile = sibling.name
            } else {
                startChain = AuditChain(macKey: macKey)
            }
        }
        chain = startChain
        fileStart = headerTime
        fileDay = RFC3339.epochDay(headerTime)
        if needsHeader {
            headerSeq = chain.nextSeq
            try output.write(chain.seal(AuditHeader(time: now, previousFile: previousFile, previousHash: chain.lastHash)))
            try output.sync()
            AuditFileOutput.syncDirectory(of: path)
        }
        if let squidPath = configuration.squidLogPath { squid = try AuditFileOutput(path: squidPath) }
        if let recovery { backlog.append(Pending(record: recovery, counted: false)) }
    }

    /// Takes newly appended records and tries to write everything waiting; returns how many appended records
    /// are done with (written, or dropped because the backlog overflowed) and the error that stopped it, if any.
    func process(_ batch: [AuditRecord], now: Date) -> (consumed: Int, error: AuditError?) {
        var consumed = 0
        backlog.append(contentsOf: batch.map { Pending(record: $0, counted: true) })
        // The cap bounds memory only while the disk refuses writes; a healthy writer never drops a record.
        if lastAttemptFailed, backlog.count > configuration.maxBacklog {
            let excess = backlog.count - configuration.maxBacklog
            consumed += backlog.prefix(excess).filter(\.counted).count
            backlog.removeFirst(excess)
            dropped += excess
        }
        if dropped > 0, faults?.failWrites != true {
            backlog.insert(Pending(record: AuditRecord(
                time: now, id: "loss-\(chain.nextSeq)", event: "error", client: "-", action: "audit_loss",
                note: "audit writer dropped \(dropped) record(s) while the log could not be written"), counted: false), at: 0)
            dropped = 0
        }
        var written = 0
        var buffer: [UInt8] = []
        var squidBuffer: [UInt8] = []
        // Lines sealed since the last commit: counts always, the records and lines only for extra sinks.
        var sealedCount = 0, sealedCounted = 0
        var forSinks: [(record: AuditRecord, line: [UInt8])] = []
        var snapshot = chain
        var startSize = output.size
        if let previous = pendingHeaderPrevious {
            do throws(AuditError) {
                try writeHeader(previousFile: previous, now: now)
            } catch {
                chain = snapshot
                output.truncate(to: startSize)
                lastAttemptFailed = true
                return (consumed, error)
            }
            snapshot = chain
            startSize = output.size
        }
        func commit() -> AuditError? {
            guard !buffer.isEmpty else { return nil }
            do throws(AuditError) {
                if faults?.failWrites == true { throw AuditError(.writeFailed, path: output.path, errno: 28, reason: "write failed: No space left on device") }
                try output.write(buffer)
            } catch {
                output.truncate(to: startSize)
                chain = snapshot
                return error
            }
            dirty = true
            if let squid, !squidBuffer.isEmpty { try? squid.write(squidBuffer) }
            for (record, line) in forSinks {
                let text = String(decoding: line.dropLast(), as: UTF8.self)
                for sink in sinks { sink.write(record, line: text) }
            }
            written += sealedCount
            consumed += sealedCounted
            snapshot = chain
            startSize = output.size
            buffer.removeAll(keepingCapacity: true)
            squidBuffer.removeAll(keepingCapacity: true)
            forSinks.removeAll(keepingCapacity: true)
            sealedCount = 0
            sealedCounted = 0
            return nil
        }
        for pending in backlog {
            let record = pending.record.sanitized(includeQuery: configuration.includeQuery)
            var trial = chain
            var line = trial.seal(record)
            if shouldRotate(adding: Int64(buffer.count + line.count), now: now) {
                if let error = commit() { backlog.removeFirst(written); lastAttemptFailed = true; return (consumed, error) }
                if let error = rotate(now: now) {
                    chain = snapshot
                    backlog.removeFirst(written)
                    lastAttemptFailed = true
                    return (consumed, error)
                }
                snapshot = chain
                startSize = output.size
                line = chain.seal(record)
            } else {
                chain = trial
            }
            buffer += line
            sealedCount += 1
            if pending.counted { sealedCounted += 1 }
            if !sinks.isEmpty { forSinks.append((record, line)) }
            if squid != nil { squidBuffer += Array((SquidLogFormatter.line(for: record) + "\n").utf8) }
            if buffer.count >= 1 << 20, let error = commit() {  // bound the buffer under a burst
                backlog.removeFirst(written)
                lastAttemptFailed = true
                return (consumed, error)
            }
        }
        let error = commit()
        backlog.removeFirst(written)
        lastAttemptFailed = error != nil
        return (consumed, error)
    }

    /// fsyncs the active file (and the squid file) when lines are waiting.
    func sync(now: Date) -> AuditError? {
        guard dirty else { return nil }
        do throws(AuditError) {
            if faults?.failSync == true { throw AuditError(.syncFailed, path: output.path, errno: 5, reason: "fsync failed: Input/output error") }
            try output.sync()
            try? squid?.sync()
        } catch {
            return error
        }
        dirty = false
        lastSync = now
        return nil
    }

    private func shouldRotate(adding bytes: Int64, now: Date) -> Bool {
        if configuration.rotateDaily, RFC3339.epochDay(now) != fileDay { return true }
        if let limit = configuration.rotateBytes, output.size + bytes > limit, output.size > 0 {
            // Never rotate a file that holds only its header: one huge line still lands somewhere.
            return chain.nextSeq > (headerSeq ?? 0) + 1
        }
        return false
    }

    private var headerSeq: UInt64?
    /// Set between opening a new rotated file and writing its header, so a failed header is retried first.
    private var pendingHeaderPrevious: String?

    private func writeHeader(previousFile: String, now: Date) throws(AuditError) {
        var trial = chain
        let seq = trial.nextSeq
        try output.write(trial.seal(AuditHeader(time: now, previousFile: previousFile, previousHash: chain.lastHash)))
        try output.sync()
        AuditFileOutput.syncDirectory(of: output.path)
        chain = trial
        headerSeq = seq
        pendingHeaderPrevious = nil
    }

    /// Closes the active file under a dated name and starts a new one whose header names it and its final hash.
    private func rotate(now: Date) -> AuditError? {
        let path = configuration.path
        let rotated = Self.rotatedName(for: path, start: fileStart)
        do throws(AuditError) {
            try output.sync()
            guard rename(path, rotated) == 0 else {
                throw AuditError(.renameFailed, path: path, errno: errno, reason: "cannot rename for rotation to \(rotated)")
            }
            output = try AuditFileOutput(path: path)
            pendingHeaderPrevious = (rotated as NSString).lastPathComponent
            try writeHeader(previousFile: (rotated as NSString).lastPathComponent, now: now)
        } catch {
            return error
        }
        fileStart = now
        fileDay = RFC3339.epochDay(now)
        dirty = false
        lastSync = Date()
        return nil
    }

    /// `audit.jsonl` started at 21:32:23.123 → `audit-20261123T213223.123Z.jsonl`, with `-2`… if taken.
    static func rotatedName(for path: String, start: Date) -> String {
        let ns = path as NSString
        let ext = ns.pathExtension
        let stem = ns.deletingPathExtension
        let stamp = RFC3339.format(start).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        var candidate = "\(stem)-\(stamp)" + (ext.isEmpty ? "" : ".\(ext)")
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(stem)-\(stamp)-\(n)" + (ext.isEmpty ? "" : ".\(ext)")
            n += 1
        }
        return candidate
    }

    /// The rotated file beside `path` whose last line has the highest seq, to continue its chain.
    static func newestRotatedSibling(of path: String) -> (name: String, line: AuditLine)? {
        let ns = path as NSString
        let directory = ns.deletingLastPathComponent.isEmpty ? "." : ns.deletingLastPathComponent
        let stem = (ns.lastPathComponent as NSString).deletingPathExtension + "-"
        let ext = ns.pathExtension
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var best: (name: String, line: AuditLine)?
        for name in names where name.hasPrefix(stem) && (ext.isEmpty || name.hasSuffix("." + ext)) {
            guard let tail = try? AuditTail.read(path: directory + "/" + name), let line = tail.lastLine else { continue }
            if best == nil || line.seq > best!.line.seq { best = (name, line) }
        }
        return best
    }
}

// Safe: the core is created on the caller's thread, then handed to the writer thread, the only one that touches it.
extension AuditWriterCore: @unchecked Sendable {}
