import Foundation
import SluiceAudit
import Testing
@testable import SluiceRuntime
#if canImport(Glibc)
import Glibc
#endif

/// A loopback listener on port 0 that the test owns: UDP datagrams or one accepted TCP stream.
final class LoopbackCollector {
    let fd: Int32
    let port: Int

    init(udp: Bool) throws {
        let sock = socket(AF_INET, Int32(udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        if !udp { _ = listen(sock, 4) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &length) } }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)  // bounded waits: a missing message fails the test, never hangs it
        setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        fd = sock
        port = Int(UInt16(bigEndian: addr.sin_port))
        try #require(bound == 0)
    }

    deinit { close(fd) }

    func receiveDatagram() -> String? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : nil
    }

    /// Accepts one connection and reads until `count` octet-counted frames (RFC 6587) have arrived.
    func receiveFrames(_ count: Int) -> [String] {
        let client = accept(fd, nil, nil)
        guard client >= 0 else { return [] }
        defer { close(client) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var bytes: [UInt8] = []
        var frames: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while frames.count < count {
            while let space = bytes.firstIndex(of: 0x20), let length = Int(String(decoding: bytes[..<space], as: UTF8.self)),
                  bytes.count >= space + 1 + length {
                frames.append(String(decoding: bytes[(space + 1)..<(space + 1 + length)], as: UTF8.self))
                bytes.removeFirst(space + 1 + length)
            }
            if frames.count >= count { break }
            let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        return frames
    }
}

/// Audit lines reach a real collector over loopback, framed per RFC 5424 / 5426 / 6587.
struct SyslogSenderTests {
    let record = AuditRecord(time: Date(timeIntervalSince1970: 1_795_000_000), id: "r-77", event: "connect", client: "10.0.0.9",
                             user: "bob", method: "CONNECT", host: "chat.deepseek.com", port: 443, action: "block", rule: "ban-deepseek", status: 403)

    @Test func udpDatagramCarriesOneRFC5424Message() throws {
        let collector = try LoopbackCollector(udp: true)
        let sender = SyslogSender(target: SyslogTarget(host: "127.0.0.1", port: collector.port, transport: .udp), hostname: "proxy-1")
        sender.write(record, line: #"{"seq":1,"id":"r-77"}"#)
        let message = try #require(collector.receiveDatagram())
        #expect(message.hasPrefix("<108>1 2026-11-18T11:06:40.000Z proxy-1 sluice "))
        #expect(message.contains(#"[sluice@32473 id="r-77" client="10.0.0.9" user="bob" host="chat.deepseek.com" action="block""#))
        #expect(message.hasSuffix(#"] {"seq":1,"id":"r-77"}"#))
        #expect(sender.drain())
        #expect(sender.sent == 1)
        sender.close()
    }

    @Test func tcpStreamUsesOctetCountingAndKeepsOrder() throws {
        let collector = try LoopbackCollector(udp: false)
        let sender = SyslogSender(target: SyslogTarget(host: "localhost", port: collector.port, transport: .tcp), hostname: "proxy-1")
        for i in 0..<3 { sender.write(record, line: #"{"seq":\#(i)}"#) }
        let frames = collector.receiveFrames(3)
        #expect(frames.count == 3)
        for (i, frame) in frames.enumerated() {
            #expect(frame.hasPrefix("<108>1 "))
            #expect(frame.hasSuffix(#"{"seq":\#(i)}"#))
        }
        sender.close()
    }

    @Test func unreachableCollectorIsReportedAndNeverBlocksTheWriter() throws {
        let collector = try LoopbackCollector(udp: false)
        let port = collector.port
        _ = consume collector  // closed: the port now refuses connections
        let alerts = LockedBox()
        let sender = SyslogSender(target: SyslogTarget(host: "127.0.0.1", port: port, transport: .tcp), hostname: "p",
                                  retryDelay: 60, alert: { alerts.set($0) })
        let start = Date()
        for _ in 0..<100 { sender.write(record, line: "{}") }
        #expect(Date().timeIntervalSince(start) < 0.5)
        #expect(sender.drain())
        #expect(sender.dropped == 100)
        #expect(sender.lastError?.contains("Connection refused") == true)
        #expect(alerts.value?.hasPrefix("syslog: connect to 127.0.0.1") == true)
        sender.close()
    }
}

/// One string shared with the sender's thread.
final class LockedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: String?
    var value: String? { lock.withLock { _value } }
    func set(_ v: String) { lock.withLock { _value = v } }
}
