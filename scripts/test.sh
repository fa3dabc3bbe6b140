#!/usr/bin/env bash
# Installs, builds and runs the whole test suite (the README's test command; .ci/run calls exactly this).
#   scripts/test.sh [ctest arguments...]     e.g. scripts/test.sh -L media
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build_dir=${SVJ_BUILD_DIR:-$root/build}
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" "$@"
