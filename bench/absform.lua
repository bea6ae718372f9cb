-- wrk script: GET $BENCH_URL in absolute form (wrk has no proxy option), optionally Connection: close.
-- Prints one machine-readable line: WRKJSON {...}
wrk.path = os.getenv("BENCH_URL") or "/small"
wrk.headers["Host"] = os.getenv("BENCH_HOST") or "127.0.0.1"
if os.getenv("BENCH_CLOSE") == "1" then wrk.headers["Connection"] = "close" end

function done(summary, latency, requests)
  local e, secs = summary.errors, summary.duration / 1e6
  io.write(string.format('WRKJSON {"requests":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"errors":%d}\n',
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
