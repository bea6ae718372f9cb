#!/usr/bin/env bash
# make bench: Sluice against direct, tinyproxy and squid in one run on loopback, plus Sluice's own
# micro-benchmarks. Prints a table of ratios and writes it into docs/performance.md between markers.
# TLS interception: sluice (own CA, --upstream-ca for an nginx HTTPS origin) vs squid-openssl ssl_bump vs direct HTTPS.
# Knobs: DUR (seconds per wrk run, 10) CONNS (64) TUNNELS (5000) PEERS ("tinyproxy squid") ROUNDS (1)
#        BULK_RUNS (5) TLS_PEERS ("squid-bump"; "" skips it) TLS_CONNS (8 curl processes) SQUID_OPENSSL_ROOT (/tmp/squid-openssl)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
BIN=$ROOT/.build/release/sluice
DUR=${DUR:-10} CONNS=${CONNS:-64} TUNNELS=${TUNNELS:-5000} PEERS=${PEERS-"tinyproxy squid"} ROUNDS=${ROUNDS:-1}
TLS_PEERS=${TLS_PEERS-squid-bump} TLS_CONNS=${TLS_CONNS:-8} SQUID_OPENSSL_ROOT=${SQUID_OPENSSL_ROOT:-/tmp/squid-openssl}
ORIGIN_PORT=19080 HTTPS_PORT=19443 SLUICE_PORT=19150
declare -A PORT=([squid]=19101 [tinyproxy]=19102 [squid-bump]=19106 [sluice]=$SLUICE_PORT [sluice-noaudit]=19151 [sluice-tls]=19152)

need=(); for p in wrk nginx squid tinyproxy curl openssl; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; fi
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

RUN=$(mktemp -d /tmp/sluice-bench.XXXXXX)
chmod 755 "$RUN"  # squid and tinyproxy drop to their own users and must reach their directories
RESULTS=$RUN/results.jsonl
PIDS=()
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
# Stops what this script started (by pid) and drops the 100 MiB body; results.jsonl and the logs stay in $RUN.
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -f "$RUN/www/large"; }
trap cleanup EXIT

wait_port() { for _ in $(seq 1 100); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.1; done; return 1; }
proc() { python3 "$BENCH/procstat.py" "$1"; }
emit() { printf '{"target":"%s","test":"%s","r":%s}\n' "$1" "$2" "$3" >>"$RESULTS"; }

# --- origin: nginx on loopback with a 100-byte and a 100 MiB file, over HTTP and HTTPS ----------
mkdir -p "$RUN/www" "$RUN/nginx"
# bench.test has no DNS entry: sluice gets --connect-to, squid a hosts_file, direct curl --connect-to.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj /CN=bench.test \
  -addext subjectAltName=DNS:bench.test -keyout "$RUN/nginx/key.pem" -out "$RUN/nginx/cert.pem" 2>/dev/null
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
  server {
    listen 127.0.0.1:$HTTPS_PORT ssl;
    ssl_certificate $RUN/nginx/cert.pem; ssl_certificate_key $RUN/nginx/key.pem;
    root $RUN/www;
  }
}
CONF
nginx -c "$RUN/nginx/nginx.conf" -p "$RUN/nginx" &
PIDS+=($!)
wait_port $ORIGIN_PORT || { echo "nginx did not start" >&2; exit 1; }
wait_port $HTTPS_PORT || { echo "nginx did not listen for HTTPS" >&2; exit 1; }

# --- TLS interception set-up: sluice's CA, a policy that inspects bench.test, squid-openssl unpacked ---
"$BIN" ca init --dir "$RUN/sluice-ca" >/dev/null
cp "$ROOT/policy/default.yaml" "$RUN/tls-policy.yaml"
printf '  - {name: bench-tls, action: monitor, domains: [bench.test]}\n' >>"$RUN/tls-policy.yaml"
"$BIN" policy check "$RUN/tls-policy.yaml" >/dev/null
if [[ " $TLS_PEERS " == *" squid-bump "* && ! -x $SQUID_OPENSSL_ROOT/usr/sbin/squid ]]; then
  # Debian's squid is the GnuTLS build and cannot bump; squid-openssl conflicts with it, so it is unpacked, not installed.
  (cd "$RUN" && apt-get download -qq squid-openssl 2>/dev/null && dpkg -x squid-openssl_*.deb "$SQUID_OPENSSL_ROOT") ||
    { log "squid-openssl unavailable: no squid-bump row"; TLS_PEERS=${TLS_PEERS//squid-bump/}; }
fi

start_target() { # name -> pid on stdout
  local name=$1 dir=$RUN/$1; mkdir -p "$dir"
  case $name in
  sluice) "$BIN" serve --listen 127.0.0.1:$SLUICE_PORT --policy "$ROOT/policy/default.yaml" --audit-log "$dir/audit.jsonl" >"$dir/log" 2>&1 & ;;
  sluice-tls) "$BIN" serve --listen 127.0.0.1:${PORT[$name]} --policy "$RUN/tls-policy.yaml" --audit-log "$dir/audit.jsonl" \
    --ca-dir "$RUN/sluice-ca" --upstream-ca "$RUN/nginx/cert.pem" \
    --connect-to "bench.test:$HTTPS_PORT:127.0.0.1:$HTTPS_PORT" >"$dir/log" 2>&1 & ;;
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
  squid-bump) # squid 5.7 ssl_bump (peek, then bump) with an ECDSA P-256 CA like sluice's, verifying the origin
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj "/CN=bench squid-bump CA" \
      -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    cat "$dir/ca.key" "$dir/ca.crt" >"$dir/ca.pem"
    echo "127.0.0.1 bench.test" >"$dir/hosts"
    "$SQUID_OPENSSL_ROOT/usr/lib/squid/security_file_certgen" -c -s "$dir/ssl_db" -M 16MB >/dev/null
    chown -R proxy:proxy "$dir"
    cat >"$dir/squid.conf" <<CONF
http_port 127.0.0.1:${PORT[squid-bump]} ssl-bump tls-cert=$dir/ca.pem generate-host-certificates=on dynamic_cert_mem_cache_size=16MB
sslcrtd_program $SQUID_OPENSSL_ROOT/usr/lib/squid/security_file_certgen -s $dir/ssl_db -M 16MB
sslcrtd_children 5 startup=1 idle=1
acl step1 at_step SslBump1
ssl_bump peek step1
ssl_bump bump all
tls_outgoing_options cafile=$RUN/nginx/cert.pem
hosts_file $dir/hosts
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
    "$SQUID_OPENSSL_ROOT/usr/sbin/squid" -N -f "$dir/squid.conf" >"$dir/log" 2>&1 & ;;
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
  # Best of BULK_RUNS (5) transfers each: one 100 MiB copy takes ~0.1 s, so a single run mostly measures
  # whatever else the 2 shared cores were doing at that moment. A direct transfer is interleaved with every
  # proxied pair, so each target's CONNECT ratio compares transfers made in the same seconds.
  local fwd=() con=() dir=()
  for _ in $(seq 1 "${BULK_RUNS:-5}"); do
    [ "$2" = direct ] || dir+=("$(curl "${w[@]}" "http://127.0.0.1:$ORIGIN_PORT/large" || true)")
    fwd+=("$(curl "${w[@]}" "${px[@]}" "http://127.0.0.1:$ORIGIN_PORT/large" || true)")
    con+=("$(curl "${w[@]}" "${p[@]}" "${px[@]}" "http://127.0.0.1:$ORIGIN_PORT/large" || true)")
  done
  emit "$1" bulk "$(python3 -c '
import json, sys
def mb(s):
    p = (s or "0 0 0").split()
    return round(float(p[0]) / 1e6, 1) if len(p) == 3 and p[1] == "200" and p[2] == "104857600" else 0.0
fwd, con, dir = ([l for l in x.splitlines() if l.strip()] for x in sys.argv[1:4])
r = {"fwd_MBps": max(map(mb, fwd)), "connect_MBps": max(map(mb, con)),
     "fwd_runs": [mb(x) for x in fwd], "connect_runs": [mb(x) for x in con]}
if dir:
    r["paired_direct_MBps"] = max(map(mb, dir))
    r["paired_direct_runs"] = [mb(x) for x in dir]
print(json.dumps(r))' "$(printf '%s\n' "${fwd[@]}")" "$(printf '%s\n' "${con[@]}")" "$(printf '%s\n' "${dir[@]}")")"
}

run_tls() { # name port|direct pid cacert
  local before after out via=()
  if [ "$2" = direct ]; then via=(--connect-to "bench.test:$HTTPS_PORT:127.0.0.1:$HTTPS_PORT"); else via=(--proxy "$2"); fi
  before=$(proc "$3")
  out=$(timeout $((DUR + 30)) python3 "$BENCH/https_ka.py" "https://bench.test:$HTTPS_PORT/small" --cacert "$4" \
    --conns "$TLS_CONNS" --duration "$DUR" "${via[@]}" || true)
  after=$(proc "$3")
  emit "$1" tls_ka "$(python3 -c '
import json, sys
r, a, b = (json.loads(x) for x in sys.argv[1:])
r["cpu_us_per_req"] = round((b["cpu_s"] - a["cpu_s"]) * 1e6 / max(r["requests"], 1), 1)
print(json.dumps(r))' "${out:-{\"requests\":0,\"rps\":0\}}" "$before" "$after")"
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
  log "round $round: TLS interception (direct HTTPS, sluice-tls $TLS_PEERS)"
  run_tls direct direct "$(cat "$RUN/nginx/nginx.pid")" "$RUN/nginx/cert.pem"
  for name in sluice-tls $TLS_PEERS; do
    pid=$(start_target "$name") || continue
    case $name in sluice-tls) ca=$RUN/sluice-ca/ca.pem ;; squid-bump) ca=$RUN/$name/ca.crt ;; esac
    run_tls "$name" "${PORT[$name]}" "$pid" "$ca"
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  done
done

log "micro-benchmarks"
"$BIN" bench --json --corpus "$ROOT/../shared/pii-corpus/dev.jsonl" >>"$RESULTS" || log "sluice bench failed"

python3 "$BENCH/report.py" "$RESULTS" "$ROOT/docs/performance.md"
