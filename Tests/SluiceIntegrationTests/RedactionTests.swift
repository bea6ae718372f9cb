import Foundation
import Testing

/// What the origin received, from Fixtures/origin.py's /echo-style answer.
struct Echo {
    var body: String
    var headers: [String: String]

    init(_ result: CommandResult) throws {
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "not JSON: \(result.text.prefix(200))")
        body = json["body"] as? String ?? ""
        headers = Dictionary((json["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }) { a, _ in a }
    }
}

/// Personal data in request bodies to `redact` hosts, through the running proxy.
@Suite("Redaction through the proxy")
struct RedactionTests {
    static let prompt = "Patient Jan Jansen, BSN 111222333, mail jan@example.nl, IBAN NL91ABNA0417164300, wants an appointment."

    private func proxy(_ origin: Origin, policy: String? = nil) throws -> Proxy {
        try Proxy(policy: policy, arguments: ["--connect-to", "api.openai.com:80:127.0.0.1:\(origin.port)",
                                              "--connect-to", "chatgpt.com:80:127.0.0.1:\(origin.port)"])
    }

    @Test("a JSON chat request reaches the origin redacted, still valid JSON with the same structure")
    func jsonChat() throws {
        let origin = try Origin()
        let proxy = try proxy(origin)
        let request: [String: Any] = ["model": "gpt-4o", "temperature": 0.2,
                                      "messages": [["role": "system", "content": "You are helpful."], ["role": "user", "content": Self.prompt]]]
        let body = try JSONSerialization.data(withJSONObject: request)
        let result = try curl(["-x", proxy.url, "-H", "Content-Type: application/json", "--data-binary", "@-",
                               "http://api.openai.com/v1/chat/completions"], stdin: body)
        let echo = try Echo(result)
        for secret in ["111222333", "jan@example.nl", "NL91ABNA0417164300", "NL91 ABNA"] {
            #expect(!echo.body.contains(secret), "\(secret) leaked: \(echo.body)")
        }
        let forwarded = try #require(try JSONSerialization.jsonObject(with: Data(echo.body.utf8)) as? [String: Any])
        #expect(forwarded["model"] as? String == "gpt-4o")
        let messages = try #require(forwarded["messages"] as? [[String: Any]])
        #expect(messages.count == 2)
        #expect(messages[0]["content"] as? String == "You are helpful.")
        let content = try #require(messages[1]["content"] as? String)
        #expect(content.contains("[EMAIL_1]"))
        #expect(content.contains("wants an appointment"))
        #expect(echo.headers["content-length"] == String(echo.body.utf8.count))
    }

    @Test("the same value gets the same placeholder; a gzip body is decoded, redacted and sent without Content-Encoding")
    func gzipBody() throws {
        let origin = try Origin()
        let proxy = try proxy(origin)
        let json = #"{"model":"gpt-4o","input":"Write to jan@example.nl and again jan@example.nl, not piet@example.org."}"#
        let gzip = try run("/usr/bin/gzip", ["-c"], stdin: Data(json.utf8)).stdout
        let result = try curl(["-x", proxy.url, "-H", "Content-Type: application/json", "-H", "Content-Encoding: gzip",
                               "--data-binary", "@-", "http://api.openai.com/v1/responses"], stdin: gzip)
        let echo = try Echo(result)
        #expect(echo.headers["content-encoding"] == nil)
        #expect(echo.body.contains("Write to [EMAIL_1] and again [EMAIL_1], not [EMAIL_2]."), "\(echo.body)")
    }

    @Test("multipart uploads and form posts are redacted per part and per field")
    func multipartAndForm() throws {
        let origin = try Origin()
        let proxy = try proxy(origin)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-mp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("customers.csv").path
        try "name,email,iban\nJan Jansen,jan@example.nl,NL91ABNA0417164300\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let multipart = try curl(["-x", proxy.url, "-F", "prompt=Summarise for jan@example.nl", "-F", "file=@\(csv);type=text/csv",
                                  "http://chatgpt.com/backend-api/files"])
        let echo = try Echo(multipart)
        #expect(!echo.body.contains("jan@example.nl"))
        #expect(!echo.body.contains("NL91ABNA0417164300"))
        #expect(echo.body.contains("customers.csv"))
        let form = try curl(["-x", proxy.url, "--data-urlencode", "q=mail jan@example.nl please", "http://chatgpt.com/backend-api/conversation"])
        let formEcho = try Echo(form)
        #expect(!formEcho.body.contains("jan%40example.nl") && !formEcho.body.contains("jan@example.nl"), "\(formEcho.body)")
    }

    @Test("a category set to block refuses the body with a page naming the category, never the value")
    func blockedCategory() throws {
        let origin = try Origin()
        let policy = """
            version: 1
            default: allow
            allowed_clients: [127.0.0.0/8]
            redaction:
              categories: {NL_BSN: block}
            rules:
              - {name: openai, action: redact, service: OpenAI, domains: [openai.com]}
            """
        let proxy = try proxy(origin, policy: policy)
        let result = try curl(["-x", proxy.url, "-H", "Content-Type: application/json", "-w", "\n%{http_code}",
                               "-d", #"{"model":"gpt-4o","messages":[{"role":"user","content":"BSN 111222333"}]}"#,
                               "http://api.openai.com/v1/chat/completions"])
        #expect(statusCode(result) == 403)
        #expect(result.text.contains("NL_BSN"))
        #expect(!result.text.contains("111222333"))
    }

    @Test("a body too large to inspect is refused under fail_closed and forwarded under pass_and_log")
    func uninspectable() throws {
        let origin = try Origin()
        func policy(_ mode: String) -> String {
            "version: 1\ndefault: allow\nallowed_clients: [127.0.0.0/8]\nredaction:\n  max_inspect_bytes: 2000\n  on_uninspectable: \(mode)\n"
                + "rules:\n  - {name: openai, action: redact, domains: [openai.com]}\n"
        }
        let big = Data(#"{"input":"\#(String(repeating: "lorem ipsum ", count: 1000))"}"#.utf8)
        let closed = try proxy(origin, policy: policy("fail_closed"))
        let refused = try curl(["-x", closed.url, "-H", "Content-Type: application/json", "--data-binary", "@-", "-o", "/dev/null",
                                "-w", "%{http_code}", "http://api.openai.com/v1/responses"], stdin: big)
        #expect(refused.text == "415")
        let open = try proxy(origin, policy: policy("pass_and_log"))
        let passed = try curl(["-x", open.url, "-H", "Content-Type: application/json", "--data-binary", "@-",
                               "http://api.openai.com/v1/responses"], stdin: big)
        #expect(try Echo(passed).body.utf8.count == big.count)
    }

    @Test("'sluice scan' finds and redacts, and writes scorer predictions")
    func scanCLI() throws {
        let found = try run(sluiceBinary(), ["scan", "-"], stdin: Data(Self.prompt.utf8))
        #expect(found.status == 0)
        #expect(found.text.contains("NL_BSN"))
        #expect(found.text.contains("EMAIL"))
        let redacted = try run(sluiceBinary(), ["scan", "--redact", "-"], stdin: Data(Self.prompt.utf8))
        #expect(!redacted.text.contains("111222333"))
        #expect(redacted.text.contains("wants an appointment"))
        let jsonl = Data(#"{"id":"a","text":"mail jan@example.nl"}"#.utf8 + [10])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).jsonl").path
        try jsonl.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let predictions = try run(sluiceBinary(), ["scan", "--jsonl", file])
        let line = try #require(try JSONSerialization.jsonObject(with: Data(predictions.text.utf8)) as? [String: Any])
        let spans = try #require(line["spans"] as? [[String: Any]])
        #expect(spans.first?["type"] as? String == "EMAIL")
        #expect(spans.first?["start"] as? Int == 5)
        #expect(spans.first?["end"] as? Int == 19)
    }
}
