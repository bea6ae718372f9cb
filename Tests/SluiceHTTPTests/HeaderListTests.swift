import Testing
import SluiceHTTP

/// An ordered list of fields with case-insensitive lookups (RFC 9110 §5.1, §5.3, §5.6.1).
@Suite struct HeaderListTests {
    static let sample = HeaderList([("Accept", "a"), ("X-Id", "1"), ("accept", "b"), ("ACCEPT", "c"), ("Host", "h")])

    @Test(arguments: ["Accept", "accept", "ACCEPT", "aCcEpT"])
    func lookupIgnoresASCIICase(name: String) {
        #expect(Self.sample[name] == "a")
        #expect(Self.sample.values(name) == ["a", "b", "c"])
        #expect(Self.sample.contains(name))
    }

    @Test(arguments: ["Accep", "Accepts", "Acc\u{E9}pt", "", "X-Id ", "\u{212A}"])
    func nearMissNamesDoNotMatch(name: String) {
        #expect(Self.sample[name] == nil)
        #expect(Self.sample.values(name).isEmpty)
        #expect(!Self.sample.contains(name))
    }

    @Test func iterationKeepsOrderAndDuplicates() {
        #expect(Self.sample.count == 5)
        #expect(Self.sample.map(\.name) == ["Accept", "X-Id", "accept", "ACCEPT", "Host"])
        #expect(Self.sample.map(\.value) == ["a", "1", "b", "c", "h"])
    }

    @Test(arguments: [
        ([("Connection", "keep-alive, Upgrade")], ["keep-alive", "upgrade"]),
        ([("Connection", " a ,\tB\t,, ,c ")], ["a", "b", "c"]),
        ([("Connection", "a"), ("connection", "B, c")], ["a", "b", "c"]),
        ([("Connection", "")], []),
        ([("Connection", ",,,")], []),
        ([("Other", "x")], []),
        ([], []),
    ] as [([(String, String)], [String])])
    func tokensSplitTrimAndLowerCaseEveryField(fields: [(String, String)], expected: [String]) {
        #expect(HeaderList(fields).tokens("CONNECTION") == expected)
    }

    @Test func setReplacesEveryCasingWithOneField() {
        var headers = Self.sample
        headers.set("ACCEPT", "z")
        #expect(headers.values("accept") == ["z"])
        #expect(headers.map(\.name) == ["X-Id", "Host", "ACCEPT"])
    }

    @Test func removeDropsEveryCasingAndNothingElse() {
        var headers = Self.sample
        headers.remove("aCCept")
        #expect(headers.map(\.name) == ["X-Id", "Host"])
        headers.remove("Missing")
        #expect(headers.count == 2)
    }

    @Test func removeAllWherePredicate() {
        var headers = Self.sample
        headers.removeAll { $0.value == "b" || $0.name == "Host" }
        #expect(headers.map(\.value) == ["a", "1", "c"])
    }

    @Test func appendKeepsSpellingAndOrder() {
        var headers = HeaderList()
        headers.append("x-a", "1")
        headers.append("X-A", "2")
        #expect(headers.map { HeaderField(name: $0.name, value: $0.value) }
            == [HeaderField(name: "x-a", value: "1"), HeaderField(name: "X-A", value: "2")])
        #expect(headers == HeaderList([("x-a", "1"), ("X-A", "2")]))
        #expect(headers != HeaderList([("X-A", "2"), ("x-a", "1")]))
    }
}
