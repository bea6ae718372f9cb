import Testing
@testable import SluiceDetect

struct JSONParserTests {
    @Test("Strings decode escapes anywhere in a run and re-encode to a string that parses back the same", arguments: [
        #""plain text, no escapes""#, #""a\"b\\c\/d\n\t\r\b\f""#, #""\u00e9t\u00E9 \ud83d\ude00 end""#, #""lone \ud800 x""#,
        #""tab\tin the middle of a longer run of text""#, #""""#, #""\n""#, #""ü and 中文 and \"quotes\"""#,
    ])
    func roundTrip(_ json: String) throws {
        let v = try #require(JSONParser.parse(Array(json.utf8)))
        guard case .string(let s, _) = v else { Issue.record("not a string"); return }
        var out: [UInt8] = []
        JSONValue.encodeString(s, into: &out)
        let again = try #require(JSONParser.parse(out))
        guard case .string(let s2, _) = again else { Issue.record("not a string"); return }
        #expect(s2 == s)
    }

    @Test("Control bytes, unterminated strings and bad escapes are refused", arguments: [
        "\"a\u{01}b\"", #""abc"#, #""a\qb""#, #""a\u12""#,
    ])
    func refused(_ json: String) {
        #expect(JSONParser.parse(Array(json.utf8)) == nil)
    }

    @Test("Encoding escapes exactly the bytes JSON requires", arguments: [
        ("plain", #""plain""#), ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("l1\nl2", #""l1\nl2""#), ("\u{01}", #""\u0001""#),
        ("é/中", "\"é/中\""),
    ])
    func encoding(_ s: String, _ expected: String) {
        var out: [UInt8] = []
        JSONValue.encodeString(s, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }
}
