#!/usr/bin/env bash
# The label-store benchmarks of issue "annotation/": import 100,000 pairs, export 100,000 labels in every
# format, next-item latency with 1,000,000 labels in the store, statistics over 100,000 labels; SQLite and
# PostgreSQL side by side, each against a baseline measured in the same run (see bench_label_store.cpp). Makes
# its videos once. PostgreSQL: a local server started for the run (scripts/postgres-local.sh), or the one
# SVJ_BENCH_POSTGRES names (an admin URL; the benchmark creates and drops databases svj_bench*).
#   bench/run_label_store_bench.sh [BUILD_DIR] [bench_label_store options, e.g. --pairs 10000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bench=$build/bench/bench_label_store
[ -x "$bench" ] || { echo "build bench_label_store first (cmake --build $build --target bench_label_store)" >&2; exit 1; }
work=$build/bench-data/label-store
mkdir -p "$work"
shift || true
postgres=${SVJ_BENCH_POSTGRES:-}
if [ -z "$postgres" ]; then
    server=$build/bench-data/postgres
    postgres=$("$root/scripts/postgres-local.sh" start "$server" "${SVJ_BENCH_POSTGRES_PORT:-54330}")
    trap '"$root/scripts/postgres-local.sh" stop "$server"' EXIT
    export PGPASSFILE=$server/pgpass # the server's superuser password
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)');" \
    "$(psql "$postgres" -Atc 'SHOW server_version' | sed 's/^/PostgreSQL /') (local, loopback TCP)"
echo
"$bench" "$work" --postgres "$postgres" "$@"
