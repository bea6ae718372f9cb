import Foundation
import Testing
@testable import SluiceAudit

/// Every kind of tampering is caught and named; an intact log and a crash-torn tail are not failures.
struct AuditVerifierTests {
    let key: [UInt8] = Array(repeating: 7, count: 32)

    func verify(_ bytes: [UInt8], key: [UInt8]? = nil) -> AuditVerification {
        AuditVerifier.verify(logs: [AuditLogFile(path: "audit.jsonl", bytes: bytes)], hmacKey: key.map(AuditKey.init(bytes:)))
    }

    @Test func intactLogVerifies() {
        let result = verify(makeLogBytes(count: 20))
        #expect(result.ok)
        #expect(result.lines == 21)
        #expect(result.tornTail == nil)
        #expect(result.lastSeq == 20)
        #expect(result.exitCode == 0)
    }

    @Test func everyLineLinksToTheHashOfTheOneBefore() throws {
        let lines = splitLines(makeLogBytes(count: 3)).map { try! AuditLine.parse($0.dropLast()).get() }
        #expect(lines[0].prev == AuditChain.genesis)
        for i in 1..<lines.count { #expect(lines[i].prev == lines[i - 1].hash) }
        #expect(lines.map(\.seq) == [0, 1, 2, 3])
    }

    @Test(arguments: [
        (#""client":"10.0.0.5""#, #""client":"10.0.0.6""#),
        (#""action":"allow""#, #""action":"block""#),
        (#""status":200"#, #""status":403"#),
        (#""durationMs":12.500"#, #""durationMs":12.5"#),
        (#""seq":3"#, #""seq":33"#),
    ])
    func editedFieldIsCaughtOnThatLine(original: String, edited: String) {
        var lines = splitLines(makeLogBytes(count: 5))
        let text = String(decoding: lines[3], as: UTF8.self)
        #expect(text.contains(original))
        lines[3] = Array(text.replacingOccurrences(of: original, with: edited).utf8)
        let result = verify(lines.flatMap { $0 })
        #expect(result.firstBad?.line == 4)
        #expect(result.firstBad?.reason.contains("hash does not match") == true)
        #expect(result.exitCode == 1)
    }

    @Test func editWithRecomputedHashIsCaughtByTheNextLine() throws {
        var lines = splitLines(makeLogBytes(count: 5))
        lines[2] = resealed(lines[2]) { $0.replacingOccurrences(of: #""action":"allow""#, with: #""action":"monitor""#) }
        let result = verify(lines.flatMap { $0 })
        #expect(result.firstBad?.line == 4)
        #expect(result.firstBad?.reason.contains("prev does not match") == true)
    }

    @Test func editOfTheLastLineWithRecomputedHashIsCaughtOnlyByTheHMAC() {
        var lines = splitLines(makeLogBytes(count: 5, macKey: key))
        let last = lines.count - 1
        lines[last] = resealed(lines[last], keepMac: true) { $0.replacingOccurrences(of: #""status":200"#, with: #""status":403"#) }
        #expect(verify(lines.flatMap { $0 }).ok, "a plain hash chain cannot see this")
        let keyed = verify(lines.flatMap { $0 }, key: key)
        #expect(keyed.firstBad?.line == lines.count)
        #expect(keyed.firstBad?.reason.contains("mac does not match") == true)
    }

    @Test func wrongHMACKeyFailsOnTheFirstLine() {
        let result = verify(makeLogBytes(count: 3, macKey: key), key: Array(repeating: 8, count: 32))
        #expect(result.firstBad?.line == 1)
        #expect(result.firstBad?.reason.contains("mac") == true)
    }

    @Test func rightHMACKeyVerifies() {
        let result = verify(makeLogBytes(count: 3, macKey: key), key: key)
        #expect(result.ok && result.macChecked)
    }

    @Test func keyGivenButLogUnsignedFails() {
        #expect(verify(makeLogBytes(count: 2), key: key).firstBad?.reason.contains("no mac") == true)
    }

    @Test(arguments: [1, 3, 5])
    func deletedLineIsCaught(index: Int) {
        var lines = splitLines(makeLogBytes(count: 6))
        lines.remove(at: index)
        let result = verify(lines.flatMap { $0 })
        #expect(result.firstBad?.line == index + 1)
        #expect(result.firstBad?.reason.contains("seq") == true)
    }

    @Test(arguments: [1, 2, 4])
    func swappedLinesAreCaught(index: Int) {
        var lines = splitLines(makeLogBytes(count: 6))
        lines.swapAt(index, index + 1)
        #expect(verify(lines.flatMap { $0 }).firstBad?.line == index + 1)
    }

    @Test func deletedHeaderIsCaught() {
        let lines = splitLines(makeLogBytes(count: 3))
        #expect(verify(lines.dropFirst().flatMap { $0 }).firstBad?.reason == "first line is not a header line")
    }

    @Test(arguments: [1, 40, 150])
    func tornFinalLineIsAWarningNotAFailure(cut: Int) {
        let bytes = makeLogBytes(count: 4)
        let result = verify(Array(bytes.dropLast(cut)))
        #expect(result.ok)
        #expect(result.tornTail?.line == 5)
        #expect(result.tornTail?.bytes == splitLines(bytes).last!.count - cut)
        #expect(result.report.contains("truncated final line (crash)"))
    }

    @Test(arguments: [
        ("", "empty file"), ("\n", "empty line"), ("not json\n", "not valid JSON"), ("{}\n", "missing field"),
        (#"{"seq":0,"time":"2026-11-18T00:00:00Z","prev":"x","hash":"y"}"# + "\n", "hash is not 64 hex digits"),
        ("[1,2]\n", "not a Sluice audit line"),
    ])
    func garbageIsNamed(content: String, reason: String) {
        let result = verify(Array(content.utf8))
        #expect(result.firstBad?.reason.contains(reason) == true, "\(String(describing: result.firstBad))")
    }

    @Test func fieldAfterHashIsNotCanonical() {
        var lines = splitLines(makeLogBytes(count: 1))
        var text = String(decoding: lines[1].dropLast(2), as: UTF8.self)
        text += #","extra":1}"# + "\n"
        lines[1] = Array(text.utf8)
        #expect(verify(lines.flatMap { $0 }).firstBad?.reason.contains("canonical") == true)
    }

    /// Rewrites one line through `edit` and reseals its hash (and mac, when kept) the way an attacker with the tool would.
    func resealed(_ line: [UInt8], keepMac: Bool = false, _ edit: (String) -> String) -> [UInt8] {
        let parsed = try! AuditLine.parse(line.dropLast()).get()
        let body = edit(String(decoding: parsed.canonicalBytes, as: UTF8.self))
        let hash = Hex.encode(SHA256Digest(body))
        var out = String(body.dropLast()) + #","hash":""# + hash + "\""
        if keepMac, let mac = parsed.mac { out += #","mac":""# + mac + "\"" }
        return Array((out + "}\n").utf8)
    }
}

import Crypto
func SHA256Digest(_ text: String) -> [UInt8] { Array(SHA256.hash(data: Array(text.utf8))) }

/// An anchor kept outside the log catches what the chain alone cannot: lines cut off the end, or the end rewritten.
struct AuditAnchorTests {
    func logAndLines() -> ([UInt8], [AuditLine]) {
        let bytes = makeLogBytes(count: 6)
        return (bytes, splitLines(bytes).map { try! AuditLine.parse($0.dropLast()).get() })
    }

    @Test func anchorOnTheLastLineVerifies() {
        let (bytes, lines) = logAndLines()
        let anchor = AuditAnchor(seq: lines.last!.seq, hash: lines.last!.hash)
        #expect(AuditVerifier.verify(logs: [AuditLogFile(path: "a", bytes: bytes)], anchor: anchor).ok)
    }

    @Test func linesCutFromTheEndAreCaught() {
        let (bytes, lines) = logAndLines()
        let cut = splitLines(bytes).dropLast(2).flatMap { $0 }
        #expect(AuditVerifier.verify(logs: [AuditLogFile(path: "a", bytes: cut)]).ok, "the chain alone cannot see it")
        let result = AuditVerifier.verify(logs: [AuditLogFile(path: "a", bytes: cut)], anchor: AuditAnchor(seq: lines.last!.seq, hash: lines.last!.hash))
        #expect(result.firstBad?.reason.contains("before the anchor seq 6") == true)
    }

    @Test func rewrittenAnchorLineIsCaught() {
        let (bytes, lines) = logAndLines()
        let result = AuditVerifier.verify(logs: [AuditLogFile(path: "a", bytes: bytes)], anchor: AuditAnchor(seq: 3, hash: lines[4].hash))
        #expect(result.firstBad?.line == 4)
    }

    @Test(arguments: ["", "12", "x:\(String(repeating: "a", count: 64))", "3:abc", "3:\(String(repeating: "g", count: 64))"])
    func malformedAnchorIsRefused(text: String) {
        #expect(AuditAnchor(text) == nil)
    }
}
