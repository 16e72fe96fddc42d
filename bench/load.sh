#!/usr/bin/env bash
# HTTP load on the real gateway jar with wrk, each figure next to a baseline measured in the same run.
#   bench/load.sh http   — GET /health, then EMAIL and CALL checks (1 M listed addresses loaded)
#   bench/load.sh sends  — POST /api/v1/emails: accepted/s to the .eml outbox, then accepted/s and
#                          delivered/s to a local SMTP server at the same time; decisions per commit
# Environment: DURATION (default 30s), WARMUP (default 30s), CONNS (64 for http, 32 for sends), THREADS (2).
# Each measured run is preceded by an unmeasured run of the same requests for WARMUP: on 2 cores the
# JIT's C2 thread competes with the load and was still compiling the check path a minute after start
# (a quarter of the JVM's CPU), so an unwarmed run measures the JIT rather than the gateway.
# Called by bench/run.sh after it has built the jars; wrk must be installed (apt-get install wrk).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mode="${1:?usage: bench/load.sh http|sends}"
duration="${DURATION:-30s}"
warmup="${WARMUP:-30s}"
threads="${THREADS:-2}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
jar="$root/target/outreach-gateway.jar"
work="$(mktemp -d)"
admin="bench-admin-key-0123456789"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "# cores: $(nproc); wrk threads: $threads; duration: $duration after a warm-up of $warmup; $(java -version 2>&1 | head -1)"

start_gateway() { # $1 = extra env assignments
  port=$(free_port)
  rm -rf "$work/data"; mkdir -p "$work/lists/email"
  env OUTREACH_HTTP_PORT="$port" OUTREACH_HTTP_HOST=127.0.0.1 OUTREACH_PUBLIC_BASE_URL="http://127.0.0.1:$port" \
      OUTREACH_PUBLIC_ALLOW_PLAIN_HTTP=true OUTREACH_DATA_DIR="$work/data" OUTREACH_LISTS_DIR="$work/lists" \
      OUTREACH_TEMPLATES_DIR="$root/templates" OUTREACH_ADMIN_KEY="$admin" \
      OUTREACH_SENDER_POSTAL_ADDRESS="Acme Corp, 100 Main St, Springfield, IL 62701" \
      OUTREACH_OUTBOX_POLL_INTERVAL=PT0.1S OUTREACH_PACING_ENABLED=false $1 \
      java -Xmx2g -jar "$jar" serve >"$work/gateway.log" 2>&1 &
  gateway=$!; pids+=("$gateway")
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.1
  done
  key=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
        -d '{"name":"bench","role":"INTEGRATION"}' "http://127.0.0.1:$port/api/v1/keys" | python3 -c 'import json,sys;print(json.load(sys.stdin)["key"])')
}
stop_gateway() { kill "$gateway"; wait "$gateway" 2>/dev/null || true; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
warm_wrk() { # the same arguments as run_wrk: runs them for WARMUP, unmeasured
  local label="$1" conns="$2"; shift 2
  [ "$warmup" = 0 ] || RUN="warm-$label" wrk -t"$threads" -c"$conns" -d"$warmup" "$@" >"$work/$label-warmup.txt" 2>&1
}
run_wrk() { # $1 label, $2 connections, rest: wrk args; warms up first unless WARMED=1
  local label="$1" conns="$2"; shift 2
  [ "${WARMED:-0}" = 1 ] || warm_wrk "$label" "$conns" "$@"
  RUN="$label" wrk -t"$threads" -c"$conns" -d"$duration" --latency "$@" >"$work/$label.txt" 2>&1
  echo "## $label ($conns connections)"; grep -E "Requests/sec|Non-2xx|Socket errors|latency p|    99%|not queued" "$work/$label.txt" | sed 's/^/   /'
}
queued() { # sends answered 202 per second: wrk's request count less those not queued, over its duration
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", text)
n, t = int(m.group(1)), float(m.group(2)) * {"ms": 0.001, "s": 1, "m": 60}[m.group(3)]
not_queued = int(re.search(r"not queued \(answered other than 202\): (\d+)", text).group(1))
print(f"{(n - not_queued) / t:.1f}")
PY
}

if [ "$mode" = http ]; then
  mkdir -p "$work/lists/email"
  awk 'BEGIN { for (i = 0; i < 1000000; i++) print "listed" i "@example.us" }' > "$work/lists/email/listed.txt"
  start_gateway ""
  conns="${CONNS:-64}"
  url="http://127.0.0.1:$port"
  run_wrk health "$conns" "$url/health"
  KIND=email KEY="$key" run_wrk email-checks "$conns" -s "$here/lua/checks.lua" "$url"
  KIND=call KEY="$key" run_wrk call-checks "$conns" -s "$here/lua/checks.lua" "$url"
  h=$(rps "$work/health.txt"); e=$(rps "$work/email-checks.txt"); c=$(rps "$work/call-checks.txt")
  python3 - "$h" "$e" "$c" <<'PY'
import sys
h, e, c = map(float, sys.argv[1:])
print(f"RESULT health={h:.0f}/s email-checks={e:.0f}/s ({e/h:.3f}x health) call-checks={c:.0f}/s ({c/h:.3f}x health)")
PY
  curl -s "$url/metrics" | grep -E "^outreach_store_commit_units_(sum|count)" | sed 's/^/   /'
  stop_gateway
elif [ "$mode" = sends ]; then
  conns="${CONNS:-32}"
  start_gateway ""
  url="http://127.0.0.1:$port"
  run_wrk health "$conns" "$url/health"
  KIND=send KEY="$key" run_wrk sends-eml "$conns" -s "$here/lua/checks.lua" "$url"
  units=$(curl -s "$url/metrics" | awk '/^outreach_store_commit_units_sum/ {s=$2} /^outreach_store_commit_units_count/ {c=$2} END {if (c>0) printf "%.1f", s/c; else print "n/a"}')
  stop_gateway
  smtp_port=$(free_port)
  java -cp "$here/target/benchmarks.jar" dev.outreach.bench.SmtpSink "$smtp_port" "$work/received" &
  pids+=("$!"); sleep 1
  start_gateway "OUTREACH_SMTP_HOST=127.0.0.1 OUTREACH_SMTP_PORT=$smtp_port OUTREACH_SMTP_STARTTLS=false"
  url="http://127.0.0.1:$port"
  KIND=send KEY="$key" warm_wrk sends-smtp "$conns" -s "$here/lua/checks.lua" "$url"
  before=$(cat "$work/received" 2>/dev/null || echo 0)
  t0=$(date +%s.%N)
  WARMED=1 KIND=send KEY="$key" run_wrk sends-smtp "$conns" -s "$here/lua/checks.lua" "$url"
  t1=$(date +%s.%N)
  after=$(cat "$work/received")
  units_smtp=$(curl -s "$url/metrics" | awk '/^outreach_store_commit_units_sum/ {s=$2} /^outreach_store_commit_units_count/ {c=$2} END {if (c>0) printf "%.1f", s/c; else print "n/a"}')
  stop_gateway
  python3 - "$(rps "$work/health.txt")" "$(queued "$work/sends-eml.txt")" "$(queued "$work/sends-smtp.txt")" "$before" "$after" "$t0" "$t1" "$units" "$units_smtp" <<'PY'
import sys
h, eml, smtp, before, after, t0, t1 = map(float, sys.argv[1:8])
delivered = (after - before) / (t1 - t0)
print(f"RESULT health={h:.0f}/s accepted-eml={eml:.0f}/s accepted-smtp={smtp:.0f}/s delivered-smtp={delivered:.0f}/s "
      f"(delivered/accepted {delivered/smtp:.2f}) units-per-commit eml={sys.argv[8]} smtp={sys.argv[9]}")
PY
else
  echo "usage: bench/load.sh http|sends" >&2; exit 2
fi
