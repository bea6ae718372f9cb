import Testing
@testable import SluiceDetect

struct BodyRedactorTests {
    let redactor = BodyRedactor.make()
    let prompt = "Schrijf een brief aan Evelien Vaessen, BSN 871803379, mail e.vaessen@ziggo.nl of bel 06-12345678."

    func jsonString(_ s: String) -> String { String(decoding: JSONValue.string(s, offset: 0).encoded(), as: UTF8.self) }

    /// Redacts a JSON body and checks it stays valid JSON with the same structure and no raw values left.
    func checkJSON(_ body: String, contentType: String = "application/json") throws -> String {
        let r = redactor.redact(body: Array(body.utf8), contentType: contentType, contentEncoding: nil)
        let out = try #require(redactedBody(r))
        let before = try #require(JSONParser.parse(Array(body.utf8)))
        let after = try #require(JSONParser.parse(Array(out.utf8)))
        #expect(shape(before) == shape(after))
        #expect(!out.contains("871803379") && !out.contains("e.vaessen@ziggo.nl") && !out.contains("06-12345678"))
        #expect(out.contains("[BSN_1]") && out.contains("[EMAIL_1]"))
        #expect(r.findings.contains { $0.type == .nlBSN && $0.count >= 1 && $0.ranges.count == $0.count })
        #expect(r.values[.nlBSN] == ["871803379"])
        return out
    }

    @Test("OpenAI chat: string content and content parts")
    func openAI() throws {
        let body = #"{"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"# + jsonString(prompt) + #"},{"role":"user","content":[{"type":"text","text":"# + jsonString(prompt) + #"}]}],"stream":true,"temperature":0.70}"#
        let out = try checkJSON(body)
        #expect(out.contains(#""temperature":0.70"#)) // literals keep their exact text
        #expect(out.contains(#""model":"gpt-4o""#))
    }

    @Test("Anthropic messages with system and text blocks")
    func anthropic() throws {
        _ = try checkJSON(#"{"model":"claude-sonnet-4","max_tokens":1024,"system":"Patient BSN 871803379","messages":[{"role":"user","content":[{"type":"text","text":"# + jsonString(prompt) + #"}]}]}"#)
    }

    @Test("Gemini API contents/parts/text")
    func geminiAPI() throws {
        _ = try checkJSON(#"{"contents":[{"role":"user","parts":[{"text":"# + jsonString(prompt) + #"}]}],"generationConfig":{"temperature":1}}"#)
    }

    @Test("ChatGPT web conversation body")
    func chatGPTWeb() throws {
        _ = try checkJSON(#"{"action":"next","messages":[{"id":"a1","author":{"role":"user"},"content":{"content_type":"text","parts":["# + jsonString(prompt) + #"]}}],"parent_message_id":"client-created-root","model":"auto"}"#)
    }

    @Test("Gemini web: f.req form field holding JSON inside a JSON string")
    func geminiWeb() throws {
        let inner = "[[" + jsonString(prompt) + ",0,null,null,null,null,0],[\"en\"],[\"\",\"\",\"\"]]"
        let outer = "[null," + jsonString(inner) + "]"
        let body = "f.req=" + String(decoding: FormCodec.percentEncode(outer), as: UTF8.self) + "&at=AJvLN6abc%3A1700000000000&"
        let r = redactor.redact(body: Array(body.utf8), contentType: "application/x-www-form-urlencoded;charset=UTF-8", contentEncoding: nil)
        let out = try #require(redactedBody(r))
        #expect(out.hasSuffix("&at=AJvLN6abc%3A1700000000000&")) // untouched fields keep their bytes
        let field = try #require(out.split(separator: "&").first.map { Array($0.utf8.dropFirst("f.req=".utf8.count)) })
        let decoded = try #require(FormCodec.percentDecode(field[...]))
        let outerTree = try #require(JSONParser.parse(decoded))
        let innerString = try #require(strings(outerTree).first)
        let innerTree = try #require(JSONParser.parse(Array(innerString.utf8)))
        #expect(shape(innerTree) == shape(try #require(JSONParser.parse(Array(inner.utf8)))))
        let newPrompt = try #require(strings(innerTree).first)
        #expect(newPrompt.contains("[BSN_1]") && !newPrompt.contains("871803379"))
    }

    @Test("Perplexity: both query_str and dsl_query are redacted with the same placeholder")
    func perplexitySamePlaceholder() throws {
        let body = #"{"query_str":"Mail e.vaessen@ziggo.nl","params":{"dsl_query":"Mail e.vaessen@ziggo.nl","other":"x@y.nl"}}"#
        let out = try #require(redactedBody(redactor.redact(body: Array(body.utf8), contentType: "application/json", contentEncoding: nil)))
        #expect(out == #"{"query_str":"Mail [EMAIL_1]","params":{"dsl_query":"Mail [EMAIL_1]","other":"[EMAIL_2]"}}"#)
    }

    @Test("Plain form fields are decoded, redacted and re-encoded")
    func form() throws {
        let body = "name=test&q=" + String(decoding: FormCodec.percentEncode(prompt), as: UTF8.self)
        let out = try #require(redactedBody(redactor.redact(body: Array(body.utf8), contentType: "application/x-www-form-urlencoded", contentEncoding: nil)))
        let q = try #require(FormCodec.percentDecode(Array(out.utf8).split(separator: UInt8(ascii: "&"))[1].dropFirst(2)))
        let text = String(decoding: q, as: UTF8.self)
        #expect(text.contains("[BSN_1]") && text.contains("[PHONE_1]") && !text.contains("871803379"))
        #expect(out.hasPrefix("name=test&q="))
    }

    @Test("Multipart: a text field and a CSV file are redacted, headers and boundary kept")
    func multipartCSV() throws {
        let csv = "naam,bsn,email\nEvelien Vaessen,871803379,e.vaessen@ziggo.nl\n"
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n" +
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"staff.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--XyZ--\r\n"
        let r = redactor.redact(body: Array(body.utf8), contentType: "multipart/form-data; boundary=XyZ", contentEncoding: nil)
        let out = try #require(redactedBody(r))
        #expect(out.contains("filename=\"staff.csv\"\r\nContent-Type: text/csv\r\n\r\nnaam,bsn,email\n[PERSON_1],[BSN_1],[EMAIL_1]\n\r\n--XyZ--\r\n"))
        #expect(out.contains("name=\"purpose\"\r\n\r\nassistants\r\n"))
    }

    @Test("Multipart with a binary file is uninspectable")
    func multipartBinary() {
        let body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.png\"\r\nContent-Type: image/png\r\n\r\n\u{89}PNG\r\n--b--\r\n"
        let r = redactor.redact(body: Array(body.utf8), contentType: "multipart/form-data; boundary=b", contentEncoding: nil)
        guard case .uninspectable(let reason) = r.outcome else { Issue.record("expected uninspectable, got \(r.outcome)"); return }
        #expect(reason.hasPrefix("binaryPart"))
    }

    @Test("text/plain is redacted as text")
    func textPlain() throws {
        let out = try #require(redactedBody(redactor.redact(body: Array(prompt.utf8), contentType: "text/plain; charset=utf-8", contentEncoding: nil)))
        #expect(out == "Schrijf een brief aan [PERSON_1], BSN [BSN_1], mail [EMAIL_1] of bel [PHONE_1].")
    }

    @Test("Content codings round-trip and the body is forwarded uncompressed", arguments: ContentCoding.allCases)
    func codings(_ coding: ContentCoding) throws {
        let body = #"{"messages":[{"role":"user","content":"# + jsonString(prompt) + #"}]}"#
        let compressed = coding.encode(Array(body.utf8))
        #expect(!compressed.isEmpty)
        let r = redactor.redact(body: compressed, contentType: "application/json", contentEncoding: coding.rawValue)
        guard case .redacted(let out, let encoding) = r.outcome else { Issue.record("\(r.outcome)"); return }
        #expect(encoding == nil)
        #expect(String(decoding: out, as: UTF8.self).contains("[BSN_1]"))
    }

    @Test("A decompression bomb is refused by the ratio limit", arguments: ContentCoding.allCases)
    func bomb(_ coding: ContentCoding) {
        let zeros = [UInt8](repeating: 0x20, count: 900_000)
        let compressed = coding.encode(zeros)
        let r = BodyRedactor.make(maxDecompressionRatio: 100).redact(body: compressed, contentType: "text/plain", contentEncoding: coding.rawValue)
        guard case .uninspectable(let reason) = r.outcome else { Issue.record("expected uninspectable, got \(r.outcome)"); return }
        #expect(reason.hasPrefix("ratioExceeded"))
    }

    @Test("Unreadable input is uninspectable, never passed as clean", arguments: [
        ("application/json", "compress", [UInt8](Array("{}".utf8))),
        ("application/octet-stream", nil, [UInt8]([1, 2, 3])),
        ("text/plain; charset=iso-8859-1", nil, [UInt8](Array("abc".utf8))),
        ("text/plain", "gzip", [UInt8]([0x1f, 0x8b, 8, 0, 1, 2, 3])),
        ("text/plain", nil, [UInt8]([0xff, 0xfe, 0x41])),
    ] as [(String, String?, [UInt8])])
    func uninspectable(_ type: String, _ encoding: String?, _ body: [UInt8]) {
        let r = redactor.redact(body: body, contentType: type, contentEncoding: encoding)
        guard case .uninspectable = r.outcome else { Issue.record("expected uninspectable, got \(r.outcome)"); return }
    }

    @Test("Bodies over the inspection limit are uninspectable")
    func tooLarge() {
        let r = BodyRedactor.make(maxInspectBytes: 100).redact(body: Array(String(repeating: "a", count: 101).utf8), contentType: "text/plain", contentEncoding: nil)
        guard case .uninspectable(let reason) = r.outcome else { Issue.record("\(r.outcome)"); return }
        #expect(reason.hasPrefix("tooLarge"))
    }

    @Test("A blocked category refuses the body and names categories, not values")
    func block() {
        let r = BodyRedactor.make(actions: [.nlBSN: .block]).redact(body: Array(prompt.utf8), contentType: "text/plain", contentEncoding: nil)
        #expect(r.outcome == .blocked(categories: [.nlBSN]))
        #expect(r.findings.first { $0.type == .nlBSN }?.action == .block)
    }

    @Test("Monitor leaves the body unchanged but reports findings")
    func monitor() {
        let all = Dictionary(uniqueKeysWithValues: PIIType.allCases.map { ($0, CategoryAction.monitor) })
        let r = BodyRedactor.make(actions: all).redact(body: Array(prompt.utf8), contentType: "text/plain", contentEncoding: nil)
        #expect(r.outcome == .unchanged)
        #expect(r.findingCount >= 4)
        #expect(r.findings.allSatisfy { $0.action == .monitor })
        let bytes = Array(prompt.utf8)
        let bsnRange = r.findings.first { $0.type == .nlBSN }?.ranges.first
        #expect(bsnRange.map { String(decoding: bytes[$0], as: UTF8.self) } == "871803379")
    }

    @Test("Mask and keyed pseudonym placeholder styles")
    func placeholderStyles() throws {
        let masked = try #require(redactedBody(BodyRedactor.make(placeholder: .mask).redact(body: Array("BSN 871803379".utf8), contentType: "text/plain", contentEncoding: nil)))
        #expect(masked == "BSN [REDACTED]")
        let pseudo = BodyRedactor.make(placeholder: .pseudonym({ type, value in "<\(type.placeholderLabel):\(value.count)>" }))
        let out = try #require(redactedBody(pseudo.redact(body: Array("BSN 871803379 en 871803379".utf8), contentType: "text/plain", contentEncoding: nil)))
        #expect(out == "BSN <BSN:9> en <BSN:9>")
    }

    @Test("A body without personal data is unchanged")
    func clean() {
        let r = redactor.redact(body: Array(#"{"messages":[{"role":"user","content":"Explain TCP slow start."}]}"#.utf8), contentType: "application/json", contentEncoding: nil)
        #expect(r.outcome == .unchanged)
        #expect(r.findings.isEmpty)
    }
}
