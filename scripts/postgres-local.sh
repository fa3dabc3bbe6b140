#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and benchmarks: its own data directory, loopback only, no
# password (trust on 127.0.0.1). PostgreSQL refuses to run as root, so as root it runs as `postgres`.
#   scripts/postgres-local.sh start DIR PORT   prints the admin URL (postgresql://postgres@127.0.0.1:PORT/postgres)
#   scripts/postgres-local.sh stop DIR         stops it and removes DIR
set -euo pipefail

bin=${SVJ_POSTGRES_BIN:-}
if [ -z "$bin" ]; then
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "postgres-local: no PostgreSQL server found (install the Debian package 'postgresql')" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

command=${1:-}
dir=${2:-}
[ -n "$dir" ] || { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }

case "$command" in
start)
    port=${3:?usage: $0 start DIR PORT}
    "$0" stop "$dir" || true
    mkdir -p "$dir"
    # As root the data lives in postgres's home: the server's user may not be able to reach DIR (a 0700 /tmp,
    # a checkout under /root).
    if [ "$(id -u)" -eq 0 ]; then
        data=$(runuser -u postgres -- mktemp -d "$(getent passwd postgres | cut -d: -f6)/svj-local.XXXXXX")
    else
        data="$dir/server"
        mkdir -p "$data"
    fi
    echo "$data" >"$dir/location"
    as_owner mkdir -p "$data/socket"
    # C collation and UTF-8: the same ordering and encoding on every machine.
    as_owner "$bin/initdb" -D "$data/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync stays on: the kill tests check that acknowledged labels survive, as on a real server.
    as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data/socket -c max_connections=200" start >/dev/null ||
        { as_owner cat "$data/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    if [ -f "$dir/location" ]; then
        data=$(cat "$dir/location")
        if [ -f "$data/data/postmaster.pid" ]; then
            as_owner "$bin/pg_ctl" -D "$data/data" -m fast -w stop >/dev/null || true
        fi
        as_owner rm -rf "$data"
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
