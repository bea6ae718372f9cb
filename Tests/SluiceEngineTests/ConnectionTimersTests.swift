import Testing
import SluiceEngine

/// The deadline rules on plain instants: no sockets, no sleeps, no clock but the one the test moves.
@Suite struct ConnectionTimersTests {
    let timers = ConnectionTimers(headerRead: .seconds(10), clientIdle: .seconds(60), connect: .seconds(5),
                                  upstreamResponse: .seconds(30), streamIdle: .seconds(300))
    let t0 = ContinuousClock.now

    func state(_ stage: ConnectionStage, activity: Duration = .zero, head: Duration? = nil, stage started: Duration = .zero,
               exchange: Bool = false, awaiting: Bool = false) -> ConnectionTimers.State {
        ConnectionTimers.State(stage: stage, lastActivity: t0 + activity, headStarted: head.map { t0 + $0 },
                               stageStarted: t0 + started, hasExchange: exchange, awaitingResponse: awaiting)
    }

    @Test("a head that trickles in longer than headerRead gets 408, however recent its last byte (slowloris)")
    func slowloris() {
        let trickling = state(.idle, activity: .seconds(10), head: .zero)
        #expect(timers.check(trickling, now: t0 + .seconds(9)) == .none)
        guard case .respond(let status, _, _, let note) = timers.check(trickling, now: t0 + .milliseconds(10_001)) else {
            Issue.record("expected a response")
            return
        }
        #expect(status == 408)
        #expect(note == "header read timeout")
    }

    @Test("an idle keep-alive connection closes silently after clientIdle, not while a request is in progress")
    func idleKeepAlive() {
        #expect(timers.check(state(.idle), now: t0 + .seconds(60)) == .none)
        #expect(timers.check(state(.idle), now: t0 + .seconds(61)) == .close)
        #expect(timers.check(state(.idle, exchange: true), now: t0 + .seconds(61)) == .none)
    }

    @Test("a body being inspected must keep arriving: 408 once it stalls for headerRead")
    func stalledBody() {
        let inspecting = state(.inspecting, activity: .seconds(20))
        #expect(timers.check(inspecting, now: t0 + .seconds(30)) == .none)
        guard case .respond(408, _, _, "body read timeout") = timers.check(inspecting, now: t0 + .seconds(31)) else {
            Issue.record("expected 408")
            return
        }
    }

    @Test("connect and first-answer deadlines give 504; they count from their stage's start, not from activity")
    func gatewayTimeouts() {
        let connecting = state(.connecting, activity: .seconds(100), stage: .zero)
        guard case .respond(504, _, _, "upstream connect timeout") = timers.check(connecting, now: t0 + .seconds(6)) else {
            Issue.record("expected a connect 504")
            return
        }
        let waiting = state(.exchanging, activity: .seconds(100), stage: .zero, exchange: true, awaiting: true)
        #expect(timers.check(waiting, now: t0 + .seconds(30)) == .none)
        guard case .respond(504, _, _, "upstream response timeout") = timers.check(waiting, now: t0 + .seconds(31)) else {
            Issue.record("expected a response 504")
            return
        }
        // Streaming (the head arrived): no first-answer deadline, only the idle one.
        let streaming = state(.exchanging, activity: .seconds(100), stage: .zero, exchange: true, awaiting: false)
        #expect(timers.check(streaming, now: t0 + .seconds(31)) == .none)
    }

    @Test("a stream with no bytes either way for streamIdle is cut, since its status line is already out")
    func streamIdle() {
        let streaming = state(.exchanging, activity: .seconds(1), exchange: true)
        #expect(timers.check(streaming, now: t0 + .seconds(301)) == .none)
        #expect(timers.check(streaming, now: t0 + .seconds(302)) == .abort(note: "stream idle timeout"))
    }

    @Test("a closing connection whose client stops reading is dropped after the grace period")
    func closingGrace() {
        #expect(timers.check(state(.closing), now: t0 + .seconds(5)) == .none)
        #expect(timers.check(state(.closing), now: t0 + .seconds(6)) == .close)
    }
}
