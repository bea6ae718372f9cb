import Foundation
import Synchronization

/// The durable audit log: `append` only enqueues; a background thread seals the chain, writes, rotates and fsyncs in groups.
public final class AuditWriter: Sendable {
    public let configuration: AuditWriterConfiguration
    private let condition = NSCondition()
    private let state = AuditWriterSharedState()

    /// Opens or creates the log and continues the chain from its last line.
    public convenience init(configuration: AuditWriterConfiguration) throws(AuditError) {
        try self.init(configuration: configuration, extraSinks: [], alert: nil)
    }

    /// `extraSinks` get every sealed line (e.g. the runtime's `SyslogSender`); `alert` hears failures and recoveries.
    public convenience init(
        configuration: AuditWriterConfiguration, extraSinks: [any AuditSink], alert: (@Sendable (String) -> Void)? = nil
    ) throws(AuditError) {
        try self.init(configuration: configuration, extraSinks: extraSinks, alert: alert, faults: nil)
    }

    init(configuration: AuditWriterConfiguration, extraSinks: [any AuditSink], alert: (@Sendable (String) -> Void)?,
         faults: AuditWriterFaults?) throws(AuditError) {
        // The core is opened before any stored property is set, so a throwing init never runs `deinit`.
        let core = try AuditWriterCore(configuration: configuration, sinks: extraSinks, faults: faults, now: faults?.now ?? Date())
        self.configuration = configuration
        state.started = true
        let condition = self.condition, state = self.state
        let thread = Thread { Self.run(core: core, state: state, condition: condition, alert: alert) }
        thread.name = "sluice-audit-writer"
        thread.start()
    }

    deinit { close() }

    /// Enqueues one record and returns its ticket for `waitUntilDurable`; cheap, never touches the disk.
    @discardableResult
    public func append(_ record: AuditRecord) -> UInt64 {
        condition.lock()
        defer { condition.unlock() }
        guard !state.stopping else { return 0 }
        state.pending.append(record)
        state.appended += 1
        if state.pending.count == 1 { condition.signal() }
        return state.appended
    }

    public var isHealthy: Bool { state.healthyFlag.load(ordering: .acquiring) }

    public var lastError: String? {
        condition.lock()
        defer { condition.unlock() }
        return state.lastError
    }

    /// False only when the policy is fail-closed and the log cannot be written: the runtime then refuses traffic.
    public var acceptsTraffic: Bool { configuration.failurePolicy == .alert || isHealthy }

    public var status: AuditWriterStatus {
        condition.lock()
        defer { condition.unlock() }
        return AuditWriterStatus(healthy: state.healthy, lastError: state.lastError, appended: state.appended,
                                 durable: state.durable, failures: state.failures)
    }

    /// Blocks until the record with `ticket` is fsync'd (true), a write fails, or `timeout` seconds pass (false).
    @discardableResult
    public func waitUntilDurable(_ ticket: UInt64, timeout: Double = 30) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        let failuresAtStart = state.failures
        state.flushWanted = true
        condition.broadcast()
        while state.durable < ticket, !state.finished, state.failures == failuresAtStart {
            if !condition.wait(until: deadline) { break }
        }
        return state.durable >= ticket
    }

    /// Waits until everything appended so far is written and fsync'd; false when a failure or timeout prevented it.
    @discardableResult
    public func flush(timeout: Double = 30) -> Bool {
        condition.lock()
        let target = state.appended
        condition.unlock()
        return waitUntilDurable(target, timeout: timeout)
    }

    /// Flushes, fsyncs and stops the writer thread; later appends are ignored. Safe to call twice.
    public func close() {
        condition.lock()
        defer { condition.unlock() }
        state.stopping = true
        condition.broadcast()
        while state.started, !state.finished { condition.wait() }
    }

    /// The writer thread: take what is queued, write it as one batch, fsync when the group-commit window closes.
    private static func run(core: AuditWriterCore, state: AuditWriterSharedState, condition: NSCondition,
                            alert: (@Sendable (String) -> Void)?) {
        let interval = Double(core.configuration.fsyncIntervalMs) / 1000
        let retryDelay = 0.25
        var failing = !core.backlog.isEmpty
        var wasHealthy = true  // only this thread changes `healthy`
        while true {
            condition.lock()
            while state.pending.isEmpty, !state.stopping, !state.flushWanted {
                let deadline: Date? = failing ? Date(timeIntervalSinceNow: retryDelay)
                    : core.dirty ? core.lastSync.addingTimeInterval(interval) : nil
                guard let deadline else { condition.wait(); continue }
                if deadline <= Date() || !condition.wait(until: deadline) { break }
            }
            if interval > 0, !state.stopping, !state.flushWanted, state.pending.count < 256 {
                // Group commit: let the records of the next ~2 ms join this batch instead of waking and
                // writing once per record (the loss window is the fsync interval anyway).
                _ = condition.wait(until: Date(timeIntervalSinceNow: 0.002))
            }
            let batch = state.pending
            state.pending = []  // the batch owns the old buffer; callers start a fresh one
            state.pending.reserveCapacity(min(batch.count, 4096))
            let stopping = state.stopping
            let flushWanted = state.flushWanted
            state.flushWanted = false
            condition.unlock()

            let wall = Date()
            var (written, error) = core.process(batch, now: core.faults?.now ?? wall)
            if error == nil, interval == 0 || stopping || flushWanted || wall >= core.lastSync.addingTimeInterval(interval) {
                error = core.sync(now: wall)
            }
            failing = error != nil || !core.backlog.isEmpty
            // Alert before publishing, so whoever sees the new state can also see the process-log line.
            let recovered = error == nil && !failing && !core.dirty
            if let error, wasHealthy { alert?("audit log write failed: \(error.description)") }
            if recovered, !wasHealthy { alert?("audit log writable again") }
            let lost = stopping ? core.backlog.filter(\.counted).count : 0
            if lost > 0 { alert?("audit writer closed with \(lost) record(s) it could not write") }
            condition.lock()
            state.written += UInt64(written)
            if !core.dirty { state.durable = state.written }
            if let error {
                state.failures += 1
                state.lastError = error.description
                state.healthy = false
            } else if recovered {
                state.healthy = true
            }
            wasHealthy = state.healthy
            if lost > 0 { state.lastError = "closed with \(lost) unwritten record(s): " + (state.lastError ?? "") }
            if stopping { state.finished = true }
            condition.broadcast()
            condition.unlock()
            if stopping { return }
        }
    }
}
