#!/usr/bin/env python3
"""report.py RESULTS.jsonl [DOC.md]: prints the benchmark table (ratios against direct and squid) and,
with DOC, replaces the part of DOC between '<!-- bench:begin -->' and '<!-- bench:end -->'."""
import collections, datetime, json, platform, sys

rows = collections.defaultdict(lambda: collections.defaultdict(list))
micro = {}
for line in open(sys.argv[1]):
    line = line.strip()
    if not line:
        continue
    rec = json.loads(line)
    if rec.get("test") == "micro":
        micro.update(rec["r"])
        continue
    rows[rec["target"]][rec["test"]].append(rec["r"])


def mean(target, test, key):
    vals = [r.get(key) for r in rows[target][test] if isinstance(r.get(key), (int, float))]
    return sum(vals) / len(vals) if vals else None


def fmt(v, digits=0):
    return "-" if v is None else f"{v:,.{digits}f}"


def ratio(a, b):
    return None if a is None or not b else a / b


direct_ka = mean("direct", "ka", "rps")
direct_con = mean("direct", "bulk", "connect_MBps")
out = []
out.append(f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {platform.node()} "
           f"({platform.machine()}, {len(open('/proc/cpuinfo').read().split('processor')) - 1} cores); "
           "all targets in the same run, loopback, nginx origin. Ratios matter, not absolute numbers.")
out.append("")
out.append("| target | keep-alive req/s (x direct) | CPU µs/req | Connection: close req/s | forward MB/s | CONNECT MB/s (x direct, interleaved) | idle tunnels: alive / RSS KiB per tunnel |")
out.append("|---|---|---|---|---|---|---|")
for target in ["direct", "sluice", "sluice-noaudit", "squid", "tinyproxy"]:
    if target not in rows:
        continue
    ka = mean(target, "ka", "rps")
    cpu = mean(target, "ka", "cpu_us_per_req")
    close = mean(target, "close", "rps")
    fwd = mean(target, "bulk", "fwd_MBps")
    con = mean(target, "bulk", "connect_MBps")
    t = rows[target]["tunnels"][-1] if rows[target]["tunnels"] else {}
    tun = "-" if not t or t.get("failed") else f"{t['alive']}/{t['n']}, {t['rss_held_kb'] / 1024:,.1f} MB total, {t['kb_per_tunnel']} KiB each"
    paired = mean(target, "bulk", "paired_direct_MBps") or direct_con
    out.append(f"| {target} | {fmt(ka)} ({fmt(ratio(ka, direct_ka), 2)}) | {fmt(cpu, 1)} | {fmt(close)} | {fmt(fwd)} | "
               f"{fmt(con)} ({fmt(ratio(con, paired), 2)}) | {tun} |")
tls_targets = [t for t in ["direct", "sluice-tls", "squid-bump"] if rows[t]["tls_ka"]]
direct_tls = mean("direct", "tls_ka", "rps")
if tls_targets:
    out.append("")
    out.append("| HTTPS keep-alive (curl, one connection each, certificate verified) | req/s (x direct HTTPS) | CPU µs/req | p50 / p99 ms | non-200 |")
    out.append("|---|---|---|---|---|")
    for target in tls_targets:
        rps = mean(target, "tls_ka", "rps")
        label = {"direct": "direct HTTPS (no proxy)", "sluice-tls": "sluice, intercepted (monitor rule)",
                 "squid-bump": "squid-openssl ssl_bump"}[target]
        out.append(f"| {label} | {fmt(rps)} ({fmt(ratio(rps, direct_tls), 2)}) | {fmt(mean(target, 'tls_ka', 'cpu_us_per_req'), 1)} | "
                   f"{fmt(mean(target, 'tls_ka', 'p50_ms'), 2)} / {fmt(mean(target, 'tls_ka', 'p99_ms'), 2)} | "
                   f"{fmt(mean(target, 'tls_ka', 'non200'))} |")
out.append("")
s_ka, q_ka = mean("sluice", "ka", "rps"), mean("squid", "ka", "rps")
s_cpu, q_cpu = mean("sluice", "ka", "cpu_us_per_req"), mean("squid", "ka", "cpu_us_per_req")
na_ka = mean("sluice-noaudit", "ka", "rps")
con = mean("sluice", "bulk", "connect_MBps")
con_direct = mean("sluice", "bulk", "paired_direct_MBps") or direct_con
t = rows["sluice"]["tunnels"][-1] if rows["sluice"]["tunnels"] else {}
checks = [
    ("keep-alive req/s vs squid (target >= 3x)", ratio(s_ka, q_ka), 3.0, True),
    ("CPU per request vs squid (target <= 0.33x)", ratio(s_cpu, q_cpu), 0.34, False),
    ("CONNECT bulk vs direct, interleaved transfers (target >= 0.9x)", ratio(con, con_direct), 0.9, True),
    ("audit log on vs off, keep-alive req/s (target >= 0.9x)", ratio(s_ka, na_ka), 0.9, True),
    ("TLS-intercepted keep-alive req/s vs squid ssl_bump (target >= 1.5x)",
     ratio(mean("sluice-tls", "tls_ka", "rps"), mean("squid-bump", "tls_ka", "rps")), 1.5, True),
    ("TLS-intercepted CPU per request vs squid ssl_bump (no target)",
     ratio(mean("sluice-tls", "tls_ka", "cpu_us_per_req"), mean("squid-bump", "tls_ka", "cpu_us_per_req")), None, False),
]
out.append("| goal | measured | met |")
out.append("|---|---|---|")
for name, value, limit, higher in checks:
    met = "-" if value is None or limit is None else ("yes" if (value >= limit if higher else value <= limit) else "no")
    out.append(f"| {name} | {fmt(value, 2)}x | {met} |")
if t and not t.get("failed"):
    mb = t["rss_held_kb"] / 1024
    out.append(f"| {t['n']} idle tunnels RSS (target < 60 MB) | {mb:,.1f} MB | {'yes' if mb < 60 and t['alive'] == t['n'] else 'no'} |")
if micro:
    out.append("")
    out.append("| micro-benchmark (`sluice bench`) | result |")
    out.append("|---|---|")
    for k, v in micro.items():
        out.append(f"| {k} | {v} |")
text = "\n".join(out)
print(text)
if len(sys.argv) > 2:
    doc = open(sys.argv[2]).read()
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin in doc and end in doc:
        doc = doc[: doc.index(begin) + len(begin)] + "\n" + text + "\n" + doc[doc.index(end):]
        open(sys.argv[2], "w").write(doc)
