import Testing
@testable import SluicePolicy

/// Authorities as they appear in URIs and CONNECT lines.
@Test(arguments: [
    ("user@evil.com@chat.deepseek.com", "chat.deepseek.com", nil as Int?),
    ("user:pass@DeepSeek.com:8443", "deepseek.com", 8443),
    ("[::1]:8080", "::1", 8080),
    ("[::1]", "::1", nil),
    ("example.com:", "example.com", nil),
    ("127.1:80", "127.0.0.1", 80),
    ("chat.deepseek.com.:443", "chat.deepseek.com", 443),
])
func parsesAuthority(input: String, host: String, port: Int?) throws {
    let authority = try Authority.parse(input)
    #expect(authority.host.text == host)
    #expect(authority.port == port)
}

@Test(arguments: [
    ("example.com:0", HostError.Code.badPort),
    ("example.com:65536", .badPort),
    ("example.com:80a", .badPort),
    ("example.com:+80", .badPort),
    ("::1:80", .badAuthority),
    ("[::1]80", .badAuthority),
    ("example.com/path", .badCharacter),
    ("exa mple.com", .badCharacter),
    ("@", .empty),
])
func refusesAuthority(input: String, code: HostError.Code) {
    #expect(throws: HostError(code, input)) { try Authority.parse(input) }
}

@Test func userinfoCanBeForbidden() {
    #expect(throws: HostError(.badAuthority, "")) { try Authority.parse("a@b.com:443", allowUserinfo: false) }
}

@Test(arguments: [
    ("/a/b", "/a/b"), ("", "/"), ("/a/../m365Copilot/x", "/m365Copilot/x"), ("/%6d365Copilot/", "/m365Copilot/"),
    ("/./a/./b/.", "/a/b/"), ("/a?x=/..", "/a"), ("/a%2Fb", "/a%2Fb"), ("/../../etc", "/etc"),
])
func normalisesPath(input: String, expected: String) {
    #expect(PathNormalizer.normalize(input) == expected)
}
