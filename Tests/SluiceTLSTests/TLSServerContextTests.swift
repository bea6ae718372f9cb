import Foundation
import Synchronization
import Testing
@testable import SluiceTLS

/// Each leaf carries what Python 3.13's strict verifier demands: SAN, AKI, SKI, digitalSignature, serverAuth.
@Test(arguments: [
    ("chat.deepseek.com", ["DNS:chat.deepseek.com"]),
    ("API.OpenAI.com.", ["DNS:api.openai.com"]),
    ("127.0.0.1", ["IP:127.0.0.1"]),
    ("[2001:db8::1]", ["IP:2001:db8:0:0:0:0:0:1"]),
])
func leafHasTheStrictServerProfile(_ host: String, _ expectedNames: [String]) throws {
    let (authority, _) = try CertificateAuthority.make()
    let context = try TLSServerContext(authority: authority)
    let leaf = try context.leaf(for: host)
    let summary = try CertificateSummary(leaf.certificate)
    #expect(summary.subjectAltNames == expectedNames)
    #expect(summary.hasAuthorityKeyIdentifier)
    #expect(summary.hasSubjectKeyIdentifier)
    #expect(summary.allowsDigitalSignature)
    #expect(!summary.allowsCertificateSigning)
    #expect(summary.allowsServerAuth)
    #expect(!summary.isCA)
    #expect(summary.serialBits >= 64)
    #expect(summary.issuer == authority.subject)
    let now = Date()
    #expect(abs(summary.notBefore.timeIntervalSince(now.addingTimeInterval(-3600))) < 120)
    #expect(abs(summary.notAfter.timeIntervalSince(now.addingTimeInterval(7 * 24 * 3600))) < 120)
}

@Test func secondHandshakeForAHostReusesTheCachedLeaf() throws {
    let (authority, _) = try CertificateAuthority.make()
    let context = try TLSServerContext(authority: authority)
    let first = try context.leaf(for: "chat.example.com")
    #expect(try context.leaf(for: "Chat.Example.com.") === first)
    #expect(try context.leaf(for: "other.example.com") !== first)
    #expect(context.cachedLeafCount == 2)
}

@Test func cacheIsBoundedAndEvictsTheLeastRecentlyUsedHost() throws {
    let (authority, _) = try CertificateAuthority.make()
    let context = try TLSServerContext(authority: authority, leafCacheSize: 2)
    let a = try context.leaf(for: "a.example")
    let b = try context.leaf(for: "b.example")
    #expect(try context.leaf(for: "a.example") === a)   // a is now the most recently used
    _ = try context.leaf(for: "c.example")              // evicts b
    #expect(context.cachedLeafCount == 2)
    #expect(try context.leaf(for: "a.example") === a)
    #expect(try context.leaf(for: "b.example") !== b)
}

@Test func leafNearExpiryIsMintedAgain() throws {
    let (authority, _) = try CertificateAuthority.make()
    let context = try TLSServerContext(authority: authority, leafCacheSize: 4, leafValidity: (-7200, -3600))
    let first = try context.leaf(for: "a.example")
    #expect(try context.leaf(for: "a.example") !== first)
}

@Test(arguments: [0, -1])
func emptyCacheSizeIsRefused(_ size: Int) throws {
    let (authority, _) = try CertificateAuthority.make()
    #expect(throws: TLSError(.configuration, "")) { try TLSServerContext(authority: authority, leafCacheSize: size) }
}

@Test(arguments: ["", "evil.com,DNS:bank.com", "*.example.com", "a b", "host:443", "bad\u{0}host"])
func serverSessionForAHostileHostIsRefused(_ host: String) throws {
    let (authority, _) = try CertificateAuthority.make()
    let context = try TLSServerContext(authority: authority)
    #expect(throws: TLSError(.certificate, "")) { try TLSSession.server(context: context, hostName: host) }
    #expect(context.cachedLeafCount == 0)
}

@Test func cacheServesManyThreadsAtOnce() throws {
    let (authority, _) = try CertificateAuthority.make()
    let context = try TLSServerContext(authority: authority, leafCacheSize: 8)
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 200) { index in
        do { _ = try context.leaf(for: "host\(index % 16).example") } catch { failures.withLock { $0 += 1 } }
    }
    #expect(failures.withLock { $0 } == 0)
    #expect(context.cachedLeafCount == 8)
}
