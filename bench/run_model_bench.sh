#!/usr/bin/env bash
# The judge benchmark of issue "model/": forward and train-step time and peak RSS of tiny and small at
# 33 x 256 x 256 on the CPU, against the same model in PyTorch eager (Debian's python3-torch) with identical
# shapes and threads, measured in the same run; then the paper-size judge's FLOPs and memory (computed).
#   bench/run_model_bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
bench=$build/bench/bench_model
[ -x "$bench" ] || { echo "build bench_model first (cmake --build $build --target bench_model)" >&2; exit 1; }
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
    echo "installing Debian's python3-torch for the baseline..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-torch >/dev/null
fi
threads=${SVJ_BENCH_THREADS:-$(nproc)}
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $threads threads; 33 x 256 x 256"
echo
echo "| preset | step | C++ (LibTorch) s | PyTorch eager s | speed-up | C++ peak RSS MB | PyTorch peak RSS MB | parameters (C++ / PyTorch) |"
echo "|---|---|---|---|---|---|---|---|"
for preset in tiny small; do
    for mode in forward train; do
        ours=$("$bench" "$mode" "$preset" --threads "$threads" --frames 33 --size 256 --iterations 5)
        theirs=$(/usr/bin/python3 "$root/bench/model/pytorch_judge.py" --mode "$mode" --preset "$preset" --threads "$threads" \
            --frames 33 --size 256 --iterations 5)
        a=$(field "$ours" seconds); b=$(field "$theirs" seconds)
        printf '| %s | %s | %.3f | %.3f | %.2fx | %.0f | %.0f | %s / %s |\n' "$preset" "$mode" "$a" "$b" \
            "$(python3 -c "print($b / $a)")" "$(field "$ours" peak_rss_mb)" "$(field "$theirs" peak_rss_mb)" \
            "$(field "$ours" parameters)" "$(field "$theirs" parameters)"
    done
done
echo
"$bench" flops cogvideox-2b
