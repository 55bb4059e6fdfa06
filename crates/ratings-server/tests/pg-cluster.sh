#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the ratings server's tests and bench, made with
# Debian's postgresql binaries (`make postgres` installs them).
#
#   pg-cluster.sh run CMD [ARGS...]   start a cluster, run CMD with RATINGS_TEST_POSTGRES (a URL to a
#                                     superuser on the cluster) and RATINGS_TEST_PGDIR set, then stop
#                                     the cluster and remove it, whatever CMD did; exits with CMD's
#                                     status
#   pg-cluster.sh start               start a cluster and print its folder and URL on one line
#   pg-cluster.sh restart DIR         restart the cluster in DIR (fast shutdown), as the bench does
#   pg-cluster.sh stop DIR            stop the cluster in DIR and remove it
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user that the
# Debian package creates, and its commands run through runuser. PG_OPTIONS adds server settings,
# e.g. PG_OPTIONS="-c fsync=off" for tests that do not measure anything.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "pg-cluster.sh: no PostgreSQL under /usr/lib/postgresql (run make postgres)" >&2; exit 2; }

as_owner() {
  # From /, since the caller's folder may be closed to the postgres user.
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_ctl() {
  local dir=$1; shift
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" "$@"
}

# A port nobody listens on now (the server's own start fails if one is taken meanwhile: tried again).
free_port() {
  local port
  for _ in $(seq 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "pg-cluster.sh: no free port found" >&2; return 1
}

start() {
  local dir=$1 port
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  for _ in 1 2 3; do
    port=$(free_port)
    # Loopback only, the socket in the cluster's own folder, not /var/run/postgresql.
    if pg_ctl "$dir" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 ${PG_OPTIONS:-}" \
        start >/dev/null; then
      echo "$port" >"$dir/port"
      return 0
    fi
  done
  cat "$dir/server.log" >&2
  return 1
}

new_dir() {
  local dir
  if [ "$(id -u)" = 0 ]; then
    # In /tmp, which the postgres user can reach whatever TMPDIR is.
    dir=$(mktemp -d /tmp/broadsheet-pg.XXXXXX)
    chown postgres: "$dir"
  else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-pg.XXXXXX")
  fi
  echo "$dir"
}

case "${1:-}" in
  run)
    shift
    [ $# -gt 0 ] || { echo "usage: pg-cluster.sh run CMD [ARGS...]" >&2; exit 2; }
    dir=$(new_dir)
    # Stopped and removed on any exit: success, failure, Ctrl-C or TERM.
    cleanup() { pg_ctl "$dir" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
    child=
    trap cleanup EXIT
    # In the background and waited for, so that a signal to this script is handled at once.
    trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; exit 130' INT
    trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; exit 143' TERM
    start "$dir"
    port=$(cat "$dir/port")
    echo "pg-cluster.sh: PostgreSQL $("$bin/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1) on 127.0.0.1:$port ($dir)" >&2
    RATINGS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres" RATINGS_TEST_PGDIR="$dir" "$@" &
    child=$!
    status=0
    wait "$child" || status=$?
    exit "$status"
    ;;
  start)
    dir=$(new_dir)
    start "$dir" || { rm -rf "$dir"; exit 1; }
    echo "$dir postgres://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
    ;;
  restart)
    [ -d "${2:-}/data" ] || { echo "usage: pg-cluster.sh restart DIR" >&2; exit 2; }
    pg_ctl "$2" -w -t 60 -m fast restart >/dev/null
    ;;
  stop)
    # Only a folder this script made is removed.
    case "${2:-}" in */broadsheet-pg.*) ;; *) echo "usage: pg-cluster.sh stop DIR (a folder from start)" >&2; exit 2;; esac
    [ -d "$2/data" ] || { echo "pg-cluster.sh: no cluster in $2" >&2; exit 2; }
    pg_ctl "$2" -m fast stop >/dev/null 2>&1 || pg_ctl "$2" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$2"
    ;;
  *)
    sed -n '2,15p' "$0" >&2
    exit 2
    ;;
esac
