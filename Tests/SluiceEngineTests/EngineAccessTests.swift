import Foundation
import Testing
@testable import SluiceEngine
import SluicePolicy

private func basic(_ user: String, _ password: String) -> String {
    "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
}

private let authYAML = Engine.sampleYAML.replacingOccurrences(of: "never_inspect:", with: "auth: {realm: Office Proxy, users_file: users.txt}\nnever_inspect:")
    + "\n  - name: finance-no-chatgpt\n    action: deny\n    groups: [finance]\n    domains: [example.org]\n"

private let users = UserStore(users: [
    UserStore.User(name: "alice", hash: try! PasswordHash.make(password: "wonderland", rounds: 1_000), groups: ["finance"]),
])

/// Addresses outside allowed_clients get 403 whatever they ask for.
@Test(arguments: ["192.168.1.5", "8.8.8.8", "::2", "not-an-ip", "", "[::ffff:192.168.1.5]"])
func refusesClientsOutsideTheACL(client: String) throws {
    let decision = Engine.make().decide(.get("http://example.com/", client: client))
    #expect(decision.status == 403)
    #expect(decision.verdict?.rule == "allowed_clients")
}

@Test(arguments: ["127.0.0.1", "::1", "10.1.2.3", "::ffff:10.0.0.1", "[::1]"])
func acceptsClientsInsideTheACL(client: String) {
    #expect(Engine.make().decide(.get("http://example.com/", client: client)).status == nil)
}

@Test func missingCredentialsGet407WithRealm() throws {
    let engine = Engine.make(authYAML, users: users)
    let response = try #require(engine.decide(.get("http://example.com/")).response)
    #expect(response.status == 407)
    #expect(response.header("Proxy-Authenticate") == "Basic realm=\"Office Proxy\", charset=\"UTF-8\"")
    let connect = try #require(engine.decide(.connect("example.com:443")).response)
    #expect(connect.status == 407)
}

@Test(arguments: [basic("alice", "wrong"), basic("bob", "wonderland"), "Basic", "Digest x", basic("alice", "wonderland ")])
func badCredentialsGet407(header: String) {
    let engine = Engine.make(authYAML, users: users)
    #expect(engine.decide(.get("http://example.com/", auth: header)).status == 407)
}

@Test func goodCredentialsPutTheUserInTheVerdict() throws {
    let engine = Engine.make(authYAML, users: users)
    guard case let .forward(verdict) = engine.decide(.get("http://example.com/", auth: basic("alice", "wonderland"))) else {
        Issue.record("expected forward")
        return
    }
    #expect(verdict.user == "alice")
    let denied = engine.decide(.get("http://example.org/", auth: basic("alice", "wonderland")))
    #expect(denied.status == 403)
    #expect(denied.verdict?.rule == "finance-no-chatgpt")
    #expect(users.cachedCredentials == 1)
}

@Test func innerRequestsInheritTheTunnelUser() throws {
    let engine = Engine.make(authYAML, users: users)
    let inner = EngineRequest(method: "GET", target: "/", tunnelAuthority: "example.org:443", authenticatedUser: "alice")
    #expect(engine.decide(inner).verdict?.rule == "finance-no-chatgpt")
}

@Test func authWithoutAUsersFileRefusesEveryone() {
    let engine = Engine.make(authYAML, users: nil)
    #expect(engine.decide(.get("http://example.com/", auth: basic("alice", "wonderland"))).status == 407)
}
