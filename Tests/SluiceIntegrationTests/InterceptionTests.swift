import Foundation
import Testing

/// A local CA made by `sluice ca init`, a TLS origin with its own test CA, and a proxy intercepting with both.
final class InterceptionSetup {
    let directory: URL
    let origin: Origin
    let proxy: Proxy
    var sluiceCA: String { directory.appendingPathComponent("ca/ca.pem").path }

    init(policy: String? = nil, trustOrigin: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let made = try run("/bin/bash", [fixture("origin-cert.sh"), directory.path])
        guard made.status == 0 else { throw HarnessError(description: "origin-cert.sh: \(made.stderr)") }
        let ca = try run(sluiceBinary(), ["ca", "init", "--dir", directory.appendingPathComponent("ca").path])
        guard ca.status == 0 else { throw HarnessError(description: "ca init: \(ca.stderr)") }
        origin = try Origin(tls: (directory.appendingPathComponent("origin.pem").path, directory.appendingPathComponent("origin.key").path))
        var arguments = ["--ca-dir", directory.appendingPathComponent("ca").path]
        if trustOrigin { arguments += ["--upstream-ca", directory.appendingPathComponent("origin-ca.pem").path] }
        for host in ["api.openai.com", "chat.deepseek.com", "openrouter.ai"] {
            arguments += ["--connect-to", "\(host):443:127.0.0.1:\(origin.port)"]
        }
        proxy = try Proxy(policy: policy, arguments: arguments)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

@Suite("TLS interception")
struct InterceptionTests {
    static let chat = #"{"model":"gpt-4o","messages":[{"role":"user","content":"BSN 111222333, mail jan@example.nl"}]}"#

    @Test("'sluice ca init' writes a 0600 key, refuses to overwrite, and 'ca show' prints the fingerprint")
    func caInit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-ca-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try run(sluiceBinary(), ["ca", "init", "--dir", directory])
        #expect(first.status == 0)
        #expect(first.text.contains("certutil"))
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/ca.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try run(sluiceBinary(), ["ca", "init", "--dir", directory])
        #expect(again.status != 0)
        let show = try run(sluiceBinary(), ["ca", "show", "--dir", directory])
        #expect(show.status == 0)
        #expect(show.text.lowercased().contains("sha-256") || show.text.lowercased().contains("sha256"))
    }

    @Test("a denied host shows the block page inside TLS")
    func blockPageInsideTLS() throws {
        let setup = try InterceptionSetup()
        let result = try curl(["--cacert", setup.sluiceCA, "-x", setup.proxy.url, "-H", "Accept: text/html", "-w", "\n%{http_code}",
                               "https://chat.deepseek.com/"])
        #expect(statusCode(result) == 403, "\(result.stderr)")
        #expect(result.text.contains("DeepSeek is not allowed"))
    }

    @Test("a chat request to api.openai.com arrives at the origin redacted; a deepseek model is denied")
    func redactInsideTLS() throws {
        let setup = try InterceptionSetup()
        let result = try curl(["--cacert", setup.sluiceCA, "-x", setup.proxy.url, "-H", "Content-Type: application/json",
                               "-d", Self.chat, "https://api.openai.com/v1/chat/completions"])
        let echo = try Echo(result)
        #expect(!echo.body.contains("111222333"), "\(echo.body)")
        #expect(!echo.body.contains("jan@example.nl"))
        #expect(echo.body.contains("[EMAIL_1]"))
        let deepseek = Self.chat.replacingOccurrences(of: "gpt-4o", with: "deepseek-chat")
        let denied = try curl(["--cacert", setup.sluiceCA, "-x", setup.proxy.url, "-H", "Content-Type: application/json",
                               "-w", "\n%{http_code}", "-d", deepseek, "https://openrouter.ai/api/v1/chat/completions"])
        #expect(statusCode(denied) == 403)
        #expect(denied.text.contains("DeepSeek"))
        // Keep-alive inside the intercepted tunnel: two requests on one connection.
        let twice = try curl(["-v", "--cacert", setup.sluiceCA, "-x", setup.proxy.url,
                              "https://api.openai.com/v1/models", "https://api.openai.com/v1/models"])
        #expect(twice.stderr.contains("Re-using existing connection") || twice.stderr.contains("Reusing existing"))
    }

    @Test("Python requests with REQUESTS_CA_BUNDLE works through the intercepting proxy")
    func pythonRequests() throws {
        let setup = try InterceptionSetup()
        let script = """
        import json, os, sys, requests
        proxies = {"https": sys.argv[1]}
        r = requests.post("https://api.openai.com/v1/chat/completions", proxies=proxies, timeout=20,
                          json={"model": "gpt-4o", "messages": [{"role": "user", "content": "call +31 6 12345678"}]})
        print(r.status_code, json.loads(r.json()["body"])["messages"][0]["content"])
        """
        let result = try run("/usr/bin/env", ["python3", "-c", script, setup.proxy.url],
                             environment: ["REQUESTS_CA_BUNDLE": setup.sluiceCA])
        #expect(result.text.hasPrefix("200 call [PHONE_1]"), "\(result.text) \(result.stderr)")
    }

    @Test("a TLS server name that differs from the CONNECT host is refused (no domain fronting)")
    func sniMismatch() throws {
        let setup = try InterceptionSetup()
        let script = """
        import socket, ssl, sys
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
        s.sendall(b"CONNECT api.openai.com:443 HTTP/1.1\\r\\nHost: api.openai.com:443\\r\\n\\r\\n")
        head = b""
        while b"\\r\\n\\r\\n" not in head:
            head += s.recv(1)
        ctx = ssl.create_default_context(cafile=sys.argv[2])
        ctx.check_hostname = False
        try:
            t = ctx.wrap_socket(s, server_hostname="chat.deepseek.com")
            t.sendall(b"GET / HTTP/1.1\\r\\nHost: chat.deepseek.com\\r\\n\\r\\n")
            print("answered" if t.recv(100) else "closed")
        except (ssl.SSLError, OSError) as e:
            print("closed", type(e).__name__)
        """
        let result = try python(script, [String(setup.proxy.port), setup.sluiceCA])
        #expect(result.text.hasPrefix("closed"), "\(result.text) \(result.stderr)")
    }

    @Test("an origin whose certificate cannot be verified gets a 502 that says so")
    func untrustedOrigin() throws {
        let setup = try InterceptionSetup(trustOrigin: false)
        let result = try curl(["--cacert", setup.sluiceCA, "-x", setup.proxy.url, "-H", "Accept: text/html", "-w", "\n%{http_code}",
                               "https://api.openai.com/v1/models"])
        #expect(statusCode(result) == 502)
        #expect(result.text.contains("certificate"))
    }

    @Test("hosts the policy does not inspect stay spliced tunnels (the origin's own certificate reaches the client)")
    func notIntercepted() throws {
        let setup = try InterceptionSetup()
        let originCA = setup.directory.appendingPathComponent("origin-ca.pem").path
        let result = try curl(["--cacert", originCA, "-x", setup.proxy.url, "--connect-to", "localhost:443:localhost:\(setup.origin.port)",
                               "https://localhost:\(setup.origin.port)/small"])
        #expect(result.text == String(repeating: "x", count: 100), "\(result.stderr)")
    }
}
