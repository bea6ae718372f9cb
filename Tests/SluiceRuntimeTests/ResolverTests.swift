import Foundation
import Synchronization
import Testing
@testable import SluiceRuntime

@Suite struct ResolverTests {
    private func resolve(_ resolver: Resolver, _ host: String) -> Result<[SocketAddress], ResolveError> {
        let box = Mutex<Result<[SocketAddress], ResolveError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        resolver.resolve(host: host, port: 80) { result in
            box.withLock { $0 = result }
            done.signal()
        }
        _ = done.wait(timeout: .now() + 10)
        return box.withLock { $0! }
    }

    @Test("IP literals answer without a lookup")
    func literals() throws {
        let resolver = Resolver(threads: 1)
        let v4 = try resolve(resolver, "127.0.0.1").get()
        #expect(v4.map(\.description) == ["127.0.0.1:80"])
        let v6 = try resolve(resolver, "::1").get()
        #expect(v6.map(\.description) == ["[::1]:80"])
    }

    @Test("RFC 6761 .invalid names fail without a query")
    func invalidNames() {
        let resolver = Resolver(threads: 1)
        guard case .failure(let error) = resolve(resolver, "no-such-host.invalid") else {
            Issue.record("resolved a .invalid name")
            return
        }
        #expect(error.reason.contains("RFC 6761"))
    }

    @Test("localhost resolves through getaddrinfo on a resolver thread")
    func localhost() throws {
        let resolver = Resolver(threads: 1)
        let addresses = try resolve(resolver, "localhost").get()
        #expect(addresses.contains { $0.host == "127.0.0.1" || $0.host == "::1" })
    }
}
