import Glibc
import Testing
@testable import SluiceRuntime

/// epoll read interest: EPOLLIN of <sys/epoll.h> (the Glibc module does not export the epoll constants).
private let readable: UInt32 = 0x001

/// A connected pair of non-blocking Unix stream sockets: `origin` is the test's end, `proxy` the pool's.
private func makePair() throws -> (origin: Int32, proxy: Int32) {
    var fds: [Int32] = [0, 0]
    let result = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds)
    try #require(result == 0)
    return (fds[0], fds[1])
}

/// A parked connection stays registered with epoll under its own handler: parking and taking it back cost
/// no registration change, and an origin closing it while idle removes it from the pool at once.
@Suite struct UpstreamPoolTests {
    private func parked(_ loop: EventLoop, key: String) throws -> (origin: Int32, connection: UpstreamConnection) {
        let pair = try makePair()
        let connection = UpstreamConnection(fd: FileDescriptor(takingOwnership: pair.proxy), key: key)
        connection.connected = true
        #expect(connection.register(with: loop, events: readable))
        #expect(loop.upstreams.put(connection))
        return (pair.origin, connection)
    }

    @Test("a parked connection is taken back alive, without changing its registration")
    func takeBack() throws {
        let loop = try EventLoop(index: 0)
        let (origin, connection) = try parked(loop, key: "a:80")
        defer { close(origin) }
        let handlers = loop.connectionCount
        _ = loop.runOnce(timeoutMs: 0)   // nothing to read: stays parked
        let taken = loop.upstreams.take("a:80")
        #expect(taken === connection)
        #expect(taken?.reused == true)
        #expect(taken?.interest == readable)
        #expect(loop.connectionCount == handlers)   // still registered, now for its new owner
        #expect(loop.upstreams.take("a:80") == nil)
        taken?.close()
        #expect(loop.connectionCount == handlers - 1)
    }

    @Test("an origin closing an idle connection evicts it on the next loop turn")
    func evictOnClose() throws {
        let loop = try EventLoop(index: 0)
        let (origin, connection) = try parked(loop, key: "b:80")
        let (other, _) = try parked(loop, key: "b:80")
        defer { close(other) }
        close(origin)
        for _ in 0..<100 where connection.fd.isOpen { _ = loop.runOnce(timeoutMs: 10) }
        #expect(!connection.fd.isOpen)
        // The other connection to the same origin is untouched and still comes back.
        let taken = loop.upstreams.take("b:80")
        #expect(taken != nil && taken !== connection)
        #expect(loop.upstreams.take("b:80") == nil)
    }

    @Test("a connection with unread bytes or unsent output is not parked")
    func refusesDirty() throws {
        let loop = try EventLoop(index: 0)
        let pair = try makePair()
        defer { close(pair.origin) }
        let connection = UpstreamConnection(fd: FileDescriptor(takingOwnership: pair.proxy), key: "c:80")
        #expect(connection.register(with: loop, events: readable))
        connection.inbuf.append([1, 2, 3])
        #expect(!loop.upstreams.put(connection))
        connection.inbuf.consume(3)
        connection.outbuf.append([4])
        #expect(!loop.upstreams.put(connection))
        connection.close()
    }

    @Test("the pool keeps at most maxPerKey idle connections per origin")
    func bounded() throws {
        let loop = try EventLoop(index: 0)
        loop.upstreams.maxPerKey = 2
        var origins: [Int32] = []
        defer { origins.forEach { close($0) } }
        var kept = 0
        for _ in 0..<4 {
            let pair = try makePair()
            origins.append(pair.origin)
            let connection = UpstreamConnection(fd: FileDescriptor(takingOwnership: pair.proxy), key: "d:80")
            #expect(connection.register(with: loop, events: readable))
            if loop.upstreams.put(connection) { kept += 1 } else { connection.close() }
        }
        #expect(kept == 2)
    }
}
