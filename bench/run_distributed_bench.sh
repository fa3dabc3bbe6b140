#!/usr/bin/env bash
# Data-parallel stage 1 on this machine: `svj pretrain` of the shipped judge's shape (tiny, 96 channels, 64-pixel
# tiles, 17 frames, a batch of 16 pairs) in one process against 2 ranks (--nproc 2, Gloo over 127.0.0.1), one
# LibTorch thread each, on footage made here. Prints steps/s, examples/s, the speed-up over one rank (the named
# baseline, measured in the same run), the efficiency, and the share of rank 0's step spent in collectives; and one
# process with a thread per core, what this machine gives without c10d. Each rank draws its next batch on a thread
# of its own beside its training thread, so one rank already keeps a second core partly busy.
#   bench/run_distributed_bench.sh [BUILD_DIR] [STEPS (60)]
# On a GPU machine (svj built against a CUDA LibTorch): SVJ_BENCH_DEVICE=cuda SVJ_BENCH_RANKS="1 2 4 8"
# runs one rank per GPU over NCCL (written for it, not run yet: no GPU was lent to this work).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
steps=${2:-60}
svj=$build/bin/svj
[ -x "$svj" ] || { echo "build svj first (cmake --build $build --target svj)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/videos"
i=0
for source in "testsrc2=size=320x240:rate=25" "mandelbrot=size=320x240:rate=25" \
    "life=size=320x240:rate=25:mold=10:ratio=0.2:seed=3" "cellauto=size=320x240:rate=25:rule=110"; do
    ffmpeg -v error -f lavfi -i "$source" -t 6 -c:v libx264 -preset ultrafast -crf 18 -pix_fmt yuv420p \
        "$work/videos/clip$i.mp4"
    i=$((i + 1))
done
device=${SVJ_BENCH_DEVICE:-cpu}
ranks=${SVJ_BENCH_RANKS:-1 2}
common=(pretrain --footage "$work/videos" --preset tiny --hidden 96 --size 64 --frames 17 --fps 0 --region 128
    --batch 16 --steps "$steps" --no-final-check --threads 1 --holdout 0.25 --seed 1 --progress json
    --device "$device")
run() { # name extra... -> one line of figures from rank 0's step lines, after 10 warm-up steps
    local name=$1
    shift
    "$svj" "${common[@]}" --out "$work/$name.safetensors" "$@" >"$work/$name.log" 2>"$work/$name.err" ||
        { cat "$work/$name.err" >&2; exit 1; }
    python3 - "$work/$name.log" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
steps = [s for s in lines if s.get("task") == "pretrain" and "done" in s and "loss" in s]
# per_second is the rate since step 1, so step n ends at t = n / per_second: the steady rate is taken
# between step 10 and the last (the first steps warm caches and the allocator up).
time = {s["done"]: s["done"] / s["per_second"] for s in steps}
last = steps[-1]["done"]
rate = (last - 10) / (time[last] - time[10])
comm = [s.get("comm_s", 0.0) for s in steps if s["done"] > 10]
share = (sum(comm) / len(comm)) * rate
print(f"{rate:.4f} {share:.4f}")
PY
}
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $steps steps of 16 pairs (32 clips of 17x64x64)"
echo "| ranks ($device, 1 thread each) | steps/s | examples/s | speed-up over 1 rank | efficiency | collectives' share of rank 0's step |"
echo "|---|---|---|---|---|---|"
one=
for n in $ranks; do
    if [ "$n" = 1 ]; then read -r rate share < <(run r1); else read -r rate share < <(run "r$n" --nproc "$n"); fi
    one=${one:-$rate}
    python3 -c "
import sys
n, rate, share, one = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
label = '1 (baseline)' if n == 1 else f'{n} ({\"gloo\" if sys.argv[5] == \"cpu\" else \"nccl\"})'
comm = '-' if n == 1 else f'{100 * share:.1f} %'
print(f'| {label} | {rate:.3f} | {32 * rate:.1f} | {rate / one:.2f}x | {100 * rate / one / n:.0f} % | {comm} |')
" "$n" "$rate" "$share" "$one" "$device"
done
if [ "$device" = cpu ]; then
    read -r wide _ < <(run wide --threads "$(nproc)")
    python3 -c "import sys; w, o = float(sys.argv[1]), float(sys.argv[2]); print(f'| for reference: 1 rank, {sys.argv[3]} threads | {w:.3f} | {32 * w:.1f} | {w / o:.2f}x | - | - |')" \
        "$wide" "$one" "$(nproc)"
fi
