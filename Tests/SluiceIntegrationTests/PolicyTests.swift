import Foundation
import Testing

/// Policy decisions through the running proxy: block pages, CONNECT refusal, reload, ACL, auth, `policy check`.
@Suite("Policy through the proxy")
struct PolicyTests {
    @Test("a plain-HTTP request to DeepSeek gets the readable block page with its reference id; the origin is never asked")
    func deepSeekBlockPage() throws {
        let origin = try Origin()
        let proxy = try Proxy(arguments: ["--connect-to", "chat.deepseek.com:80:127.0.0.1:\(origin.port)"])
        let page = try curl(["-x", proxy.url, "-H", "Accept: text/html", "-H", "Accept-Language: en", "-w", "\n%{http_code}",
                             "http://chat.deepseek.com/"])
        #expect(statusCode(page) == 403)
        #expect(page.text.contains("<html"))
        #expect(page.text.contains("DeepSeek is not allowed"))
        #expect(page.text.contains("it-helpdesk@example.org"))
        let dutch = try curl(["-x", proxy.url, "-H", "Accept: text/html", "-H", "Accept-Language: nl-NL,nl;q=0.9",
                              "http://chat.deepseek.com/"])
        #expect(dutch.text.contains("niet toegestaan"))
        let plain = try curl(["-x", proxy.url, "-i", "http://api.deepseek.com/v1/chat/completions"])
        #expect(plain.text.hasPrefix("HTTP/1.1 403"))
        // Look-alikes of the suffix are not DeepSeek.
        let notDeepSeek = try curl(["-x", proxy.url, "-o", "/dev/null", "-w", "%{http_code}", "http://notdeepseek.com.invalid/"])
        #expect(notDeepSeek.text == "502")
    }

    @Test("CONNECT to chat.deepseek.com:443 is refused with 403 and a Proxy-Status naming the rule")
    func deepSeekConnect() throws {
        let proxy = try Proxy()
        let result = try curl(["-v", "-p", "-x", proxy.url, "https://chat.deepseek.com/"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("HTTP/1.1 403"))
        #expect(result.stderr.lowercased().contains("proxy-status: sluice; error=http_request_denied"))
        #expect(result.stderr.contains("deepseek"))
    }

    @Test("a DeepSeek model asked for through an allowed gateway is denied; other models pass")
    func modelRule() throws {
        let origin = try Origin()
        let proxy = try Proxy(arguments: ["--connect-to", "openrouter.ai:80:127.0.0.1:\(origin.port)"])
        let denied = try curl(["-x", proxy.url, "-H", "Content-Type: application/json", "-w", "\n%{http_code}",
                               "-d", #"{"model":"deepseek/deepseek-r1","messages":[{"role":"user","content":"hi"}]}"#,
                               "http://openrouter.ai/api/v1/chat/completions"])
        #expect(statusCode(denied) == 403)
        #expect(denied.text.contains("\"error\""))
        let allowed = try curl(["-x", proxy.url, "-H", "Content-Type: application/json", "-w", "\n%{http_code}",
                                "-d", #"{"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}]}"#,
                                "http://openrouter.ai/api/v1/chat/completions"])
        #expect(statusCode(allowed) == 200)
    }

    @Test("SIGHUP reloads the policy; a broken file is refused with line and reason and the last good policy stays")
    func reload() throws {
        let origin = try Origin()
        let allowAll = "version: 1\ndefault: allow\nallowed_clients: [127.0.0.0/8]\n"
        let proxy = try Proxy(policy: allowAll, arguments: ["--connect-to", "reload.example:80:127.0.0.1:\(origin.port)"])
        let url = "http://reload.example/small"
        #expect(try curl(["-x", proxy.url, "-o", "/dev/null", "-w", "%{http_code}", url]).text == "200")

        // An idle keep-alive connection opened before the reload must survive it.
        let denyIt = allowAll + "rules:\n  - name: no-reload\n    action: deny\n    domains: [reload.example]\n"
        try denyIt.write(toFile: proxy.policyPath, atomically: true, encoding: .utf8)
        proxy.child.signal(SIGHUP)
        try proxy.child.waitForStderr("policy reloaded")
        #expect(try curl(["-x", proxy.url, "-o", "/dev/null", "-w", "%{http_code}", url]).text == "403")

        try "version: 1\ndefault: allow\nrules:\n  - name: x\n    action: explode\n".write(toFile: proxy.policyPath, atomically: true, encoding: .utf8)
        proxy.child.signal(SIGHUP)
        try proxy.child.waitForStderr("policy refused")
        #expect(proxy.child.stderrText().contains("\(proxy.policyPath):5:"))
        #expect(try curl(["-x", proxy.url, "-o", "/dev/null", "-w", "%{http_code}", url]).text == "403")
    }

    @Test("clients outside allowed_clients get 403")
    func clientACL() throws {
        let origin = try Origin()
        let proxy = try Proxy(policy: "version: 1\ndefault: allow\nallowed_clients: [10.0.0.0/8]\n")
        let result = try curl(["-x", proxy.url, "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(origin.port)/small"])
        #expect(result.text == "403")
    }

    @Test("proxy Basic authentication: 407 without or with wrong credentials, 200 with users made by 'sluice user add'")
    func basicAuth() throws {
        let origin = try Origin()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let users = directory.appendingPathComponent("users.txt").path
        let add = try run(sluiceBinary(), ["user", "add", "alice", "--file", users, "--password-stdin"], stdin: Data("s3cret pass\n".utf8))
        #expect(add.status == 0, "\(add.stderr)")
        let stored = try String(contentsOfFile: users, encoding: .utf8)
        #expect(!stored.contains("s3cret"))
        let policy = "version: 1\ndefault: allow\nallowed_clients: [127.0.0.0/8]\nauth:\n  realm: Office\n  users_file: \(users)\n"
        let proxy = try Proxy(policy: policy)
        let url = "http://127.0.0.1:\(origin.port)/small"
        let anonymous = try curl(["-x", proxy.url, "-i", url])
        #expect(anonymous.text.hasPrefix("HTTP/1.1 407"))
        #expect(anonymous.text.contains("Proxy-Authenticate: Basic realm=\"Office\""))
        #expect(try curl(["-x", proxy.url, "-U", "alice:wrong", "-o", "/dev/null", "-w", "%{http_code}", url]).text == "407")
        #expect(try curl(["-x", proxy.url, "-U", "alice:s3cret pass", "-o", "/dev/null", "-w", "%{http_code}", url]).text == "200")
    }

    @Test("'sluice policy check' accepts the shipped policies and names line, column and reason of each problem")
    func policyCheck() throws {
        for name in ["default.yaml", "government-strict.yaml", "small-business.yaml"] {
            let result = try run(sluiceBinary(), ["policy", "check", packageRoot().appendingPathComponent("policy/\(name)").path])
            #expect(result.status == 0, "\(name): \(result.text) \(result.stderr)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "version: 1\ndefault: allow\nallowed_clients: [10.0.0.0/33]\nrules:\n  - name: a\n    action: nope\n    domains: [x.com]\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try run(sluiceBinary(), ["policy", "check", file])
        #expect(result.status == 1)
        let output = result.text + result.stderr
        #expect(output.contains("\(file):3:"))
        #expect(output.contains("\(file):6:"))
    }

    @Test("'sluice policy explain' shows the rule the proxy would apply")
    func policyExplain() throws {
        let policy = packageRoot().appendingPathComponent("policy/default.yaml").path
        let result = try run(sluiceBinary(), ["policy", "explain", "https://chat.deepseek.com/", "--policy", policy])
        #expect(result.text.contains("deny"))
        #expect(result.text.contains("deepseek"))
    }
}
