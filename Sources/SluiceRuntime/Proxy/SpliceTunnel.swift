import CSluice
import Glibc

/// Moves bytes both ways between two sockets (CONNECT tunnels, WebSocket upgrades) with splice(2) through
/// a pipe, falling back to read/write when the kernel refuses to splice. Half-close is passed on: EOF from
/// one side becomes shutdown(SHUT_WR) on the other once what was in flight has been delivered.
final class SpliceTunnel: EventHandler {
    /// One direction of the tunnel.
    private struct Flow {
        var pipe: Pipe?
        var pending = ByteQueue()    // bytes to deliver first (leftovers of the HTTP exchange) or copied by the fallback
        var eof = false              // the source sent FIN
        var shutDown = false         // FIN passed on to the sink
        var bytes: Int64 = 0
        var useCopy = false
    }

    private static let chunk = 1 << 16
    private let loop: EventLoop
    private let idleTimeout: Duration
    private let client: FileDescriptor
    private let upstream: FileDescriptor
    private var id: UInt64 = 0
    private var up = Flow()       // client → upstream
    private var down = Flow()     // upstream → client
    private var interest: [UInt32] = [0, 0]
    private var lastActivity = ContinuousClock.now
    private var closed = false
    private let onClose: (Int64, Int64, String?) -> Void

    init(loop: EventLoop, client: FileDescriptor, upstream: FileDescriptor, idleTimeout: Duration,
         toUpstream: [UInt8], toClient: [UInt8], onClose: @escaping (_ up: Int64, _ down: Int64, _ error: String?) -> Void) {
        self.loop = loop
        self.idleTimeout = idleTimeout
        self.client = client
        self.upstream = upstream
        self.onClose = onClose
        up.pending.append(toUpstream)
        down.pending.append(toClient)
    }

    func start() {
        id = loop.add(self)
        do {
            try loop.watch(client.raw, events: 0, id: id, tag: 0)
            try loop.watch(upstream.raw, events: 0, id: id, tag: 1)
        } catch {
            finish(error: "\(error)")
            return
        }
        pump()
    }

    func handle(events: UInt32, tag: UInt8) {
        lastActivity = .now
        if events & UInt32(CSL_EPOLLERR) != 0 {
            let fd = tag == 0 ? client.raw : upstream.raw
            let err = csl_socket_error(fd)
            finish(error: err < 0 ? SystemError("tunnel", errno: -err).description : nil)
            return
        }
        pump()
    }

    /// Moves whatever can move now in both directions, then sets the epoll interest for what is left.
    private func pump() {
        if closed { return }
        do {
            try move(&up, from: client.raw, to: upstream.raw)
            try move(&down, from: upstream.raw, to: client.raw)
        } catch {
            finish(error: error.errno == ECONNRESET || error.errno == EPIPE ? nil : error.description)
            return
        }
        if up.shutDown && down.shutDown {
            finish(error: nil)
            return
        }
        setInterest(tag: 0, fd: client.raw, read: wantsRead(up), write: hasOutput(down))
        setInterest(tag: 1, fd: upstream.raw, read: wantsRead(down), write: hasOutput(up))
    }

    private func wantsRead(_ flow: Flow) -> Bool { !flow.eof && flow.pending.isEmpty && (flow.pipe?.buffered ?? 0) == 0 }
    private func hasOutput(_ flow: Flow) -> Bool { !flow.pending.isEmpty || (flow.pipe?.buffered ?? 0) > 0 }

    private func setInterest(tag: UInt8, fd: Int32, read: Bool, write: Bool) {
        let events = (read ? UInt32(CSL_EPOLLIN) : 0) | (write ? UInt32(CSL_EPOLLOUT) : 0)
        if interest[Int(tag)] != events {
            interest[Int(tag)] = events
            loop.change(fd, events: events, id: id, tag: tag)
        }
    }

    /// One direction: deliver pending bytes, then splice (or copy) until the source is empty or the sink full.
    private func move(_ flow: inout Flow, from source: Int32, to sink: Int32) throws(SystemError) {
        while true {
            // 1. Deliver what is already held.
            if !flow.pending.isEmpty {
                let n = flow.pending.readable.withUnsafeBytes { csl_write(sink, $0.baseAddress, $0.count) }
                if n == -Int(EAGAIN) { return }
                flow.bytes += Int64(try SystemError.check(n, "write"))
                flow.pending.consume(n)
                continue
            }
            if let pipe = flow.pipe, pipe.buffered > 0 {
                let n = csl_splice(pipe.readEnd.raw, sink, pipe.buffered)
                if n == -Int(EAGAIN) { return }
                pipe.buffered -= try SystemError.check(n, "splice(pipe→socket)")
                flow.bytes += Int64(n)
                continue
            }
            if let pipe = flow.pipe {          // empty again: back to the loop's pool
                loop.pipes.give(pipe)
                flow.pipe = nil
            }
            // 2. Nothing held: read more, unless the source is done.
            if flow.eof {
                if !flow.shutDown {
                    flow.shutDown = true
                    _ = csl_shutdown_write(sink)
                }
                return
            }
            if flow.useCopy {
                let n = loop.readBuffer.withUnsafeMutableBytes { csl_read(source, $0.baseAddress, $0.count) }
                if n == -Int(EAGAIN) { return }
                let got = try SystemError.check(n, "read")
                if got == 0 { flow.eof = true; continue }
                flow.pending.append(loop.readBuffer[0..<got])
                continue
            }
            let pipe = try loop.pipes.take()
            let n = csl_splice(source, pipe.writeEnd.raw, Pipe.capacity)
            if n == -Int(EAGAIN) { loop.pipes.give(pipe); return }
            if n == -Int(EINVAL) || n == -Int(ENOSYS) {   // not spliceable here: copy instead
                loop.pipes.give(pipe)
                flow.useCopy = true
                continue
            }
            let got: Int
            do { got = try SystemError.check(n, "splice(socket→pipe)") } catch { loop.pipes.give(pipe); throw error }
            if got == 0 { loop.pipes.give(pipe); flow.eof = true; continue }
            pipe.buffered = got
            flow.pipe = pipe
        }
    }

    func tick(now: ContinuousClock.Instant) {
        if now - lastActivity > idleTimeout { finish(error: "idle timeout") }
    }

    func drain(deadline: ContinuousClock.Instant) {
        // Tunnels carry opaque bytes; they are allowed to run until the drain deadline closes them.
    }

    private func finish(error: String?) {
        if closed { return }
        closed = true
        loop.unwatch(client.raw)
        loop.unwatch(upstream.raw)
        // Pipes with bytes still in them are dropped, not pooled.
        up.pipe = nil
        down.pipe = nil
        client.close()
        upstream.close()
        loop.remove(id)
        onClose(up.bytes, down.bytes, error)
    }
}
