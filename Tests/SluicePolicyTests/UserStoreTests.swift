import Foundation
import Testing
@testable import SluicePolicy

private func basic(_ user: String, _ password: String) -> String {
    "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
}

@Test func hashVerifiesOnlyTheRightPassword() throws {
    let hash = try PasswordHash.make(password: "correct horse", rounds: 1_000)
    #expect(hash.verify("correct horse"))
    #expect(!hash.verify("correct horse "))
    #expect(!hash.verify(""))
    let reparsed = try #require(PasswordHash(encoded: hash.description))
    #expect(reparsed == hash)
    #expect(hash.description.hasPrefix("pbkdf2-sha256$1000$"))
    #expect(!hash.description.contains("correct"))
    #expect(try PasswordHash.make(password: "x", rounds: 1_000).salt != hash.salt)
}

@Test func defaultRoundsMeetOWASP() throws {
    #expect(PasswordHash.defaultRounds >= 210_000)
}

@Test func authenticatesAndCachesByHeaderHash() throws {
    let store = UserStore(users: [UserStore.User(name: "alice", hash: try PasswordHash.make(password: "s3cret", rounds: 1_000), groups: ["staff"])])
    #expect(store.authenticate(proxyAuthorization: basic("alice", "wrong")) == nil)
    #expect(store.cachedCredentials == 0)
    #expect(store.authenticate(proxyAuthorization: basic("alice", "s3cret"))?.groups == ["staff"])
    #expect(store.cachedCredentials == 1)
    #expect(store.authenticate(proxyAuthorization: basic("alice", "s3cret"))?.name == "alice")
    #expect(store.cachedCredentials == 1)
    #expect(store.authenticate(proxyAuthorization: basic("mallory", "s3cret")) == nil)
}

@Test(arguments: ["", "Basic", "Basic !!!", "Bearer abc", "Basic " + Data("nocolon".utf8).base64EncodedString()])
func malformedCredentialsAreRefused(header: String) throws {
    let store = UserStore(users: [UserStore.User(name: "alice", hash: try PasswordHash.make(password: "p", rounds: 1_000))])
    #expect(store.authenticate(proxyAuthorization: header) == nil)
}

@Test func cacheIsBounded() {
    let cache = CredentialCache(capacity: 3)
    for index in 0..<10 { cache.remember("header\(index)", user: "u\(index)") }
    #expect(cache.count == 3)
    #expect(cache.user(for: "header9") == "u9")
    #expect(cache.user(for: "header0") == nil)
}

@Test func usersFileRoundTripsAndReportsBadLines() throws {
    let user = UserStore.User(name: "bob", hash: try PasswordHash.make(password: "pw", rounds: 1_000), groups: ["a", "b"])
    let parsed = try UserStore.parse("# comment\n\n\(user.line)\n")
    #expect(parsed == [user])
    #expect(throws: UserStoreError(.badLine, "")) { try UserStore.parse("bob:onlytwo") }
    #expect(throws: UserStoreError(.badHash, "")) { try UserStore.parse("bob:plaintext:") }
    #expect(throws: UserStoreError(.badName, "")) { try UserStore.parse("b b:\(user.hash):") }
    #expect(throws: UserStoreError(.duplicateUser, "")) { try UserStore.parse("\(user.line)\n\(user.line)") }
}

@Test func warnTokensDependOnEveryInput() {
    let signer = WarnTokenSigner(keyBytes: Array(repeating: 7, count: 32))
    let token = signer.token(principal: "10.0.0.1", host: "chat.openai.com", day: 20_000)
    #expect(token.count == 22)
    #expect(signer.verify(token, principal: "10.0.0.1", host: "chat.openai.com", day: 20_000))
    #expect(!signer.verify(token, principal: "10.0.0.2", host: "chat.openai.com", day: 20_000))
    #expect(!signer.verify(token, principal: "10.0.0.1", host: "openai.com", day: 20_000))
    #expect(!signer.verify(token, principal: "10.0.0.1", host: "chat.openai.com", day: 20_001))
    #expect(!WarnTokenSigner().verify(token, principal: "10.0.0.1", host: "chat.openai.com", day: 20_000))
}
