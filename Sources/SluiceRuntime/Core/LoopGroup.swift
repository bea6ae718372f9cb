import CSluice
import Dispatch
import Foundation

/// Moves a freshly built loop to the thread that will own it.
private struct LoopTransfer: @unchecked Sendable {
    let loop: EventLoop
}
// Safe: the main thread builds each loop and its listeners, then hands it to exactly one thread
// before that thread starts; the main thread never touches the loop again except through its
// `LoopHandle`, which is Sendable.

/// One event loop per worker thread, each with its own SO_REUSEPORT listener per address.
public final class LoopGroup: Sendable {
    private let handles: [LoopHandle]
    private let finished: DispatchGroup
    /// The addresses actually bound (port 0 replaced by the chosen port).
    public let boundAddresses: [SocketAddress]

    /// Binds every listener on every loop; throws before any thread starts if an address is unusable.
    public init(context: ProxyContext) throws(SystemError) {
        let configuration = context.configuration
        var loops: [EventLoop] = []
        var bound: [SocketAddress] = []
        for index in 0..<max(1, configuration.workers) {
            let loop = try EventLoop(index: index)
            for (n, requested) in configuration.listen.enumerated() {
                // The first loop may bind port 0; the others join the port it got.
                let address = index == 0 ? requested : bound[n]
                let listener = try Listener(address: address, loop: loop, context: context)
                if index == 0 {
                    bound.append(SocketAddress(ip: requested.host, port: listener.boundPort) ?? requested)
                }
                try listener.start()
            }
            loop.upstreams.maxPerKey = configuration.maxIdlePerHost
            loops.append(loop)
        }
        boundAddresses = bound
        handles = loops.map(\.handle)
        finished = DispatchGroup()
        for loop in loops {
            let transfer = LoopTransfer(loop: loop)
            finished.enter()
            let thread = Thread { [finished] in
                transfer.loop.run()
                finished.leave()
            }
            thread.name = "sluice-loop-\(loop.index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Stops accepting, lets in-flight exchanges finish until `drain` has passed, and waits for every loop.
    public func shutdown(drain: Duration) {
        let deadline = ContinuousClock.now + drain
        for handle in handles {
            handle.execute { loop in loop.beginShutdown(deadline: deadline) }
        }
        finished.wait()
    }
}
