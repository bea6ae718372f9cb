import Foundation
import Testing
@testable import SluiceTLS

/// Numbers for docs/tls.md; run with `SLUICE_TLS_BENCH=1 swift test --filter TLSBenchmark`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["SLUICE_TLS_BENCH"] != nil))
struct TLSBenchmarkTests {
    static func measure(_ label: String, iterations: Int, _ body: () throws -> Void) rethrows {
        let clock = ContinuousClock()
        let elapsed = try clock.measure { for _ in 0..<iterations { try body() } }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "BENCH %@: %.3f ms each, %.0f per second", label, seconds * 1000 / Double(iterations), Double(iterations) / seconds))
    }

    static func residentBytes() -> Int {
        let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
    }

    @Test func leafMinting() throws {
        let (authority, _) = try CertificateAuthority.make()
        let shared = try PrivateKey.generateP256()
        var counter = 0
        try Self.measure("mint leaf, shared key", iterations: 2000) {
            counter += 1
            _ = try authority.mintLeaf(for: .dns("host\(counter).example.com"), key: shared)
        }
        try Self.measure("mint leaf, fresh key", iterations: 2000) {
            counter += 1
            _ = try authority.mintLeaf(for: .dns("host\(counter).example.com"), key: try PrivateKey.generateP256())
        }
        let context = try TLSServerContext(authority: authority, leafCacheSize: 5000)
        let before = Self.residentBytes()
        for index in 0..<5000 { _ = try context.leaf(for: "cached\(index).example.com") }
        print("BENCH leaf cache memory: \((Self.residentBytes() - before) / 5000) bytes per cached leaf")
        try Self.measure("P-256 key generation", iterations: 2000) { _ = try PrivateKey.generateP256() }
    }

    @Test func handshakesWithAWarmCache() throws {
        let (authority, directory) = try CertificateAuthority.make()
        let serverContext = try TLSServerContext(authority: authority)
        let clientContext = try TLSClientContext(
            extraTrustPEMFile: directory + "/ca.pem", alpnProtocols: ["http/1.1"], useSystemTrust: false, onlyTLS12: false)
        _ = try serverContext.leaf(for: "chat.example.com")
        try Self.measure("handshake server+client in memory (TLS 1.3, warm cache)", iterations: 1000) {
            let pair = SessionPair(
                client: try TLSSession.client(context: clientContext, serverName: "chat.example.com"),
                server: try TLSSession.server(context: serverContext, hostName: "chat.example.com"),
                authority: authority, serverContext: serverContext)
            try pair.handshake()
        }
        let tls12Client = try TLSClientContext(
            extraTrustPEMFile: directory + "/ca.pem", alpnProtocols: ["http/1.1"], useSystemTrust: false, onlyTLS12: true)
        try Self.measure("handshake server+client in memory (TLS 1.2, warm cache)", iterations: 1000) {
            let pair = SessionPair(
                client: try TLSSession.client(context: tls12Client, serverName: "chat.example.com"),
                server: try TLSSession.server(context: serverContext, hostName: "chat.example.com"),
                authority: authority, serverContext: serverContext)
            try pair.handshake()
        }
        var counter = 0
        try Self.measure("handshake server+client in memory (TLS 1.3, cold cache: mint per host)", iterations: 1000) {
            counter += 1
            let host = "host\(counter).example.com"
            let pair = SessionPair(
                client: try TLSSession.client(context: clientContext, serverName: host),
                server: try TLSSession.server(context: serverContext, hostName: host),
                authority: authority, serverContext: serverContext)
            try pair.handshake()
        }
        var idle: [SessionPair] = []
        let before = Self.residentBytes()
        for _ in 0..<1000 {
            let pair = SessionPair(
                client: try TLSSession.client(context: clientContext, serverName: "chat.example.com"),
                server: try TLSSession.server(context: serverContext, hostName: "chat.example.com"),
                authority: authority, serverContext: serverContext)
            try pair.handshake()
            _ = try pair.send(Array("ping".utf8), from: pair.client, to: pair.server)
            idle.append(pair)
        }
        print("BENCH idle established session pair: \((Self.residentBytes() - before) / 1000) bytes (client + server)")
        idle.removeAll()
        let payload = [UInt8](repeating: 0x61, count: 1 << 20)
        let pair = try SessionPair.make()
        try pair.handshake()
        try Self.measure("1 MiB client to server (encrypt + decrypt)", iterations: 20) {
            _ = try pair.send(payload, from: pair.client, to: pair.server)
        }
        try Self.measure("1 MiB encrypt only (write + takeOutput)", iterations: 20) {
            try pair.client.write(payload)
            _ = pair.client.takeOutput()
        }
    }
}
