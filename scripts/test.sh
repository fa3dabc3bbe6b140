#!/usr/bin/env bash
# Installs, builds and runs the whole test suite (the README's test command; .ci/run calls exactly this).
# In CI (CI=true), or with SVJ_SANITIZE_TESTS=1, the fast suites then run again built with AddressSanitizer +
# UndefinedBehaviorSanitizer (scripts/sanitize-tests.sh; about 4 min from a cold tree on 2 cores).
#   scripts/test.sh [ctest arguments...]     e.g. scripts/test.sh -L media
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build_dir=${SVJ_BUILD_DIR:-$root/build}
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" "$@"
if [ "${CI:-}" = "true" ] || [ "${SVJ_SANITIZE_TESTS:-}" = 1 ]; then
    "$root/scripts/sanitize-tests.sh"
fi
