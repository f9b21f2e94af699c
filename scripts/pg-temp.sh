#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests.
#
#   scripts/pg-temp.sh start DIR          initdb + start in DIR, create database
#                                         spse_test, print its URL (last stdout line)
#   scripts/pg-temp.sh createdb DIR NAME  create database NAME, print its URL
#   scripts/pg-temp.sh url DIR [NAME]     print the URL of a database (default spse_test)
#   scripts/pg-temp.sh stop DIR           stop the server (fast) and remove DIR
#
# The server listens on 127.0.0.1 on a free port, keeps its unix socket inside
# DIR, trusts every local connection and runs with fsync off (data is thrown
# away). Only the URL goes to stdout; progress and errors go to stderr.
#
# initdb refuses to run as root, so when run as root the server is owned and
# run by the `postgres` system user (DIR is chowned to it, and DIR's parents
# must be traversable by it: use something under /tmp, e.g. `mktemp -d`). The
# database user in the URL is then `postgres`; otherwise it is the caller.
#
# The PostgreSQL binaries come from $PG_BINDIR, else /usr/lib/postgresql/15/bin,
# else the newest /usr/lib/postgresql/*/bin.
set -uo pipefail

die() { echo "pg-temp: ERROR: $*" >&2; exit 1; }
note() { echo "pg-temp: $*" >&2; }

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then
    echo "$PG_BINDIR"
    return
  fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    echo /usr/lib/postgresql/15/bin
    return
  fi
  local d
  d="$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -n 1)"
  [[ -n "$d" ]] || die "no PostgreSQL server binaries found (install the postgresql package)"
  echo "$d"
}

BINDIR="$(find_bindir)"
[[ -x "$BINDIR/initdb" && -x "$BINDIR/pg_ctl" ]] || die "initdb/pg_ctl not found in $BINDIR"

if [[ "$(id -u)" -eq 0 ]]; then
  RUN_AS_PG=1
  DB_USER=postgres
  getent passwd postgres >/dev/null || die "running as root but there is no 'postgres' user"
else
  RUN_AS_PG=0
  DB_USER="$(id -un)"
fi

# Runs a PostgreSQL binary as the user that owns the cluster.
pg() {
  if ((RUN_AS_PG)); then
    # cd / so postgres does not warn about an unreadable working directory.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

random_port() {
  echo $((20000 + (RANDOM * 32768 + RANDOM) % 40000))
}

url_for() {
  local dir="$1" name="$2" port
  port="$(cat "$dir/port" 2>/dev/null)" || die "$dir is not a running pg-temp server (no $dir/port)"
  echo "postgresql://${DB_USER}@127.0.0.1:${port}/${name}"
}

create_db() {
  local dir="$1" name="$2" port
  [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "invalid database name '$name'"
  port="$(cat "$dir/port" 2>/dev/null)" || die "$dir is not a running pg-temp server (no $dir/port)"
  if ! pg "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$DB_USER" \
      -d postgres -c "CREATE DATABASE \"$name\"" >&2; then
    die "could not create database $name"
  fi
}

cmd_start() {
  local dir="$1"
  mkdir -p "$dir" || die "cannot create $dir"
  dir="$(cd "$dir" && pwd)"
  [[ ! -e "$dir/data" ]] || die "$dir/data already exists (stop the old server first)"
  mkdir -p "$dir/data" "$dir/sock"
  if ((RUN_AS_PG)); then
    chown -R postgres: "$dir" || die "cannot chown $dir to postgres"
    runuser -u postgres -- test -w "$dir/data" \
      || die "user postgres cannot reach $dir (its parent directories must be traversable; use /tmp)"
  fi

  note "initdb in $dir/data ($BINDIR)"
  if ! pg "$BINDIR/initdb" -D "$dir/data" -U "$DB_USER" --auth=trust -E UTF8 --no-locale \
      >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi

  local attempt port started=0
  for attempt in 1 2 3 4 5 6 7 8; do
    port="$(random_port)"
    port_in_use "$port" && continue
    note "starting server on 127.0.0.1:$port (attempt $attempt)"
    if pg "$BINDIR/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
      started=1
      break
    fi
    # Most likely the port was taken between the check and the start.
    pg "$BINDIR/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
  done
  if ((!started)); then
    tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
    die "could not start PostgreSQL (see $dir/postgres.log)"
  fi
  echo "$port" >"$dir/port"

  create_db "$dir" spse_test
  note "ready; stop with: $0 stop $dir"
  url_for "$dir" spse_test
}

cmd_stop() {
  local dir="$1"
  if [[ ! -d "$dir" ]]; then
    note "$dir does not exist, nothing to stop"
    return 0
  fi
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    note "stopping server in $dir"
    pg "$BINDIR/pg_ctl" -D "$dir/data" stop -m fast -w -t 30 >/dev/null 2>&1 \
      || pg "$BINDIR/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 \
      || note "pg_ctl stop failed (server not running?)"
  fi
  rm -rf "$dir" || die "cannot remove $dir"
  note "removed $dir"
}

(($# >= 2)) || usage
cmd="$1"
dir="$2"
# Absolute path, so it still holds after the cd / in pg().
[[ "$dir" == /* ]] || dir="$PWD/$dir"
case "$cmd" in
  start)
    (($# == 2)) || usage
    cmd_start "$dir"
    ;;
  createdb)
    (($# == 3)) || usage
    create_db "$dir" "$3"
    url_for "$dir" "$3"
    ;;
  url)
    (($# <= 3)) || usage
    url_for "$dir" "${3:-spse_test}"
    ;;
  stop)
    (($# == 2)) || usage
    cmd_stop "$dir"
    ;;
  *)
    usage
    ;;
esac
