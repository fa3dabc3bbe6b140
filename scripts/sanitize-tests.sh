#!/usr/bin/env bash
# The fast suites built with AddressSanitizer + UndefinedBehaviorSanitizer in a tree of their own and run: media,
# annotation (SQLite) and the fuzz corpora of media/ and the preference files replayed. A memory error or undefined
# behaviour fails the run. In CI (CI=true) scripts/test.sh runs it after the suite; locally, on demand. The demo
# footage is taken from the main tree (SVJ_BUILD_DIR, default build).
#   scripts/sanitize-tests.sh [BUILD_DIR]        (default: build-asan; environment: SVJ_ASAN_TESTS, a ctest -R regex)
# SVJ_ASAN_WIDE=1 adds the GUI suite and the PostgreSQL suites (the window, team workspaces, credentials): they link
# LibTorch, whose sanitized build takes about 9 more minutes on 2 cores, too long for CI; run them on demand.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-asan}
tests=${SVJ_ASAN_TESTS:-'^(tst_media|tst_annotation|fuzz_media_replay|fuzz_preference_file_replay)$'}
targets=(tst_media tst_annotation label_writer fuzz_media_replay fuzz_preference_file_replay)
if [ "${SVJ_ASAN_WIDE:-}" = 1 ]; then
    tests=${SVJ_ASAN_TESTS:-'^(tst_media|tst_annotation|fuzz_media_replay|fuzz_preference_file_replay|tst_widgets|postgres_start|postgres_stop|tst_annotation_postgres|tst_widgets_postgres|tst_cli_postgres)$'}
    targets+=(tst_widgets tst_cli svj svj-workbench)
fi
start=$(date +%s)
if [ ! -f "$build/build.ninja" ]; then
    # RelWithDebInfo: optimised code under the sanitizers runs the suites several times faster than Debug.
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSVJ_SANITIZE=ON \
        -DSVJ_BUILD_BENCH=OFF -DSVJ_WARNINGS_AS_ERRORS=ON >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"
built=$(date +%s)
# The demo footage is the same files as the main tree's: linked, not fetched again.
main=${SVJ_BUILD_DIR:-$root/build}
if [ -d "$main/demo-footage" ] && [ ! -e "$build/demo-footage" ]; then
    ln -s "$main/demo-footage" "$build/demo-footage"
fi
cd "$build"
# Leak checking is off: Qt and FFmpeg keep process-lifetime allocations that are not leaks.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 QT_QPA_PLATFORM=offscreen \
    ctest --output-on-failure --parallel "$(nproc)" -R "$tests"
echo "sanitizers: built in $((built - start)) s, suites ran in $(($(date +%s) - built)) s"
