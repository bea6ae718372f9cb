import Glibc
import Testing
@testable import SluiceRuntime

/// A connected pair of non-blocking Unix stream sockets: `outer` is the test's end, `inner` the tunnel's.
private struct SocketPair {
    let outer: Int32
    let inner: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        let result = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds)
        try #require(result == 0)
        outer = fds[0]
        inner = fds[1]
    }
}

private func send(_ fd: Int32, _ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
}

/// Reads what is there now; nil on EOF.
private func receive(_ fd: Int32) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if n == 0 { return nil }
    return n < 0 ? [] : Array(buffer[0..<n])
}

@Suite struct SpliceTunnelTests {
    @Test("moves bytes both ways, delivers leftovers first, passes half-close on, reports byte counts")
    func tunnel() throws {
        let loop = try EventLoop(index: 0)
        let client = try SocketPair()
        let origin = try SocketPair()
        var closed: (Int64, Int64, String?)?
        let tunnel = SpliceTunnel(
            loop: loop, client: FileDescriptor(takingOwnership: client.inner), upstream: FileDescriptor(takingOwnership: origin.inner),
            idleTimeout: .seconds(60), toUpstream: Array("early:".utf8), toClient: Array("hello".utf8)) { up, down, error in
                closed = (up, down, error)
            }
        tunnel.start()
        defer { close(client.outer); close(origin.outer) }

        // Client → origin, with the leftover first; 4 MB to make the pipe fill and drain repeatedly.
        let payload = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var sent = 0
        var atOrigin: [UInt8] = []
        var atClient: [UInt8] = []
        for _ in 0..<100_000 where atOrigin.count < payload.count + 6 {
            if sent < payload.count {
                let n = send(client.outer, Array(payload[sent..<min(sent + 65_536, payload.count)]))
                if n > 0 { sent += n }
            }
            _ = loop.runOnce(timeoutMs: 10)
            atOrigin += receive(origin.outer) ?? []
            atClient += receive(client.outer) ?? []
        }
        #expect(atOrigin.count == payload.count + 6)
        #expect(Array(atOrigin.prefix(6)) == Array("early:".utf8))
        #expect(Array(atOrigin.dropFirst(6)) == payload)
        #expect(atClient == Array("hello".utf8))

        // Half-close from the client: the origin sees EOF but can still answer.
        shutdown(client.outer, Int32(SHUT_WR))
        var originSawEOF = false
        for _ in 0..<1000 where !originSawEOF {
            _ = loop.runOnce(timeoutMs: 10)
            originSawEOF = receive(origin.outer) == nil
        }
        #expect(originSawEOF)
        #expect(send(origin.outer, Array("late".utf8)) == 4)
        var late: [UInt8] = []
        for _ in 0..<1000 where late.count < 4 {
            _ = loop.runOnce(timeoutMs: 10)
            late += receive(client.outer) ?? []
        }
        #expect(late == Array("late".utf8))

        // The other half: the tunnel finishes and reports what it moved.
        shutdown(origin.outer, Int32(SHUT_WR))
        for _ in 0..<1000 where closed == nil { _ = loop.runOnce(timeoutMs: 10) }
        let (up, down, error) = try #require(closed)
        #expect(up == Int64(payload.count + 6))
        #expect(down == 9)
        #expect(error == nil)
        #expect(loop.connectionCount == 0)
    }
}
