#!/usr/bin/env python3
"""procstat.py PID: RSS (KiB), threads and CPU seconds of PID and its descendants, as JSON."""
import json, os, sys

HZ = os.sysconf("SC_CLK_TCK")


def tree(pid):
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    kids.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    todo, out = [int(pid)], {"rss_kb": 0, "threads": 0, "cpu_s": 0.0}
    while todo:
        p = todo.pop()
        todo += kids.get(p, [])
        try:
            with open(f"/proc/{p}/status") as f:
                st = dict(l.split(":", 1) for l in f if ":" in l)
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out["rss_kb"] += int(st.get("VmRSS", "0 kB").split()[0])
        out["threads"] += int(st.get("Threads", "0").split()[0])
        out["cpu_s"] += (int(fields[11]) + int(fields[12])) / HZ
    return out


if __name__ == "__main__":
    print(json.dumps(tree(sys.argv[1])))
