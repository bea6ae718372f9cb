import Testing
@testable import SluiceTLS

/// Host names become certificate extensions: anything that is not a plain host is refused.
@Test(arguments: [
    "", ".", "a..b", "-a.com", "a-.com", "exa mple.com", "a,DNS:evil.com", "*.example.com", "a/b", "exa\u{0}mple.com",
    "café.com", String(repeating: "a", count: 64) + ".com", String(repeating: "a.", count: 127) + "com", "1.2.3.4:443",
])
func hostileHostNamesAreRefused(_ raw: String) {
    #expect(throws: TLSError(.certificate, "")) { try LeafHost(validating: raw) }
}

@Test(arguments: [
    ("Chat.DeepSeek.com.", LeafHost.dns("chat.deepseek.com")),
    ("api.openai.com", .dns("api.openai.com")),
    ("_dmarc.example.com", .dns("_dmarc.example.com")),
    ("127.0.0.1", .ip("127.0.0.1")),
    ("[::1]", .ip("::1")),
    ("2001:DB8:0:0:0:0:0:1", .ip("2001:db8::1")),
    ("1.2.3", .dns("1.2.3")),
])
func hostNamesAreNormalised(_ raw: String, _ expected: LeafHost) throws {
    #expect(try LeafHost(validating: raw) == expected)
}
