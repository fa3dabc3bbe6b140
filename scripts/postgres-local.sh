#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and benchmarks: its own data directory, loopback only, every role
# (the superuser `postgres` too) authenticating with a SCRAM-SHA-256 password, never trust. The superuser's
# password is made here and kept in DIR/pgpass (libpq's password-file format, mode 0600): point PGPASSFILE at it.
# TLS is on, with a certificate authority made for this server alone: DIR/tls/ca.crt (the server's certificate
# names 127.0.0.1 and localhost, so sslmode=verify-full holds). PostgreSQL refuses to run as root, so as root it
# runs as `postgres`.
#   scripts/postgres-local.sh start DIR PORT   prints the admin URL (postgresql://postgres@127.0.0.1:PORT/postgres)
#   scripts/postgres-local.sh stop DIR         stops it and removes DIR
# SVJ_POSTGRES_TLS=off starts it without TLS (a test of what a client says to a server that offers none).
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
    # The superuser's password: for initdb (a file only the server's user reads) and for the clients (DIR/pgpass).
    password=$(openssl rand -hex 24)
    as_owner sh -c "umask 077 && cat >'$data/superuser.pw'" <<<"$password"
    (umask 077 && printf '127.0.0.1:%s:*:postgres:%s\nlocalhost:%s:*:postgres:%s\n' "$port" "$password" "$port" \
        "$password" >"$dir/pgpass")
    # C collation and UTF-8: the same ordering and encoding on every machine.
    as_owner "$bin/initdb" -D "$data/data" -U postgres --auth=scram-sha-256 --pwfile="$data/superuser.pw" \
        --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner rm -f "$data/superuser.pw"
    # Password authentication for every role, over TLS or not (a test asks for each).
    as_owner sh -c "cat >'$data/data/pg_hba.conf'" <<'HBA'
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
HBA
    # A certificate authority of this server's own, and the server's certificate signed by it.
    mkdir -p "$dir/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=svj test CA" -keyout "$dir/tls/ca.key" \
        -out "$dir/tls/ca.crt" >"$dir/tls/openssl.log" 2>&1 || { cat "$dir/tls/openssl.log" >&2; exit 1; }
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/tls/server.key" \
        -out "$dir/tls/server.csr" >>"$dir/tls/openssl.log" 2>&1 || { cat "$dir/tls/openssl.log" >&2; exit 1; }
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$dir/tls/san.ext"
    openssl x509 -req -in "$dir/tls/server.csr" -CA "$dir/tls/ca.crt" -CAkey "$dir/tls/ca.key" -CAcreateserial \
        -days 2 -extfile "$dir/tls/san.ext" -out "$dir/tls/server.crt" >>"$dir/tls/openssl.log" 2>&1 ||
        { cat "$dir/tls/openssl.log" >&2; exit 1; }
    # The server reads its key only when its owner alone can.
    as_owner sh -c "cat >'$data/server.key' && chmod 600 '$data/server.key'" <"$dir/tls/server.key"
    as_owner sh -c "cat >'$data/server.crt'" <"$dir/tls/server.crt"
    rm -f "$dir/tls/server.key" "$dir/tls/ca.key"
    # fsync stays on: the kill tests check that acknowledged labels survive, as on a real server.
    tls="-c ssl=on -c ssl_cert_file=$data/server.crt -c ssl_key_file=$data/server.key"
    [ "${SVJ_POSTGRES_TLS:-on}" = off ] && tls="-c ssl=off"
    as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data/socket -c max_connections=200 $tls" start >/dev/null ||
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
