#!/usr/bin/env bash
# make bench: Sluice against direct, tinyproxy and squid in one run on loopback, plus Sluice's own
# micro-benchmarks. Prints a table of ratios and writes it into docs/performance.md between markers.
# Knobs: DUR (seconds per wrk run, 10) CONNS (64) TUNNELS (5000) PEERS ("tinyproxy squid") ROUNDS (1)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
BIN=$ROOT/.build/release/sluice
DUR=${DUR:-10} CONNS=${CONNS:-64} TUNNELS=${TUNNELS:-5000} PEERS=${PEERS:-"tinyproxy squid"} ROUNDS=${ROUNDS:-1}
ORIGIN_PORT=19080 SLUICE_PORT=19150
declare -A PORT=([squid]=19101 [tinyproxy]=19102 [sluice]=$SLUICE_PORT [sluice-noaudit]=19151)

need=(); for p in wrk nginx squid tinyproxy curl; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; fi
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

RUN=$(mktemp -d /tmp/sluice-bench.XXXXXX)
RESULTS=$RUN/results.jsonl
PIDS=()
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_port() { for _ in $(seq 1 100); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.1; done; return 1; }
proc() { python3 "$BENCH/procstat.py" "$1"; }
emit() { printf '{"target":"%s","test":"%s","r":%s}\n' "$1" "$2" "$3" >>"$RESULTS"; }

# --- origin: nginx on loopback with a 100-byte and a 100 MiB file -------------------------------
mkdir -p "$RUN/www" "$RUN/nginx"
head -c 100 /dev/zero | tr '\0' x >"$RUN/www/small"
head -c $((100 * 1024 * 1024)) /dev/urandom >"$RUN/www/large"
cat >"$RUN/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log;
events { worker_connections 20000; }
http {
  access_log off;
  keepalive_requests 10000000;
  server { listen 127.0.0.1:$ORIGIN_PORT; root $RUN/www; }
}
CONF
nginx -c "$RUN/nginx/nginx.conf" -p "$RUN/nginx" &
PIDS+=($!)
wait_port $ORIGIN_PORT || { echo "nginx did not start" >&2; exit 1; }

start_target() { # name -> pid on stdout
  local name=$1 dir=$RUN/$1; mkdir -p "$dir"
  case $name in
  sluice) "$BIN" serve --listen 127.0.0.1:$SLUICE_PORT --policy "$ROOT/policy/default.yaml" --audit-log "$dir/audit.jsonl" >"$dir/log" 2>&1 & ;;
  sluice-noaudit) "$BIN" serve --listen 127.0.0.1:${PORT[$name]} --policy "$ROOT/policy/default.yaml" --no-audit >"$dir/log" 2>&1 & ;;
  squid)
    chown proxy:proxy "$dir"
    cat >"$dir/squid.conf" <<CONF
http_port 127.0.0.1:${PORT[squid]}
http_access allow localhost
http_access deny all
cache deny all
cache_mem 0 MB
access_log stdio:$dir/access.log squid
cache_log $dir/cache.log
cache_store_log none
pid_filename $dir/squid.pid
coredump_dir $dir
netdb_filename none
pinger_enable off
cache_effective_user proxy
max_filedescriptors 20000
shutdown_lifetime 1 seconds
CONF
    squid -N -f "$dir/squid.conf" >"$dir/log" 2>&1 & ;;
  tinyproxy)
    chown tinyproxy:tinyproxy "$dir"
    cat >"$dir/tinyproxy.conf" <<CONF
User tinyproxy
Group tinyproxy
Port ${PORT[tinyproxy]}
Listen 127.0.0.1
Timeout 600
MaxClients 10000
LogFile "$dir/tinyproxy.log"
LogLevel Warning
PidFile "$dir/tinyproxy.pid"
Allow 127.0.0.1
CONF
    tinyproxy -d -c "$dir/tinyproxy.conf" >"$dir/log" 2>&1 & ;;
  esac
  local pid=$!
  PIDS+=("$pid")
  wait_port "${PORT[$name]}" || { echo "$name did not listen" >&2; cat "$dir/log" >&2; return 1; }
  echo "$pid"
}

run_wrk() { # name port pid url close
  local before after out
  before=$(proc "$3")
  out=$(BENCH_URL=$4 BENCH_HOST=127.0.0.1:$ORIGIN_PORT BENCH_CLOSE=$5 timeout $((DUR + 30)) \
    wrk -t2 -c"$CONNS" -d"${DUR}s" --timeout 5s --latency -s "$BENCH/absform.lua" "http://127.0.0.1:$2" | sed -n 's/^WRKJSON //p')
  after=$(proc "$3")
  emit "$1" "$([ "$5" = 1 ] && echo close || echo ka)" "$(python3 -c '
import json, sys
r, a, b = (json.loads(x) for x in sys.argv[1:])
r["cpu_us_per_req"] = round((b["cpu_s"] - a["cpu_s"]) * 1e6 / max(r["requests"], 1), 1)
print(json.dumps(r))' "${out:-{\"requests\":0,\"rps\":0,\"errors\":0\}}" "$before" "$after")"
}

run_bulk() { # name port|direct
  local px=() p=() out
  [ "$2" = direct ] || { px=(-x "http://127.0.0.1:$2"); p=(-p); }
  local w=(-s -o /dev/null --max-time 120 -w '%{speed_download} %{http_code} %{size_download}')
  fwd=$(curl "${w[@]}" "${px[@]}" "http://127.0.0.1:$ORIGIN_PORT/large" || true)
  con=$(curl "${w[@]}" "${p[@]}" "${px[@]}" "http://127.0.0.1:$ORIGIN_PORT/large" || true)
  emit "$1" bulk "$(python3 -c '
import json, sys
def mb(s):
    p = (s or "0 0 0").split()
    return round(float(p[0]) / 1e6, 1) if p[1] == "200" and p[2] == "104857600" else 0.0
print(json.dumps({"fwd_MBps": mb(sys.argv[1]), "connect_MBps": mb(sys.argv[2])}))' "$fwd" "$con")"
}

for round in $(seq 1 "$ROUNDS"); do
  log "round $round: direct"
  run_wrk direct $ORIGIN_PORT "$(cat "$RUN/nginx/nginx.pid")" /small 0
  run_wrk direct $ORIGIN_PORT "$(cat "$RUN/nginx/nginx.pid")" /small 1
  run_bulk direct direct
  for name in sluice sluice-noaudit $PEERS; do
    log "round $round: $name"
    pid=$(start_target "$name") || continue
    if [ "$name" != sluice-noaudit ]; then
      emit "$name" tunnels "$(timeout 200 python3 "$BENCH/tunnels.py" "${PORT[$name]}" "$pid" "$TUNNELS" 127.0.0.1:$ORIGIN_PORT || echo '{"failed":true}')"
    fi
    run_wrk "$name" "${PORT[$name]}" "$pid" "http://127.0.0.1:$ORIGIN_PORT/small" 0
    if [ "$name" != sluice-noaudit ]; then
      run_wrk "$name" "${PORT[$name]}" "$pid" "http://127.0.0.1:$ORIGIN_PORT/small" 1
      run_bulk "$name" "${PORT[$name]}"
    fi
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  done
done

log "micro-benchmarks"
"$BIN" bench --json >>"$RESULTS" || log "sluice bench failed"

python3 "$BENCH/report.py" "$RESULTS" "$ROOT/docs/performance.md"
