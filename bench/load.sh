#!/usr/bin/env bash
# Load benchmark: `spse serve` against nginx serving the same page as a static
# file, measured with wrk. See docs/benchmarks.md.
#
#   bash bench/load.sh                 (or: make bench)
#
# Environment:
#   DURATION      seconds per wrk run (default 10)
#   CONNECTIONS   space-separated connection counts (default "64 256")
#   BENCH_PATH    path fetched from spse and benchmarked (default /)
#   SPSE_BIN      the spse binary (default build/release/src/cli/spse); nothing is built
#
# Both servers listen on 127.0.0.1 on free ports. Every process this script
# starts is stopped on exit, and each wrk run is bounded by a timeout.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-64 256}"
bench_path="${BENCH_PATH:-/}"
spse="${SPSE_BIN:-$repo_root/build/release/src/cli/spse}"
nginx_bin=/usr/sbin/nginx

die() { echo "load.sh: ERROR: $*" >&2; exit 1; }
note() { echo "load.sh: $*" >&2; }

if ! [[ "$duration" =~ ^[0-9]+$ ]] || ((duration == 0)); then
  die "DURATION must be a positive integer"
fi
[[ -x "$spse" ]] || die "$spse not found: build it first (make build)"
[[ -x "$nginx_bin" ]] || die "$nginx_bin not found (bash scripts/install-deps.sh)"
command -v wrk >/dev/null || die "wrk not found (bash scripts/install-deps.sh)"
command -v curl >/dev/null || die "curl not found (bash scripts/install-deps.sh)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/spse-bench.XXXXXX")"
spse_pid=""
nginx_pid=""
wrk_pid=""

stop_pid() {
  local pid="$1" i
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  stop_pid "$wrk_pid"
  stop_pid "$spse_pid"
  stop_pid "$nginx_pid"
  wrk_pid="" spse_pid="" nginx_pid=""
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'note "interrupted"; exit 130' INT TERM

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

# wait_http URL PID: waits up to 30 s for URL to answer 200 while PID lives.
wait_http() {
  local url="$1" pid="$2" i
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url")" == 200 ]]; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# --- spse -------------------------------------------------------------------
data_dir="$tmp/data"
mkdir -p "$data_dir"
note "spse demo --data-dir $data_dir"
if ! "$spse" demo --data-dir "$data_dir" >"$tmp/demo.log" 2>&1; then
  cat "$tmp/demo.log" >&2
  die "spse demo failed"
fi

spse_port="$(free_port)"
note "spse serve on 127.0.0.1:$spse_port"
"$spse" serve --data-dir "$data_dir" --listen "127.0.0.1:$spse_port" >"$tmp/spse.log" 2>&1 &
spse_pid=$!
if ! wait_http "http://127.0.0.1:$spse_port/healthz" "$spse_pid"; then
  tail -n 30 "$tmp/spse.log" >&2
  die "spse serve did not answer GET /healthz with 200 within 30 s"
fi
spse_url="http://127.0.0.1:$spse_port$bench_path"

# --- the same page as a static file ---------------------------------------------
www="$tmp/www"
mkdir -p "$www"
status="$(curl -sS -o "$www/index.html" -w '%{http_code}' --max-time 10 "$spse_url")" \
  || die "GET $spse_url failed"
body_bytes="$(wc -c <"$www/index.html")"
note "GET $bench_path: HTTP $status, $body_bytes bytes (saved as the nginx page)"
[[ "$status" == 200 ]] || note "WARNING: GET $bench_path answered $status, not 200; compare with care"

# nginx workers run as nobody when started as root: let them read the page.
chmod 755 "$tmp" "$www"
chmod 644 "$www/index.html"

# --- nginx ------------------------------------------------------------------
nginx_port="$(free_port)"
while [[ "$nginx_port" == "$spse_port" ]]; do nginx_port="$(free_port)"; done
nginx_prefix="$tmp/nginx"
mkdir -p "$nginx_prefix/logs"
cat >"$nginx_prefix/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $nginx_prefix/nginx.pid;
error_log $nginx_prefix/logs/error.log warn;

events {
    worker_connections 4096;
}

http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    default_type text/html;
    client_body_temp_path $nginx_prefix/client_body;
    proxy_temp_path $nginx_prefix/proxy;
    fastcgi_temp_path $nginx_prefix/fastcgi;
    uwsgi_temp_path $nginx_prefix/uwsgi;
    scgi_temp_path $nginx_prefix/scgi;

    server {
        listen 127.0.0.1:$nginx_port;
        root $www;
        location / {
            try_files /index.html =404;
        }
    }
}
EOF
note "nginx on 127.0.0.1:$nginx_port"
"$nginx_bin" -p "$nginx_prefix/" -c "$nginx_prefix/nginx.conf" -e "$nginx_prefix/logs/error.log" \
  >"$nginx_prefix/logs/stdout.log" 2>&1 &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port$bench_path"
if ! wait_http "$nginx_url" "$nginx_pid"; then
  cat "$nginx_prefix/logs/stdout.log" "$nginx_prefix/logs/error.log" >&2 2>/dev/null
  die "nginx did not answer GET $bench_path with 200 within 30 s"
fi
curl -sS -o "$tmp/nginx-body" --max-time 10 "$nginx_url" || die "GET $nginx_url failed"
cmp -s "$tmp/nginx-body" "$www/index.html" || die "nginx does not serve the same bytes as spse"

# --- wrk ------------------------------------------------------------------------
# run_wrk NAME CONNECTIONS URL: runs wrk, leaves its output in $tmp/wrk-NAME-N.txt.
run_wrk() {
  local name="$1" conns="$2" url="$3" out="$tmp/wrk-$1-$2.txt"
  note "wrk -t2 -c$conns -d${duration}s --latency $url  ($name)"
  timeout --kill-after=5 $((duration + 30)) \
    wrk -t2 -c"$conns" -d"${duration}s" --latency "$url" >"$out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid"
  local rc=$?
  wrk_pid=""
  if ((rc != 0)); then
    cat "$out" >&2
    note "WARNING: wrk exited with status $rc"
  fi
}

# field FILE: prints "req/s p50 p99 errors" parsed from wrk's output.
parse_wrk() {
  local f="$1" rps p50 p99 non2xx sockerr
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$f")"
  p50="$(awk '$1 == "50%" {print $2; exit}' "$f")"
  p99="$(awk '$1 == "99%" {print $2; exit}' "$f")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$f")"
  # "Socket errors: connect 0, read 0, write 0, timeout 0"
  sockerr="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$f")"
  echo "${rps:-n/a} ${p50:-n/a} ${p99:-n/a} $(( ${non2xx:-0} + ${sockerr:-0} ))"
}

rows=()
for conns in $connections; do
  run_wrk nginx "$conns" "$nginx_url"
  run_wrk spse "$conns" "$spse_url"
  read -r n_rps n_p50 n_p99 n_err < <(parse_wrk "$tmp/wrk-nginx-$conns.txt")
  read -r s_rps s_p50 s_p99 s_err < <(parse_wrk "$tmp/wrk-spse-$conns.txt")
  ratio="n/a"
  if [[ "$n_rps" != n/a && "$s_rps" != n/a ]]; then
    ratio="$(awk -v s="$s_rps" -v n="$n_rps" 'BEGIN { if (n > 0) printf "%.2f", s / n; else print "n/a" }')"
  fi
  rows+=("| nginx (static copy) | $conns | $n_rps | $n_p50 | $n_p99 | 1.00 | $n_err |")
  rows+=("| spse serve | $conns | $s_rps | $s_p50 | $s_p99 | $ratio | $s_err |")
done

# --- report -----------------------------------------------------------------------
cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)"
echo
echo "GET $bench_path ($body_bytes bytes, HTTP $status), wrk -t2, ${duration}s per run, $(nproc) cores (${cpu:-unknown CPU}), $(date -u +%Y-%m-%d)"
echo
echo "| server | connections | req/s | p50 | p99 | ratio to nginx | errors |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo
echo "errors = non-2xx/3xx responses + socket errors (connect, read, write, timeout)."
