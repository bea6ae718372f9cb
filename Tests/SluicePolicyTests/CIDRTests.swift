import Testing
@testable import SluicePolicy

@Test(arguments: [
    ("10.0.0.0/8", "10.200.3.4", true), ("10.0.0.0/8", "11.0.0.1", false), ("127.0.0.0/8", "::ffff:127.0.0.1", true),
    ("::1/128", "::1", true), ("::1/128", "::2", false), ("fd00::/8", "fd12:3456::1", true), ("0.0.0.0/0", "8.8.8.8", true),
    ("192.168.1.7", "192.168.1.7", true), ("192.168.1.7", "192.168.1.8", false), ("10.0.0.0/8", "::1", false),
])
func cidrContains(block: String, address: String, expected: Bool) throws {
    let cidr = try #require(CIDR(block))
    let ip = try #require(IPAddress(address))
    #expect(cidr.contains(ip) == expected)
}

@Test(arguments: ["10.0.0.1/8", "10.0.0.0/33", "10.0.0/8", "::1/129", "fe80::/x", "", "10.0.0.0/", "010.0.0.0/8", "1.2.3.4/-1"])
func refusesBadCIDR(text: String) {
    #expect(CIDR(text) == nil)
}

@Test func ipv6TextIsCanonical() throws {
    #expect(try #require(IPAddress("2001:0db8:0000:0000:0001:0000:0000:0001")).description == "2001:db8::1:0:0:1")
    #expect(try #require(IPAddress("::")).description == "::")
}
