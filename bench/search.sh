#!/usr/bin/env bash
# Cari Paket with 100,000 tenders on SQLite and on PostgreSQL: fills a fresh
# database of each kind through the storage layer (bench/search_bench.cc),
# then prints p50/p95/p99 per kind of query. Builds nothing: needs
# build/release/bench/spse_search_bench (`make bench-search` builds it first).
#
# Environment:
#   TENDERS   published tenders to fill (default 100000)
#   RUNS      timed searches per kind of query (default 300)
#   BACKENDS  "sqlite postgresql" (default), or one of them
#   SEARCH_BENCH  the binary (default build/release/bench/spse_search_bench)
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${SEARCH_BENCH:-$repo_root/build/release/bench/spse_search_bench}"
tenders="${TENDERS:-100000}"
runs="${RUNS:-300}"
backends="${BACKENDS:-sqlite postgresql}"

[[ -x "$bin" ]] || { echo "search.sh: $bin not found (make bench-search builds it)" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/spse-search-bench.XXXXXX")"
pg_dir=""
cleanup() {
  if [[ -n "$pg_dir" ]]; then bash "$repo_root/scripts/pg-temp.sh" stop "$pg_dir" || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

machine() {
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

status=0
for backend in $backends; do
  case "$backend" in
    sqlite)
      url="sqlite://$tmp/search.db"
      echo "== SQLite: filling $tenders tenders" >&2
      "$bin" --db "$url" --tenders "$tenders" --fill-only || { status=1; continue; }
      ;;
    postgresql)
      pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/spse-search-pg.XXXXXX")"
      url="$(bash "$repo_root/scripts/pg-temp.sh" start "$pg_dir" | tail -n 1)"
      [[ "$url" == postgresql://* ]] || { echo "search.sh: no PostgreSQL" >&2; status=1; continue; }
      echo "== PostgreSQL: filling $tenders tenders" >&2
      "$bin" --db "$url" --tenders "$tenders" --fill-only || { status=1; continue; }
      # What autovacuum does on its own a little later: planner statistics
      # and the visibility map (index-only scans).
      psql -q -X "$url" -c "VACUUM ANALYZE" || status=1
      ;;
    *)
      echo "search.sh: unknown backend $backend" >&2
      status=1
      continue
      ;;
  esac
  echo
  machine
  "$bin" --db "$url" --tenders "$tenders" --runs "$runs" --no-fill || status=1
  machine
  if [[ -n "$pg_dir" ]]; then
    bash "$repo_root/scripts/pg-temp.sh" stop "$pg_dir" || true
    pg_dir=""
  fi
done
exit "$status"
