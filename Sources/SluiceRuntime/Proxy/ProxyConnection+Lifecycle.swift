import CSluice
import SluiceEngine

/// The end of a client connection's life: deadlines on the loop's tick, graceful drain, close, and the
/// hand-over of both sockets to a tunnel.
extension ProxyConnection {
    func tick(now: ContinuousClock.Instant) {
        let stage: ConnectionStage
        switch phase {
        case .idle: stage = .idle
        case .inspecting: stage = .inspecting
        case .connecting: stage = .connecting
        case .exchanging: stage = .exchanging
        case .closing: stage = .closing
        case .closed: return
        }
        let state = ConnectionTimers.State(
            stage: stage, lastActivity: lastActivity, headStarted: headStarted, stageStarted: phaseStarted,
            hasExchange: exchange != nil,
            awaitingResponse: exchange.map { $0.response == nil && $0.requestDone } == true && upstream?.outbuf.isEmpty == true)
        switch context.timers.check(state, now: now) {
        case .none: break
        case .close: close()
        case .respond(let status, let title, let message, let note): fail(status: status, title: title, message: message, note: note)
        case .abort(let note): abort(note: note)
        }
    }

    func drain(deadline: ContinuousClock.Instant) {
        draining = true
        closeAfterResponse = true
        if phase == .idle, inbuf.isEmpty, exchange == nil { close() }
    }

    /// Closes both sides at once, without a response.
    func close() {
        guard phase != .closed else { return }
        phase = .closed
        releaseUpstream(reusable: false)
        client.close()   // leaves epoll with it
        loop.remove(id)
        context.stats.bump(context.stats.active, by: -1)
    }

    /// Hands both sockets to a tunnel; this connection object is done.
    func becomeTunnel(onClose: @escaping (Int64, Int64, String?) -> Void) {
        guard let connection = upstream else { return }
        upstream = nil
        connection.owner = nil
        connection.detach()
        loop.unwatch(client.raw)
        loop.remove(id)
        phase = .closed
        var toClient = outbuf.takeAll()
        toClient.append(contentsOf: connection.inbuf.takeAll())
        // The tunnel counts as the same active connection until it closes.
        let stats = context.stats
        let tunnel = SpliceTunnel(loop: loop, client: client, upstream: connection.fd,
                                  idleTimeout: context.configuration.timeouts.tunnelIdle,
                                  toUpstream: connection.outbuf.takeAll() + inbuf.takeAll(), toClient: toClient) { up, down, error in
            stats.bump(stats.active, by: -1)
            onClose(up, down, error)
        }
        tunnel.start()
    }
}
