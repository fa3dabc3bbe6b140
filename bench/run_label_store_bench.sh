#!/usr/bin/env bash
# The label-store benchmarks of issue "annotation/": import 100,000 pairs, export 100,000 labels in every
# format, next-item latency with 1,000,000 labels in the store, statistics over 100,000 labels; SQLite, each
# against a baseline measured in the same run (see bench_label_store.cpp). Makes its videos once.
#   bench/run_label_store_bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
bench=$build/bench/bench_label_store
[ -x "$bench" ] || { echo "build bench_label_store first (cmake --build $build --target bench_label_store)" >&2; exit 1; }
work=$build/bench-data/label-store
mkdir -p "$work"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')"
echo
"$bench" "$work"
