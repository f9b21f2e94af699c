#!/usr/bin/env bash
# Runs every test tier of SPSE (what `make test` and CI run):
#
#   1. scripts/install-deps.sh
#   2. configure (if needed) + build preset `release`; with CI=true also preset `asan`
#   3. unit                 build/release/tests/spse_unit_tests
#      unit-asan            build/asan/tests/spse_unit_tests            (CI=true only)
#      storage-sqlite       build/release/tests/spse_storage_tests on a SQLite file
#      storage-postgresql   the same binary on a throwaway PostgreSQL (scripts/pg-temp.sh)
#      http                 node --test on tests/e2e/http/
#      browser              node --test on tests/e2e/browser/
#
# A failed tier does not stop the run. The last line is the summary:
#   SUMMARY: 412 passed, 0 failed
# preceded by a per-tier breakdown. Exit status is 0 only if every tier ran
# and nothing failed.
#
# Environment:
#   CI=true               also build and run the AddressSanitizer unit tests
#   SPSE_TIER_TIMEOUT     seconds one tier may run before it is killed (default 1200)
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root" || exit 1

# Let ccache hit across different checkouts of the repo (CI uses a fresh clone).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$repo_root}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"

tier_timeout="${SPSE_TIER_TIMEOUT:-1200}"
release_dir="$repo_root/build/release"
asan_dir="$repo_root/build/asan"
spse_bin="$release_dir/src/cli/spse"

tiers=(unit)
if [[ "${CI:-}" == "true" ]]; then
  tiers+=(unit-asan)
fi
tiers+=(storage-sqlite storage-postgresql http browser)

declare -A tier_pass=() tier_fail=() tier_skip=() tier_ran=()
setup_failures=0
setup_notes=()

tmp="$(mktemp -d "${TMPDIR:-/tmp}/spse-tests.XXXXXX")"
pg_dir=""

# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  if [[ -n "$pg_dir" ]]; then
    bash "$repo_root/scripts/pg-temp.sh" stop "$pg_dir" || true
    pg_dir=""
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "run-tests: interrupted" >&2; exit 130' INT TERM

banner() {
  echo
  echo "======================================================================"
  echo "== $*"
  echo "======================================================================"
}

# record TIER PASSED FAILED SKIPPED
record() {
  tier_pass[$1]=$2
  tier_fail[$1]=$3
  tier_skip[$1]=$4
  tier_ran[$1]=1
  echo "-- $1: $2 passed, $3 failed, $4 skipped"
}

# tier_error TIER MESSAGE: the tier could not run; it counts as one failure.
tier_error() {
  echo "-- $1: FAILED: $2"
  tier_pass[$1]=0
  tier_fail[$1]=1
  tier_skip[$1]=0
  tier_ran[$1]=0
}

# run_logged LOG CMD...: runs CMD (with the tier timeout), shows its output and
# keeps a copy in LOG. Returns CMD's exit status (124 on timeout).
run_logged() {
  local log="$1"
  shift
  timeout --kill-after=30 "$tier_timeout" "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  if ((rc == 124)); then
    echo "-- timed out after ${tier_timeout}s: $*"
  fi
  return "$rc"
}

# run_gtest TIER BINARY [ENV=VALUE...]: runs a GoogleTest binary and records
# its counts. Sets gtest_passed for the caller.
gtest_passed=0
run_gtest() {
  local tier="$1" bin="$2"
  shift 2
  gtest_passed=0
  if [[ ! -x "$bin" ]]; then
    tier_error "$tier" "$bin not found (build failed?)"
    return
  fi
  local log="$tmp/$tier.log" rc
  run_logged "$log" env "$@" "$bin" --gtest_brief=1 --gtest_color=no
  rc=$?
  local total passed failed skipped
  # "[==========] 412 tests from 40 test suites ran." then "[  PASSED  ] 410 tests."
  # and "[  SKIPPED ] 1 test." ; in brief mode gtest prints no failed total, so
  # failed = ran - passed - skipped.
  total="$(sed -nE 's/^\[==========\] ([0-9]+) tests? from .* ran\..*/\1/p' "$log" | tail -n 1)"
  passed="$(sed -nE 's/^\[  PASSED  \] ([0-9]+) tests?\..*/\1/p' "$log" | tail -n 1)"
  skipped="$(sed -nE 's/^\[  SKIPPED \] ([0-9]+) tests?[,.].*/\1/p' "$log" | tail -n 1)"
  total="${total:-0}"
  passed="${passed:-0}"
  skipped="${skipped:-0}"
  failed=$((total - passed - skipped))
  ((failed >= 0)) || failed=0
  if ((rc != 0 && failed == 0)); then
    echo "-- $tier: exited with status $rc without reporting a failed test (crash or timeout?)"
    failed=1
  elif ((rc == 0 && passed == 0)); then
    echo "-- $tier: no tests found"
    failed=1
  fi
  record "$tier" "$passed" "$failed" "$skipped"
  gtest_passed="$passed"
}

# run_node TIER DIR: runs the node:test files in DIR and records the counts.
run_node() {
  local tier="$1" dir="$2"
  if [[ ! -d "$dir" ]]; then
    tier_error "$tier" "no tests found ($dir does not exist)"
    return
  fi
  # node's own default test file patterns (node 20 applies them to a directory
  # argument; later versions take globs instead, so list the files here).
  local files=()
  mapfile -t files < <(find "$dir" -type d -name node_modules -prune -o -type f \
    \( -name '*.test.mjs' -o -name '*.test.js' -o -name '*.test.cjs' \
       -o -name '*-test.mjs' -o -name '*_test.mjs' -o -name 'test-*.mjs' -o -name 'test.mjs' \) \
    -print | sort)
  if ((${#files[@]} == 0)); then
    tier_error "$tier" "no tests found in $dir (test files are named *.test.mjs)"
    return
  fi
  if ((!release_ok)); then
    tier_error "$tier" "not run: release build failed"
    return
  fi
  if [[ ! -x "$spse_bin" ]]; then
    tier_error "$tier" "$spse_bin not found"
    return
  fi
  local tap="$tmp/$tier.tap" log="$tmp/$tier.log" rc
  run_logged "$log" env SPSE_BIN="$spse_bin" node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "${files[@]}"
  rc=$?
  local passed failed cancelled skipped todo
  passed="$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$tap" 2>/dev/null | tail -n 1)"
  failed="$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$tap" 2>/dev/null | tail -n 1)"
  cancelled="$(sed -nE 's/^# cancelled ([0-9]+)$/\1/p' "$tap" 2>/dev/null | tail -n 1)"
  skipped="$(sed -nE 's/^# skipped ([0-9]+)$/\1/p' "$tap" 2>/dev/null | tail -n 1)"
  todo="$(sed -nE 's/^# todo ([0-9]+)$/\1/p' "$tap" 2>/dev/null | tail -n 1)"
  passed="${passed:-0}"
  failed=$(( ${failed:-0} + ${cancelled:-0} ))
  skipped=$(( ${skipped:-0} + ${todo:-0} ))
  if ((rc != 0 && failed == 0)); then
    echo "-- $tier: node exited with status $rc without reporting a failed test"
    failed=1
  elif ((rc == 0 && passed == 0)); then
    echo "-- $tier: no tests found"
    failed=1
  fi
  record "$tier" "$passed" "$failed" "$skipped"
}

# configure_and_build PRESET BUILD_DIR [TARGET...]
configure_and_build() {
  local preset="$1" dir="$2"
  shift 2
  if [[ ! -f "$dir/build.ninja" ]]; then
    echo "-- cmake --preset $preset"
    cmake --preset "$preset" || return 1
  fi
  local targets=()
  if (($# > 0)); then
    targets=(--target "$@")
  fi
  echo "-- cmake --build --preset $preset ${targets[*]}"
  cmake --build --preset "$preset" "${targets[@]}"
}

# ---------------------------------------------------------------------------
banner "install dependencies"
if ! bash "$repo_root/scripts/install-deps.sh"; then
  echo "-- install-deps FAILED (continuing; later steps may fail too)"
  setup_failures=$((setup_failures + 1))
  setup_notes+=("install-deps FAILED")
fi

banner "build: preset release"
release_ok=1
if ! configure_and_build release "$release_dir"; then
  echo "-- release build FAILED"
  release_ok=0
  setup_failures=$((setup_failures + 1))
  setup_notes+=("build-release FAILED")
fi

asan_ok=0
if [[ "${CI:-}" == "true" ]]; then
  banner "build: preset asan (CI=true)"
  # Only the unit tests run under the sanitizers, so only they are built.
  if configure_and_build asan "$asan_dir" spse_unit_tests; then
    asan_ok=1
  else
    echo "-- asan build FAILED"
    setup_failures=$((setup_failures + 1))
    setup_notes+=("build-asan FAILED")
  fi
fi

# ---------------------------------------------------------------------------
banner "tier: unit"
if ((release_ok)); then
  run_gtest unit "$release_dir/tests/spse_unit_tests"
else
  tier_error unit "not run: release build failed"
fi

if [[ "${CI:-}" == "true" ]]; then
  banner "tier: unit-asan"
  if ((asan_ok)); then
    run_gtest unit-asan "$asan_dir/tests/spse_unit_tests" \
      "ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}" \
      "UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  else
    tier_error unit-asan "not run: asan build failed"
  fi
fi

banner "tier: storage-sqlite"
sqlite_count=""
if ((release_ok)); then
  run_gtest storage-sqlite "$release_dir/tests/spse_storage_tests" \
    "SPSE_TEST_DATABASE_URL=sqlite://$tmp/storage.db"
  if [[ "${tier_ran[storage-sqlite]}" == 1 ]]; then
    sqlite_count="$gtest_passed"
    echo "storage conformance: $sqlite_count tests on sqlite"
  fi
else
  tier_error storage-sqlite "not run: release build failed"
fi

banner "tier: storage-postgresql"
pg_count=""
if ((release_ok)); then
  # A directory of its own: as root, pg-temp.sh hands it to the postgres user.
  pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/spse-pg.XXXXXX")"
  pg_url="$(bash "$repo_root/scripts/pg-temp.sh" start "$pg_dir" | tail -n 1)"
  if [[ "$pg_url" == postgresql://* ]]; then
    echo "-- PostgreSQL: $pg_url"
    run_gtest storage-postgresql "$release_dir/tests/spse_storage_tests" \
      "SPSE_TEST_DATABASE_URL=$pg_url"
    if [[ "${tier_ran[storage-postgresql]}" == 1 ]]; then
      pg_count="$gtest_passed"
      echo "storage conformance: $pg_count tests on postgresql"
    fi
  else
    tier_error storage-postgresql "could not start a temporary PostgreSQL server"
  fi
  bash "$repo_root/scripts/pg-temp.sh" stop "$pg_dir" || true
  pg_dir=""
else
  tier_error storage-postgresql "not run: release build failed"
fi

if [[ -n "$sqlite_count" && -n "$pg_count" ]]; then
  if [[ "$sqlite_count" == "$pg_count" ]]; then
    echo "storage conformance: sqlite $sqlite_count == postgresql $pg_count"
  else
    echo "storage conformance: MISMATCH: sqlite $sqlite_count != postgresql $pg_count (counted as a failure)"
    setup_failures=$((setup_failures + 1))
    setup_notes+=("storage-conformance MISMATCH")
  fi
fi

banner "tier: http"
run_node http "$repo_root/tests/e2e/http"

banner "tier: browser"
run_node browser "$repo_root/tests/e2e/browser"

# ---------------------------------------------------------------------------
total_pass=0
total_fail=$setup_failures
total_skip=0
all_ran=1
parts=()
for t in "${tiers[@]}"; do
  p="${tier_pass[$t]:-0}"
  f="${tier_fail[$t]:-1}"
  s="${tier_skip[$t]:-0}"
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
  total_skip=$((total_skip + s))
  if [[ "${tier_ran[$t]:-0}" != 1 ]]; then
    all_ran=0
    parts+=("$t not run")
  elif ((f > 0)); then
    parts+=("$t $p ($f failed)")
  else
    parts+=("$t $p")
  fi
done
parts+=("${setup_notes[@]}")

breakdown="$(printf '%s, ' "${parts[@]}")"
echo
echo "per tier: ${breakdown%, }"
summary="SUMMARY: $total_pass passed, $total_fail failed"
if ((total_skip > 0)); then
  summary+=", $total_skip skipped"
fi
echo "$summary"

if ((total_fail == 0 && all_ran == 1 && total_pass > 0)); then
  exit 0
fi
exit 1
