#!/usr/bin/env python3
"""Loopback origin server for Sluice's integration tests.

Prints "origin on PORT" once listening. Every wait is bounded, so a failing test cannot hang it.
Endpoints: /small /echo /large?n= /chunked /sse + /release /close /slow /upload /ws (WebSocket echo).
"""
import base64, hashlib, http.server, json, socketserver, ssl, struct, sys, threading

RELEASE = threading.Event()
SLOW_ARRIVED = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return body
                body += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length", "0") or 0)
        return self.rfile.read(n) if n else b""

    def send(self, status, body, ctype="text/plain", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        path, _, query = self.path.partition("?")
        if path == "/ws" and self.headers.get("Upgrade", "").lower() == "websocket":
            return self.websocket()
        body = self.read_body() if self.command not in ("GET", "HEAD") or self.headers.get("Content-Length") or self.headers.get("Transfer-Encoding") else b""
        if path == "/small":
            return self.send(200, b"x" * 100)
        if path == "/abrupt":
            # Keep-alive by the headers, but the next request on this connection is read and dropped
            # unanswered: an origin's idle timeout racing with a reused connection.
            self.send(200, b"y" * 10)
            self.wfile.flush()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            self.close_connection = True
            return
        if path == "/echo" or path.startswith(("/v1/", "/api/", "/backend-api/", "/echo/")):
            info = {"method": self.command, "path": self.path, "headers": [[k, v] for k, v in self.headers.items()],
                    "body": body.decode("utf-8", "replace"), "body_len": len(body),
                    "body_sha256": hashlib.sha256(body).hexdigest()}
            return self.send(200, json.dumps(info).encode(), "application/json")
        if path == "/upload":
            return self.send(200, json.dumps({"len": len(body), "sha256": hashlib.sha256(body).hexdigest()}).encode(), "application/json")
        if path == "/large":
            n = int(query.split("=")[1]) if query.startswith("n=") else 1 << 20
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(n))
            self.end_headers()
            block = bytes(range(256)) * 256
            sent = 0
            while sent < n:
                piece = block[: min(len(block), n - sent)]
                self.wfile.write(piece)
                sent += len(piece)
            return
        if path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"alpha-", b"beta-", b"gamma"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
            return
        if path == "/sse":
            RELEASE.clear()
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            first = b"data: one\n\n"
            self.wfile.write(b"%x\r\n%s\r\n" % (len(first), first))
            self.wfile.flush()
            RELEASE.wait(20)
            second = b"data: two\n\n"
            self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(second), second))
            return
        if path == "/release":
            RELEASE.set()
            return self.send(200, b"released")
        if path == "/close":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"body until close")
            self.close_connection = True
            return
        if path == "/wait-slow":
            SLOW_ARRIVED.wait(15)
            return self.send(200, b"arrived")
        if path == "/slow":
            SLOW_ARRIVED.set()
            RELEASE.wait(20)
            return self.send(200, b"late")
        return self.send(404, b"no such path " + path.encode())

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = handle_any

    def websocket(self):
        key = self.headers["Sec-WebSocket-Key"]
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.end_headers()
        self.wfile.flush()
        while True:
            head = self.rfile.read(2)
            if len(head) < 2:
                return
            opcode, length = head[0] & 0x0F, head[1] & 0x7F
            if length == 126:
                length = struct.unpack(">H", self.rfile.read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self.rfile.read(8))[0]
            mask = self.rfile.read(4) if head[1] & 0x80 else b"\0\0\0\0"
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(self.rfile.read(length)))
            if opcode == 8:
                self.wfile.write(b"\x88\x00")
                return
            out = bytes([0x80 | opcode])
            out += bytes([len(data)]) if len(data) < 126 else b"\x7e" + struct.pack(">H", len(data))
            self.wfile.write(out + data)
            self.wfile.flush()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) > 2 and sys.argv[1] == "--tls":
        cert, key = sys.argv[2], sys.argv[3]
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print("origin on %d" % server.server_address[1], flush=True)
    # Stops by itself: no test needs an origin for more than a few minutes.
    threading.Timer(600, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
