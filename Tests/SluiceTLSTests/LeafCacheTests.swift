import Foundation
import Testing
@testable import SluiceTLS

@Test func leafCacheEvictsInLeastRecentlyUsedOrder() throws {
    let (authority, _) = try CertificateAuthority.make()
    let key = try PrivateKey.generateP256()
    func leaf(_ name: String) throws -> LeafCertificate {
        let host = LeafHost.dns(name)
        return LeafCertificate(
            host: host, certificate: try authority.mintLeaf(for: host, key: key), key: key, renewAfter: .distantFuture)
    }
    var cache = LeafCache(capacity: 3)
    for name in ["a", "b", "c"] { cache.insert(try leaf(name)) }
    #expect(cache.leaf(for: .dns("a")) != nil)       // order, newest first: a c b
    cache.insert(try leaf("d"))                       // evicts b
    #expect(cache.leaf(for: .dns("b")) == nil)
    cache.insert(try leaf("e"))                       // evicts c
    #expect(cache.leaf(for: .dns("c")) == nil)
    #expect(cache.count == 3)
    for name in ["a", "d", "e"] { #expect(cache.leaf(for: .dns(name)) != nil) }
    let replacement = try leaf("a")
    cache.insert(replacement)
    #expect(cache.leaf(for: .dns("a")) === replacement)
    #expect(cache.count == 3)
}
