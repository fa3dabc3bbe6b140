#!/usr/bin/env bash
# Builds the four libFuzzer targets (clang, ASan + UBSan, a build tree of their own) and runs each for
# SECONDS on a copy of its seed corpus, two at a time (each is one process), then prints executions,
# coverage, corpus size and crashes per target. Crash inputs land in WORK/TARGET/crash/: add each one to
# corpus/TARGET/ so every ordinary build replays it.
#   tests/fuzz/run_fuzzers.sh [SECONDS (600)] [WORK (build-fuzz/runs)]
#   tests/fuzz/run_fuzzers.sh --report WORK      (the table of a finished run only)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
report_only=0
if [ "${1:-}" = --report ]; then
    report_only=1
    shift
    set -- "" "${1:?--report needs the WORK folder}"
fi
seconds=${1:-600}
build=${SVJ_FUZZ_BUILD_DIR:-$root/build-fuzz}
work=${2:-$build/runs}
targets=(media safetensors judge_config preference_file)
report() {
    echo "| target | executions | exec/s | coverage (edges) | features | corpus | crashes |"
    echo "|---|---|---|---|---|---|---|"
    for target in "${targets[@]}"; do
        local log=$work/$target/log last
        last=$(grep -E '^#[0-9]+' "$log" | tail -1)
        echo "| fuzz_$target | $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") |" \
            "$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log") | $(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last") |" \
            "$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last") | $(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last") |" \
            "$(find "$work/$target/crash" -type f | wc -l) |"
    done
}
if [ $report_only = 1 ]; then
    report
    exit 0
fi
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
        -DSVJ_BUILD_FUZZERS=ON -DSVJ_BUILD_TESTS=OFF -DSVJ_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" --target "${targets[@]/#/fuzz_}"
declare -A max_len=([media]=65536 [safetensors]=16384 [judge_config]=8192 [preference_file]=8192)
run() {
    local target=$1 dir=$work/$1
    rm -rf "$dir"
    mkdir -p "$dir/corpus" "$dir/crash"
    cp "$root/tests/fuzz/corpus/$target/"* "$dir/corpus/"
    # One thread for LibTorch and OpenBLAS: a fuzzer is one process per core. Leaks are not what we hunt
    # (FFmpeg and Qt keep process-wide caches).
    OMP_NUM_THREADS=1 QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
        "$build/tests/fuzz_$target" -max_total_time="$seconds" -rss_limit_mb=2560 -timeout=20 \
        -max_len="${max_len[$target]}" -artifact_prefix="$dir/crash/" -print_final_stats=1 "$dir/corpus" \
        >"$dir/log" 2>&1 || true
}
jobs=$(nproc)
for target in "${targets[@]}"; do
    run "$target" &
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
done
wait
echo "$seconds s per target:"
report
