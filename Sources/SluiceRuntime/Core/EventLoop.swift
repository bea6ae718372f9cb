import CSluice
import Synchronization

/// Something registered with an event loop: it gets readiness events for its descriptors and a periodic tick.
protocol EventHandler: AnyObject {
    /// `tag` tells which of the handler's descriptors is ready.
    func handle(events: UInt32, tag: UInt8)
    /// Called about every `EventLoop.tickInterval`; handlers check their deadlines here.
    func tick(now: ContinuousClock.Instant)
    /// The loop is shutting down: stop accepting new work and finish (or give up) at `deadline`.
    func drain(deadline: ContinuousClock.Instant)
}

/// The `Sendable` face of a loop that other threads (resolver, signal handling) use to reach it.
final class LoopHandle: Sendable {
    private let mailbox = Mutex<[@Sendable (EventLoop) -> Void]>([])
    private let wakeFD: Int32

    init(wakeFD: Int32) { self.wakeFD = wakeFD }

    /// Runs `work` on the loop thread soon.
    func execute(_ work: @escaping @Sendable (EventLoop) -> Void) {
        let wasEmpty = mailbox.withLock { box in
            box.append(work)
            return box.count == 1
        }
        if wasEmpty { _ = csl_eventfd_signal(wakeFD) }
    }

    fileprivate func takeAll() -> [@Sendable (EventLoop) -> Void] {
        mailbox.withLock { box in
            defer { box.removeAll() }
            return box
        }
    }
}

/// One epoll loop on one thread. Everything registered with it is created, used and destroyed on that thread.
final class EventLoop {
    static let tickInterval: Duration = .milliseconds(200)
    private static let wakeToken: UInt64 = 0

    let handle: LoopHandle
    let index: Int
    private let epoll: FileDescriptor
    private let wake: FileDescriptor
    private var handlers: [UInt64: any EventHandler] = [:]
    private var nextID: UInt64 = 1
    private var lastTick = ContinuousClock.now
    private var stopping = false
    private(set) var drainDeadline: ContinuousClock.Instant?
    /// Loop-local state shared by the connections of this loop (upstream pool, pipe pool).
    var pipes = PipePool()
    /// One read buffer per loop: handlers read into it and copy out only what arrived.
    var readBuffer = [UInt8](repeating: 0, count: 65_536)
    let upstreams = UpstreamPool()
    /// Serials for reference ids: loop index in the top byte, so two loops never hand out the same one.
    private var serial: UInt64 = 0

    func nextSerial() -> UInt64 {
        serial += 1
        return UInt64(index) << 56 | serial
    }

    init(index: Int) throws(SystemError) {
        self.index = index
        epoll = FileDescriptor(takingOwnership: try SystemError.check(csl_epoll_create(), "epoll_create1"))
        wake = FileDescriptor(takingOwnership: try SystemError.check(csl_eventfd(), "eventfd"))
        handle = LoopHandle(wakeFD: wake.raw)
        _ = try SystemError.check(csl_epoll_add(epoll.raw, wake.raw, UInt32(CSL_EPOLLIN), Self.wakeToken), "epoll_ctl(wake)")
    }

    var connectionCount: Int { handlers.count }

    /// Reserves an id for a handler; the id is the upper bits of every epoll token for its descriptors.
    func add(_ handler: any EventHandler) -> UInt64 {
        let id = nextID
        nextID += 1
        handlers[id] = handler
        return id
    }

    func remove(_ id: UInt64) { handlers[id] = nil }

    func handler(_ id: UInt64) -> (any EventHandler)? { handlers[id] }

    private func token(_ id: UInt64, _ tag: UInt8) -> UInt64 { id << 8 | UInt64(tag) }

    func watch(_ fd: Int32, events: UInt32, id: UInt64, tag: UInt8) throws(SystemError) {
        _ = try SystemError.check(csl_epoll_add(epoll.raw, fd, events, token(id, tag)), "epoll_ctl(add)")
    }

    func change(_ fd: Int32, events: UInt32, id: UInt64, tag: UInt8) {
        _ = csl_epoll_mod(epoll.raw, fd, events, token(id, tag))
    }

    func unwatch(_ fd: Int32) { _ = csl_epoll_del(epoll.raw, fd) }

    /// Asks every handler to drain; the loop returns from `run` once none is left or the deadline passes.
    func beginShutdown(deadline: ContinuousClock.Instant) {
        stopping = true
        drainDeadline = deadline
        for handler in Array(handlers.values) { handler.drain(deadline: deadline) }
    }

    /// Runs until shut down and drained.
    func run() {
        while !runOnce(timeoutMs: 200) {}
    }

    private var tokens = [UInt64](repeating: 0, count: 256)
    private var events = [UInt32](repeating: 0, count: 256)

    /// One epoll wait and the work it brings; true once the loop has finished shutting down.
    func runOnce(timeoutMs: Int32) -> Bool {
        let n = csl_epoll_wait(epoll.raw, &tokens, &events, Int32(tokens.count), timeoutMs)
        if n > 0 {
            for i in 0..<Int(n) {
                let token = tokens[i]
                if token == Self.wakeToken {
                    _ = csl_eventfd_drain(wake.raw)
                    for work in handle.takeAll() { work(self) }
                    continue
                }
                // A handler removed earlier in this batch gets no further events.
                guard let handler = handlers[token >> 8] else { continue }
                handler.handle(events: events[i], tag: UInt8(truncatingIfNeeded: token))
            }
        }
        let now = ContinuousClock.now
        if now - lastTick >= Self.tickInterval {
            lastTick = now
            for handler in Array(handlers.values) { handler.tick(now: now) }
        }
        if stopping {
            if handlers.isEmpty { return true }
            if let deadline = drainDeadline, now >= deadline {
                handlers.removeAll()   // deinit closes every descriptor
                return true
            }
        }
        return false
    }
}
