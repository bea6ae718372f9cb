import Foundation
import Testing

/// The audit log as the proxy writes it: one verified line per decision, no raw personal data, crash safety.
@Suite("Audit log through the proxy")
struct AuditLogTests {
    /// The JSON objects of a log's decision lines (header and recovery lines left out).
    static func records(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }.filter { $0["event"] != nil && $0["event"] as? String != "header" }
    }

    @Test("every request and CONNECT gets exactly one line; the chain verifies; no query, no raw personal data")
    func oneLinePerDecision() throws {
        let origin = try Origin()
        let keyDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: keyDirectory) }
        let keyFile = keyDirectory.appendingPathComponent("fingerprint.key").path
        let proxy = try Proxy(arguments: ["--audit-fsync-ms", "0", "--fingerprint-key", keyFile,
                                          "--connect-to", "chat.deepseek.com:80:127.0.0.1:\(origin.port)",
                                          "--connect-to", "api.openai.com:80:127.0.0.1:\(origin.port)"])
        for i in 0..<5 { try curl(["-x", proxy.url, "http://127.0.0.1:\(origin.port)/echo?secret=\(i)"]) }
        try curl(["-p", "-x", proxy.url, "http://127.0.0.1:\(origin.port)/small"])
        let blocked = try curl(["-x", proxy.url, "-H", "Accept: text/plain", "http://chat.deepseek.com/"])
        try curl(["-x", proxy.url, "-H", "Content-Type: application/json",
                  "-d", #"{"messages":[{"role":"user","content":"mail jan@example.nl, BSN 111222333"}]}"#,
                  "http://api.openai.com/v1/chat/completions"])
        _ = try raw(proxy.port, "BROKEN\r\n\r\n")
        proxy.child.signal(SIGTERM)
        #expect(proxy.child.waitForExit() == 0)

        let verify = try run(sluiceBinary(), ["audit", "verify", proxy.auditPath])
        #expect(verify.status == 0, "\(verify.text) \(verify.stderr)")
        let records = try Self.records(proxy.auditPath)
        #expect(records.count == 9, "\(records)")
        #expect(records.filter { $0["event"] as? String == "connect" }.count == 1)
        #expect(records.filter { $0["event"] as? String == "error" }.count == 1)
        let deny = try #require(records.first { $0["action"] as? String == "deny" })
        #expect(deny["rule"] as? String == "deepseek")
        #expect(deny["status"] as? Int == 403)
        let reference = try #require(deny["id"] as? String)
        #expect(blocked.text.contains(reference))
        let redacted = try #require(records.first { $0["action"] as? String == "redact" })
        let pii = try #require(redacted["pii"] as? [[String: Any]])
        #expect(Set(pii.compactMap { $0["type"] as? String }) == ["EMAIL", "NL_BSN"])
        let text = try String(contentsOfFile: proxy.auditPath, encoding: .utf8)
        #expect(!text.contains("jan@example.nl"))
        #expect(!text.contains("111222333"))
        #expect(!text.contains("secret="))

        let found = try run(sluiceBinary(), ["audit", "find", "--value", "jan@example.nl", "--key-file", keyFile, proxy.auditPath])
        #expect(found.status == 0)
        #expect(found.text.contains("api.openai.com"))
    }

    @Test("after kill -9 under load the log verifies and every answered request has its line")
    func killNine() throws {
        let origin = try Origin()
        let proxy = try Proxy(arguments: ["--audit-fsync-ms", "0"])
        // Each answered request is recorded by the client; the proxy dies in the middle of the load.
        let script = """
        import os, signal, socket, sys, threading
        proxy, origin, pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
        answered, lock = [], threading.Lock()
        def worker(w):
            for i in range(400):
                try:
                    s = socket.create_connection(("127.0.0.1", proxy), timeout=20)
                    s.sendall(b"GET http://127.0.0.1:%d/echo/%d-%d HTTP/1.1\\r\\nHost: 127.0.0.1:%d\\r\\nConnection: close\\r\\n\\r\\n" % (origin, w, i, origin))
                    data = b""
                    while True:
                        chunk = s.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                    if data.startswith(b"HTTP/1.1 200") and data.endswith(b"}"):
                        with lock:
                            answered.append("/echo/%d-%d" % (w, i))
                except OSError:
                    return
        threads = [threading.Thread(target=worker, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        while True:
            with lock:
                if len(answered) >= 150:
                    break
        os.kill(pid, signal.SIGKILL)
        for t in threads:
            t.join()
        print("\\n".join(answered))
        """
        let result = try python(script, [String(proxy.port), String(origin.port), String(proxy.child.process.processIdentifier)], timeout: 120)
        let answered = Set(result.text.split(separator: "\n").map(String.init))
        #expect(answered.count >= 150, "\(result.stderr)")
        let verify = try run(sluiceBinary(), ["audit", "verify", proxy.auditPath])
        #expect(verify.status == 0, "\(verify.text) \(verify.stderr)")
        let logged = Set(try Self.records(proxy.auditPath).compactMap { $0["path"] as? String })
        let missing = answered.subtracting(logged)
        #expect(missing.isEmpty, "answered but not logged: \(missing.prefix(5))")
    }

    @Test("an edited, deleted or swapped line is found by 'audit verify' with its line number")
    func tampering() throws {
        let origin = try Origin()
        let proxy = try Proxy(arguments: ["--audit-fsync-ms", "0"])
        for _ in 0..<4 { try curl(["-x", proxy.url, "http://127.0.0.1:\(origin.port)/small"]) }
        proxy.child.signal(SIGTERM)
        _ = proxy.child.waitForExit()
        let lines = try String(contentsOfFile: proxy.auditPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let copy = proxy.directory.appendingPathComponent("tampered.jsonl").path
        var edited = lines
        edited[2] = edited[2].replacingOccurrences(of: "\"status\":200", with: "\"status\":404")
        var deleted = lines
        deleted.remove(at: 2)
        var swapped = lines
        swapped.swapAt(1, 2)
        for variant in [edited, deleted, swapped] {
            try variant.joined(separator: "\n").write(toFile: copy, atomically: true, encoding: .utf8)
            let verify = try run(sluiceBinary(), ["audit", "verify", copy])
            #expect(verify.status == 1)
            #expect((verify.text + verify.stderr).contains(":2") || (verify.text + verify.stderr).contains(":3"), "\(verify.text)")
        }
    }
}
