import Testing
@testable import SluiceRuntime

@Suite struct ConnectToRuleTests {
    @Test("parses curl's four fields, with empty fields meaning any / keep")
    func parsing() throws {
        let rule = try ConnectToRule(parsing: "chat.deepseek.com:443:127.0.0.1:8443")
        #expect(rule == ConnectToRule(fromHost: "chat.deepseek.com", fromPort: 443, toHost: "127.0.0.1", toPort: 8443))
        let any = try ConnectToRule(parsing: "::127.0.0.1:")
        #expect(any == ConnectToRule(fromHost: nil, fromPort: nil, toHost: "127.0.0.1", toPort: nil))
        let v6 = try ConnectToRule(parsing: "example.com:80:[::1]:8080")
        #expect(v6.toHost == "::1")
        #expect(v6.toPort == 8080)
    }

    @Test("rejects malformed rules", arguments: ["", "a:1:b", "a:1:b:2:3", "a:x:b:2", "a:1:b:70000", "a:1:[::1:2", "a:0:b:1"])
    func malformed(text: String) {
        #expect(throws: ConnectToRule.ParseError.self) { try ConnectToRule(parsing: text) }
    }

    @Test("routes by host and port, case-insensitively; first match wins; unmatched stays")
    func routing() throws {
        let rules = try [
            ConnectToRule(parsing: "api.openai.com:443:127.0.0.1:9001"),
            ConnectToRule(parsing: ":443:127.0.0.1:9002"),
            ConnectToRule(parsing: "example.org::127.0.0.2:"),
        ]
        #expect(rules.route(host: "API.OpenAI.com", port: 443) == ("127.0.0.1", 9001))
        #expect(rules.route(host: "chat.deepseek.com", port: 443) == ("127.0.0.1", 9002))
        #expect(rules.route(host: "example.org", port: 80) == ("127.0.0.2", 80))
        #expect(rules.route(host: "example.net", port: 80) == ("example.net", 80))
    }
}

@Suite struct SocketAddressTests {
    @Test("parses IPv4 and bracketed IPv6 listen addresses")
    func listen() throws {
        let v4 = try #require(SocketAddress(listen: "127.0.0.1:3128"))
        #expect(v4.host == "127.0.0.1")
        #expect(v4.port == 3128)
        #expect(v4.description == "127.0.0.1:3128")
        let v6 = try #require(SocketAddress(listen: "[::1]:0"))
        #expect(v6.host == "::1")
        #expect(v6.description == "[::1]:0")
    }

    @Test("refuses names, bad ports and garbage", arguments: ["localhost:80", "127.0.0.1", "127.0.0.1:99999", "1.2.3.4.5:1", "[::1:80", ":80"])
    func invalid(text: String) {
        #expect(SocketAddress(listen: text) == nil)
    }
}

@Suite struct ByteQueueTests {
    @Test("consumes from the front and compacts without losing bytes")
    func fifo() {
        var queue = ByteQueue()
        var expected: [UInt8] = []
        for round in 0..<200 {
            let chunk = [UInt8](repeating: UInt8(round % 251), count: 1000 + round)
            queue.append(chunk)
            expected += chunk
            let take = min(queue.count, 700)
            #expect(Array(queue.readable.prefix(take)) == Array(expected.prefix(take)))
            queue.consume(take)
            expected.removeFirst(take)
        }
        #expect(Array(queue.readable) == expected)
        #expect(queue.takeAll() == expected)
        #expect(queue.isEmpty)
    }
}
