#!/usr/bin/env python3
"""tunnels.py PROXY_PORT PID N TARGET: opens N CONNECT tunnels, holds them idle, then sends one request
through each. Prints JSON: established, alive, RSS before/held and KiB per tunnel. Bounded in time."""
import asyncio, json, sys, time
from procstat import tree


async def main(port, pid, n, target):
    before = tree(pid)
    sem = asyncio.Semaphore(200)
    deadline = time.monotonic() + 90

    async def one():
        async with sem:
            left = max(1.0, deadline - time.monotonic())
            r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), left)
            w.write(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
            head = await asyncio.wait_for(r.readuntil(b"\r\n\r\n"), left)
            if not head.startswith(b"HTTP/1.1 200"):
                w.close()
                raise RuntimeError(head[:40])
            return r, w

    res = await asyncio.gather(*(one() for _ in range(n)), return_exceptions=True)
    ok = [x for x in res if not isinstance(x, BaseException)]
    await asyncio.sleep(3)
    held = tree(pid)

    async def probe(rw):
        r, w = rw
        async with sem:
            try:
                w.write(f"GET /small HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
                head = await asyncio.wait_for(r.readuntil(b"\r\n\r\n"), 15)
                return head.startswith(b"HTTP/1.1 200")
            except Exception:
                return False

    alive = sum(await asyncio.gather(*(probe(rw) for rw in ok)))
    for _, w in ok:
        w.close()
    grow = held["rss_kb"] - before["rss_kb"]
    print(json.dumps({"n": n, "established": len(ok), "alive": alive, "rss_before_kb": before["rss_kb"],
                      "rss_held_kb": held["rss_kb"], "kb_per_tunnel": round(grow / max(len(ok), 1), 2)}))


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]))
