import Testing
@testable import SluicePolicy

/// Every spelling of a host that must collapse to one canonical name.
@Test(arguments: [
    ("DeepSeek.COM.", "deepseek.com"),
    ("chat.deepseek.com.", "chat.deepseek.com"),
    ("CHAT.DEEPSEEK.COM", "chat.deepseek.com"),
    ("ｄｅｅｐｓｅｅｋ．ｃｏｍ", "deepseek.com"),
    ("ｃｈａｔ。ｄｅｅｐｓｅｅｋ｡ｃｏｍ", "chat.deepseek.com"),
    ("ＤＥＥＰＳＥＥＫ．ＣＯＭ", "deepseek.com"),
    ("chat.deepseek.com%2e", "chat.deepseek.com"),
    ("chat%2Edeepseek%2ecom", "chat.deepseek.com"),
    ("%64eepseek.com", "deepseek.com"),
    ("bücher.de", "xn--bcher-kva.de"),
    ("XN--BCHER-KVA.de", "xn--bcher-kva.de"),
    ("münchen.de", "xn--mnchen-3ya.de"),
    ("例え.jp", "xn--r8jz45g.jp"),
    ("0x7f.1", "127.0.0.1"),
    ("2130706433", "127.0.0.1"),
    ("127.1", "127.0.0.1"),
    ("0177.0.0.1", "127.0.0.1"),
    ("127.0.0.1.", "127.0.0.1"),
    ("[::1]", "::1"),
    ("[0:0:0:0:0:0:0:1]", "::1"),
    ("[2001:DB8::0:1]", "2001:db8::1"),
    ("_dmarc.example.com", "_dmarc.example.com"),
])
func normalisesHost(input: String, expected: String) throws {
    #expect(try HostNormalizer.normalize(input).text == expected)
}

/// Hosts that must be refused rather than guessed at.
@Test(arguments: [
    ("", HostError.Code.empty),
    (".", .empty),
    ("deepseek..com", .emptyLabel),
    (".deepseek.com", .emptyLabel),
    ("deepseek.com..", .emptyLabel),
    ("deep seek.com", .badCharacter),
    ("deepseek.com%", .badPercentEncoding),
    ("deepseek.com%zz", .badPercentEncoding),
    ("deepseek.com%2f", .badCharacter),
    ("deepseek%00.com", .badCharacter),
    ("%ff.com", .badPercentEncoding),
    ("-deepseek.com", .badCharacter),
    ("256.1.1.1", .badIPv4),
    ("1.2.3.4.5", .badIPv4),
    ("0x1.0x100000000", .badIPv4),
    ("example.123", .badIPv4),
    ("[::1", .badIPv6),
    ("[1::2::3]", .badIPv6),
    ("[fe80::1%eth0]", .zoneIdentifier),
    ("[1:2:3:4:5:6:7:8:9]", .badIPv6),
    (String(repeating: "a", count: 64) + ".com", .labelTooLong),
    ("deep\u{200B}seek.com", .badCharacter),
])
func refusesHost(input: String, code: HostError.Code) {
    #expect(throws: HostError(code, input)) { try HostNormalizer.normalize(input) }
}

@Test func ipLiteralKeepsItsAddress() throws {
    let host = try HostNormalizer.normalize("0x7f.0.0.1")
    #expect(host.ip == .v4(0x7f00_0001))
    #expect(try HostNormalizer.normalize("[::ffff:10.0.0.1]").ip?.unmapped == .v4(0x0a00_0001))
}

@Test(arguments: [("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("例え", "r8jz45g"), ("abc", "abc-")])
func punycodeMatchesRFC3492(input: String, expected: String) {
    #expect(Punycode.encode(Array(input.unicodeScalars)) == expected)
}
