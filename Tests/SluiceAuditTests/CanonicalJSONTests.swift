import Foundation
import Testing
@testable import SluiceAudit

/// Canonical bytes are what the hash covers: they must be stable, minimal and round-trip through a JSON parser.
struct CanonicalJSONTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote\"back\\slash", #""quote\"back\\slash""#),
        ("line\nfeed\rcr\ttab", #""line\nfeed\rcr\ttab""#),
        ("\u{0}\u{1f}\u{7f}", #""\u0000\u001f\u007f""#),
        ("ünïcødé €", "\"ünïcødé €\""),
        ("</script>", #""</script>""#),
    ])
    func stringsUseMinimalEscapes(input: String, expected: String) throws {
        var out: [UInt8] = []
        CanonicalJSON.appendString(input, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
        let decoded = try JSONDecoder().decode(String.self, from: Data(out))
        #expect(decoded == input)
    }

    @Test(arguments: [
        (0.0, "0.000"), (12.5, "12.500"), (0.0004, "0.000"), (0.0005, "0.001"), (1234567.891, "1234567.891"),
        (-3.25, "-3.250"), (Double.nan, "0.000"), (Double.infinity, "0.000"), (1e300, "0.000"),
    ])
    func durationsHaveThreeFractionDigits(value: Double, expected: String) {
        #expect(CanonicalJSON.milliText(value) == expected)
    }

    @Test func recordFieldsComeInFixedOrderAndOmitAbsentValues() {
        var json = CanonicalJSON()
        AuditRecord.make(user: nil, note: nil).writeFields(into: &json)
        let text = String(decoding: json.closed, as: UTF8.self)
        #expect(text == #"{"time":"2026-11-18T11:06:40.250Z","id":"r-1","event":"request","client":"10.0.0.5","method":"POST","scheme":"https","host":"chatgpt.com","port":443,"path":"/backend-api/conversation","action":"allow","rule":"default","status":200,"bytesUp":1200,"bytesDown":5400,"durationMs":12.500}"#)
    }

    @Test func sameRecordGivesSameBytes() {
        let record = AuditRecord.make(pii: [PIIEntry(type: "email", count: 2, action: "redact", fingerprints: ["aa", "bb"])])
        var a = CanonicalJSON(), b = CanonicalJSON()
        record.writeFields(into: &a)
        record.writeFields(into: &b)
        #expect(a.closed == b.closed)
        #expect(String(decoding: a.closed, as: UTF8.self).contains(#""pii":[{"type":"email","count":2,"action":"redact","fingerprints":["aa","bb"]}]"#))
    }

    @Test func recordRoundTripsThroughCodable() throws {
        let record = AuditRecord.make(pii: [PIIEntry(type: "iban", count: 1, action: "block", fingerprints: ["ff"])], note: "x\"y")
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(AuditRecord.self, from: data) == record)
    }

    @Test(arguments: [
        ("/v1/chat?api_key=secret&email=a@b.nl", false, "/v1/chat"),
        ("/v1/chat#frag", false, "/v1/chat"),
        ("/v1/chat?x=1", true, "/v1/chat?x=1"),
        ("?only", false, ""),
    ])
    func queryStringsAreDroppedUnlessKept(path: String, keep: Bool, expected: String) {
        #expect(AuditRecord.make(path: path).sanitized(includeQuery: keep).path == expected)
    }
}

struct RFC3339Tests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (1_795_000_000.999, "2026-11-18T11:06:40.999Z"),
        (-1.0, "1969-12-31T23:59:59.000Z"),
        (4_102_444_799.0, "2099-12-31T23:59:59.000Z"),
    ])
    func formatsUTCWithMilliseconds(seconds: Double, expected: String) {
        #expect(RFC3339.format(Date(timeIntervalSince1970: seconds)) == expected)
        #expect(RFC3339.parse(expected).map { ($0.timeIntervalSince1970 * 1000).rounded() } == (seconds * 1000).rounded(.down))
    }

    @Test(arguments: [
        ("2026-11-18", 1_794_960_000.0), ("2026-11-18T11:06:40Z", 1_795_000_000.0),
        ("2026-11-18T13:06:40+02:00", 1_795_000_000.0), ("2026-11-18 11:06:40.25z", 1_795_000_000.25),
    ])
    func parsesCommonSpellings(text: String, seconds: Double) {
        #expect(RFC3339.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "2026", "2026-13-01", "2026-11-18T25:00:00Z", "2026-11-18T11:06:40", "2026-11-18T11:06:40.Z",
                      "2026-11-18T11:06:40Zjunk", "２０２６-11-18", "2026-11-18T11:06:40+2:00"])
    func rejectsMalformed(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }
}

struct SanitizingTests {
    @Test func fingerprintsAreCappedButTheCountIsKept() {
        let many = PIIEntry(type: "email", count: 5000, action: "redact", fingerprints: (0..<5000).map { String($0) })
        let record = AuditRecord.make(pii: [many]).sanitized(includeQuery: false)
        #expect(record.pii[0].fingerprints.count == AuditRecord.maxFingerprints)
        #expect(record.pii[0].count == 5000)
    }

    @Test(arguments: [(String(repeating: "x", count: 241), 241), (String(repeating: "é", count: 240), 240)])
    func longNotesAreCut(note: String, expectedLength: Int) {
        let cut = AuditRecord.make(note: note).sanitized(includeQuery: false).note!
        #expect(cut.count == (expectedLength > 240 ? 241 : expectedLength))
    }
}
