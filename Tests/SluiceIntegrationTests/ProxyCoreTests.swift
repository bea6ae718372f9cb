import Foundation
import Testing

/// Sends raw bytes to the proxy and returns what came back before it closed (bounded).
func raw(_ port: Int, _ request: String, halfClose: Bool = false, timeout: Double = 10) throws -> (text: String, closed: Bool) {
    var args = [fixture("raw.py"), String(port), "--timeout", String(timeout)]
    if halfClose { args.append("--half-close") }
    let result = try run("/usr/bin/env", ["python3"] + args, stdin: Data(request.utf8), timeout: timeout + 10)
    return (result.text, result.status == 0)
}

@Suite("Forward proxy core")
struct ProxyCoreTests {
    @Test("absolute-form GET is forwarded, with Via and without hop-by-hop fields")
    func absoluteFormGet() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let small = try curl(["-x", proxy.url, "http://127.0.0.1:\(origin.port)/small"])
        #expect(small.text == String(repeating: "x", count: 100))
        let echo = try curl(["-x", proxy.url, "-H", "Proxy-Connection: keep-alive", "-H", "Connection: X-Secret",
                             "-H", "X-Secret: 1", "http://127.0.0.1:\(origin.port)/echo"])
        let json = try JSONSerialization.jsonObject(with: echo.stdout) as! [String: Any]
        let names = (json["headers"] as! [[String]]).map { $0[0].lowercased() }
        #expect(names.contains("via"))
        #expect(!names.contains("proxy-connection"))
        #expect(!names.contains("x-secret"))
        #expect(!names.contains("x-forwarded-for"))
        #expect(json["path"] as? String == "/echo")
    }

    @Test("keep-alive: two requests share one client connection and one upstream connection")
    func keepAlive() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let url = "http://127.0.0.1:\(origin.port)/small"
        let result = try curl(["-v", "-x", proxy.url, url, url])
        #expect(result.text.count == 200)
        #expect(result.stderr.contains("Re-using existing connection") || result.stderr.contains("Reusing existing"))
    }

    @Test("chunked responses and chunked request bodies pass through intact")
    func chunked() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let response = try curl(["-x", proxy.url, "http://127.0.0.1:\(origin.port)/chunked"])
        #expect(response.text == "alpha-beta-gamma")
        let body = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let upload = try curl(["-x", proxy.url, "-H", "Transfer-Encoding: chunked", "-H", "Content-Type: application/octet-stream",
                               "--data-binary", "@-", "http://127.0.0.1:\(origin.port)/upload"], stdin: body)
        let json = try JSONSerialization.jsonObject(with: upload.stdout) as! [String: Any]
        #expect(json["len"] as? Int == body.count)
    }

    @Test("Expect: 100-continue gets its 100 from the proxy and the body arrives")
    func expectContinue() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let body = Data(repeating: 65, count: 2_000_000)
        let result = try curl(["-v", "-x", proxy.url, "-H", "Expect: 100-continue", "-H", "Content-Type: application/octet-stream",
                               "--data-binary", "@-", "http://127.0.0.1:\(origin.port)/upload"], stdin: body)
        #expect(result.stderr.contains("HTTP/1.1 100 Continue"))
        let json = try JSONSerialization.jsonObject(with: result.stdout) as! [String: Any]
        #expect(json["len"] as? Int == body.count)
    }

    @Test("100 MB through forward and through CONNECT arrive complete")
    func largeBodies() throws {
        let origin = try Origin()
        let proxy = try Proxy(audit: false)
        let size = 100 * 1024 * 1024
        let url = "http://127.0.0.1:\(origin.port)/large?n=\(size)"
        let forward = try curl(["-x", proxy.url, "-o", "/dev/null", "-w", "%{size_download}", url], maxTime: 120)
        #expect(forward.text == String(size))
        let tunnel = try curl(["-p", "-x", proxy.url, "-o", "/dev/null", "-w", "%{size_download}", url], maxTime: 120)
        #expect(tunnel.text == String(size))
    }

    @Test("a server-sent-events answer reaches the client event by event")
    func serverSentEvents() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        // Reads event one through the proxy *before* telling the origin to send event two.
        let script = """
        import socket, sys, urllib.request
        proxy, origin = int(sys.argv[1]), int(sys.argv[2])
        s = socket.create_connection(("127.0.0.1", proxy), timeout=10)
        s.sendall(b"GET http://127.0.0.1:%d/sse HTTP/1.1\\r\\nHost: 127.0.0.1:%d\\r\\n\\r\\n" % (origin, origin))
        got = b""
        while b"data: one" not in got:
            chunk = s.recv(4096)
            assert chunk, "closed before the first event"
            got += chunk
        assert b"data: two" not in got
        urllib.request.urlopen("http://127.0.0.1:%d/release" % origin, timeout=10).read()
        while b"data: two" not in got:
            chunk = s.recv(4096)
            assert chunk, "closed before the second event"
            got += chunk
        print("incremental ok")
        """
        let result = try python(script, [String(proxy.port), String(origin.port)])
        #expect(result.text.contains("incremental ok"), "\(result.stderr)")
    }

    @Test("a WebSocket upgrade becomes a tunnel and echoes frames")
    func webSocket() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let script = """
        import os, socket, struct, sys
        proxy, origin = int(sys.argv[1]), int(sys.argv[2])
        s = socket.create_connection(("127.0.0.1", proxy), timeout=10)
        s.sendall(("GET http://127.0.0.1:%d/ws HTTP/1.1\\r\\nHost: 127.0.0.1:%d\\r\\nUpgrade: websocket\\r\\n"
                   "Connection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n" % (origin, origin)).encode())
        head = b""
        while b"\\r\\n\\r\\n" not in head:
            head += s.recv(1)
        assert head.startswith(b"HTTP/1.1 101"), head
        for message in (b"hello", b"x" * 1000):
            mask = os.urandom(4)
            length = bytes([0x80 | len(message)]) if len(message) < 126 else b"\\xfe" + struct.pack(">H", len(message))
            s.sendall(b"\\x81" + length + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(message)))
            first = s.recv(2)
            n = first[1] & 0x7F
            if n == 126:
                n = struct.unpack(">H", s.recv(2))[0]
            data = b""
            while len(data) < n:
                data += s.recv(n - len(data))
            assert data == message, data[:20]
        print("websocket ok")
        """
        let result = try python(script, [String(proxy.port), String(origin.port)])
        #expect(result.text.contains("websocket ok"), "\(result.stderr)")
    }

    @Test("pipelined requests are answered in order")
    func pipelining() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let host = "127.0.0.1:\(origin.port)"
        let request = "GET http://\(host)/echo?1 HTTP/1.1\r\nHost: \(host)\r\n\r\n"
            + "GET http://\(host)/chunked HTTP/1.1\r\nHost: \(host)\r\n\r\n"
            + "GET http://\(host)/echo?3 HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
        let (text, closed) = try raw(proxy.port, request)
        #expect(closed)
        let first = text.range(of: "/echo?1")
        let second = text.range(of: "alpha-")
        let third = text.range(of: "/echo?3")
        #expect(first != nil && second != nil && third != nil)
        if let first, let second, let third {
            #expect(first.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
        }
    }

    @Test("pipelined requests followed by a half-close are all answered, then the connection closes")
    func pipeliningThenHalfClose() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let host = "127.0.0.1:\(origin.port)"
        // The FIN arrives while the first answer is pending: the two buffered requests must still be answered.
        let request = "GET http://\(host)/echo?1 HTTP/1.1\r\nHost: \(host)\r\n\r\n"
            + "GET http://\(host)/chunked HTTP/1.1\r\nHost: \(host)\r\n\r\n"
            + "GET http://\(host)/echo?3 HTTP/1.1\r\nHost: \(host)\r\n\r\n"
        let (text, closed) = try raw(proxy.port, request, halfClose: true)
        #expect(closed)
        #expect(text.components(separatedBy: "HTTP/1.1 200").count == 4, "\(text)")
        let first = text.range(of: "/echo?1"), second = text.range(of: "alpha-"), third = text.range(of: "/echo?3")
        #expect(first != nil && second != nil && third != nil)
        if let first, let second, let third {
            #expect(first.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
        }
    }

    @Test("an HTTP/1.0 client gets a plain body and a close for a chunked answer")
    func http10Client() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let (text, closed) = try raw(proxy.port, "GET http://127.0.0.1:\(origin.port)/chunked HTTP/1.0\r\n\r\n")
        #expect(closed)
        #expect(text.hasPrefix("HTTP/1.1 200"))
        #expect(text.hasSuffix("\r\n\r\nalpha-beta-gamma"))
    }

    @Test("CONNECT tunnels carry bytes and pass a half-close on")
    func connectTunnel() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let viaCurl = try curl(["-p", "-x", proxy.url, "http://127.0.0.1:\(origin.port)/small"])
        #expect(viaCurl.text == String(repeating: "x", count: 100))
        // Half-close: the request is followed by FIN; the origin's answer must still come back.
        let host = "127.0.0.1:\(origin.port)"
        let (text, closed) = try raw(proxy.port, "CONNECT \(host) HTTP/1.1\r\nHost: \(host)\r\n\r\nGET /small HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", halfClose: true)
        #expect(closed)
        #expect(text.hasPrefix("HTTP/1.1 200"))
        #expect(text.hasSuffix(String(repeating: "x", count: 100)))
    }

    @Test("the proxy answers requests addressed to itself")
    func ownPages() throws {
        let proxy = try Proxy()
        let health = try curl(["\(proxy.url)/healthz"])
        #expect(health.text == "ok\n")
        let missing = try curl(["-o", "/dev/null", "-w", "%{http_code}", "\(proxy.url)/nothing-here"])
        #expect(missing.text == "404")
    }

    @Test("several --listen addresses, IPv6 included, each print their readiness line and serve")
    func severalListeners() throws {
        let origin = try Origin()
        let child = try ChildProcess(sluiceBinary(), ["serve", "--listen", "[::1]:0", "--listen", "127.0.0.1:0", "--no-audit",
                                                      "--policy", packageRoot().appendingPathComponent("policy/default.yaml").path])
        let v6 = try child.waitForLine(prefix: "listening on [::1]:")
        let v4 = try child.waitForLine(prefix: "listening on 127.0.0.1:")
        for line in [v6, v4] {
            let proxy = "http://" + line.dropFirst("listening on ".count)
            let result = try curl(["-x", proxy, "http://127.0.0.1:\(origin.port)/small"])
            #expect(result.text == String(repeating: "x", count: 100), "\(proxy): \(result.stderr)")
        }
    }

    @Test("an idempotent request on a pooled connection the origin has closed is retried on a fresh one")
    func staleKeepAlive() throws {
        let origin = try Origin()
        let proxy = try Proxy()
        let url = "http://127.0.0.1:\(origin.port)/abrupt"
        let result = try curl(["-x", proxy.url, url, url, url, url])
        #expect(result.text == String(repeating: "y", count: 40), "\(result.stderr)")
    }
}
