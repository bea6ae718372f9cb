#!/usr/bin/env python3
"""Sends stdin's bytes to 127.0.0.1:PORT and prints everything received until the peer closes.

  raw.py PORT [--half-close] [--timeout S] [--expect-close]
Exit 0 when the peer closed the connection, 3 when the timeout ended the read instead.
"""
import socket, sys

port = int(sys.argv[1])
timeout = float(sys.argv[sys.argv.index("--timeout") + 1]) if "--timeout" in sys.argv else 10.0
data = sys.stdin.buffer.read()
s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
s.sendall(data)
if "--half-close" in sys.argv:
    s.shutdown(socket.SHUT_WR)
out = b""
closed = False
try:
    while True:
        chunk = s.recv(65536)
        if not chunk:
            closed = True
            break
        out += chunk
except socket.timeout:
    pass
except ConnectionResetError:
    closed = True
sys.stdout.buffer.write(out)
sys.exit(0 if closed else 3)
