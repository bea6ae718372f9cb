#!/usr/bin/env python3
"""https_ka.py URL --cacert CA [--proxy PORT] [--connect-to H:P:H2:P2] [--conns 8] [--duration 10]

Keep-alive HTTPS GETs of URL from --conns curl processes, each reusing one TLS connection (curl URL globbing),
through a CONNECT proxy that intercepts TLS (or direct). Certificates are verified against CA, so an
interceptor that is not actually minting leaves from its CA fails here. Runs --duration seconds, stops its
own curl processes by pid, prints one JSON line: requests, req/s, p50/p99 ms, non-200s, connections opened."""
import argparse, json, subprocess, threading, time

a = argparse.ArgumentParser()
a.add_argument("url")
a.add_argument("--cacert", required=True)
a.add_argument("--proxy", type=int, help="proxy port on 127.0.0.1 (omit for direct)")
a.add_argument("--connect-to", help="curl --connect-to for the direct run (the name has no DNS entry)")
a.add_argument("--conns", type=int, default=8)
a.add_argument("--duration", type=float, default=10.0)
args = a.parse_args()

cmd = ["stdbuf", "-oL", "curl", "-s", "--http1.1", "--cacert", args.cacert, "-o", "/dev/null",
       "-w", "%{time_total} %{http_code} %{num_connects}\n"]
if args.proxy:
    cmd += ["-x", f"http://127.0.0.1:{args.proxy}"]
if args.connect_to:
    cmd += ["--connect-to", args.connect_to]
cmd.append(args.url + "?[1-10000000]")

samples, lock = [], threading.Lock()  # (arrival time, time_total, status, new connections)


def reader(p):
    for line in p.stdout:
        parts = line.split()
        if len(parts) != 3:
            continue
        with lock:
            samples.append((time.monotonic(), float(parts[0]), parts[1], int(parts[2])))


procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) for _ in range(args.conns)]
threads = [threading.Thread(target=reader, args=(p,), daemon=True) for p in procs]
t0 = time.monotonic()
for t in threads:
    t.start()
time.sleep(args.duration)
end = time.monotonic()
for p in procs:
    p.terminate()
for p in procs:
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
with lock:
    got = [s for s in samples if s[0] <= end]
ok = [s for s in got if s[2] == "200"]
lat = sorted(s[1] for s in ok)
pct = lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 3) if lat else None
print(json.dumps({"requests": len(ok), "rps": round(len(ok) / (end - t0), 1), "p50_ms": pct(0.50),
                  "p99_ms": pct(0.99), "non200": len(got) - len(ok), "connects": sum(s[3] for s in got)}))
