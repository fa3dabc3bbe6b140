#!/usr/bin/env bash
# The pipeline benchmark of issue "training and scoring": score time per 33 x 256 x 256 clip and stage-1
# pretrain examples/s for tiny and small, and one stage-2 epoch over 1,000 labelled pairs at the shipped
# judge's size (tiny, 17 x 64 x 64); each against the same loop in PyTorch eager (Debian's python3-torch)
# with the same shapes and threads, measured in the same run.
#   bench/run_training_bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
bench=$build/bench/bench_training
[ -x "$bench" ] || { echo "build bench_training first (cmake --build $build --target bench_training)" >&2; exit 1; }
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
    echo "installing Debian's python3-torch for the baseline..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-torch >/dev/null
fi
threads=${SVJ_BENCH_THREADS:-$(nproc)}
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $threads threads"
echo
echo "| what | preset | shape | C++ (svj) | PyTorch eager | speed-up | C++ / PyTorch peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
row() { # what preset shape unit c++-json python-json
    local a b
    if [ "$6" = "s" ]; then a=$(field "$4" seconds); b=$(field "$5" seconds); ratio=$(python3 -c "print($b / $a)")
    else a=$(field "$4" examples_per_s); b=$(field "$5" examples_per_s); ratio=$(python3 -c "print($a / $b)"); fi
    printf '| %s | %s | %s | %.3f %s | %.3f %s | %.2fx | %.0f / %.0f |\n' "$1" "$2" "$3" "$a" "$6" "$b" "$6" "$ratio" \
        "$(field "$4" peak_rss_mb)" "$(field "$5" peak_rss_mb)"
}
for preset in tiny small; do
    common=(--threads "$threads" --frames 33 --size 256)
    ours=$("$bench" score "$preset" "${common[@]}" --iterations 3)
    theirs=$(/usr/bin/python3 "$root/bench/model/pytorch_judge.py" --mode score --preset "$preset" "${common[@]}" --iterations 3)
    row "score one clip" "$preset" "33x256x256" "$ours" "$theirs" s
    ours=$("$bench" pretrain "$preset" "${common[@]}" --iterations 2 --batch 2)
    theirs=$(/usr/bin/python3 "$root/bench/model/pytorch_judge.py" --mode pretrain --preset "$preset" "${common[@]}" \
        --iterations 2 --batch 2)
    row "pretrain (2+2 clips a step)" "$preset" "33x256x256" "$ours" "$theirs" "examples/s"
done
common=(--threads "$threads" --frames 17 --size 64 --batch 8 --pairs 1000)
ours=$("$bench" finetune tiny "${common[@]}")
theirs=$(/usr/bin/python3 "$root/bench/model/pytorch_judge.py" --mode finetune --preset tiny "${common[@]}")
row "fine-tune 1,000 pairs (one epoch)" tiny "17x64x64" "$ours" "$theirs" s
