#!/usr/bin/env bash
# Trains the judge that ships in resources/judge/ from scratch on the judge footage (fetch-judge-footage.sh:
# real video and photographs from Debian's packages, never committed), then copies it there. Resumable: run
# the same command again after a stop (Ctrl-C, a kill, a power cut) and it continues from the last
# checkpoint, bit for bit; --fresh starts over. The sidecar records this exact command, the data, the seed
# and the full held-out check against the two no-learning baselines.
#   scripts/train-default-judge.sh [BUILD_DIR] [--fresh] [extra svj pretrain options...]
# SVJ=/path/to/svj uses another binary (e.g. a copy, so rebuilding during the run changes nothing).
# On 2 cores with nothing else running: 1.4 min of clip making, 9000 steps at about 2.3 steps/s, then the
# held-out check of every held-out clip against both baselines (docs/judge.md has the measured wall time).
# The tile-pair check is off: it stayed flat over training and predicted nothing (--pair-check-every N).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
shift || true
fresh=0
if [ "${1:-}" = "--fresh" ]; then
    fresh=1
    shift
fi
svj=${SVJ:-$build/bin/svj}
[ -x "$svj" ] || { echo "build svj first (scripts/setup.sh)" >&2; exit 1; }
footage=$build/judge-footage
"$root/scripts/fetch-judge-footage.sh" "$footage"
[ -e "$footage/UNAVAILABLE" ] && { cat "$footage/UNAVAILABLE" >&2; exit 1; }
# Relative paths, so the sidecar's command and data lists read the same on every machine.
cd "$root"
run=$(realpath -s --relative-to="$root" "$build/judge-run")
out=$run/default-judge.safetensors
mkdir -p "$run"
resume=()
if [ $fresh -eq 1 ]; then
    rm -f "$out" "$out.json" "$out.state" "$out.state.next"
elif [ -e "$out.state" ] || [ -e "$out.state.next" ]; then
    # .state.next alone: the first save was killed after its judge; --resume finishes it.
    resume=(--resume)
    echo "resuming the run in $run (--fresh starts over)"
fi
# --draws stream: the latent perturbations drawn as the shipped judge's run drew them (one stream, one process), so
# this command still makes that judge bit for bit; per-pair draws (the default) are what several processes need.
# Not on a terminal (nohup, a log file): one JSON line per step instead of a bar nobody sees.
progress=()
[ -t 2 ] || progress=(--progress json)
time "$svj" pretrain --footage "$(realpath -s --relative-to="$root" "$footage")" --preset tiny --hidden 96 \
    --size 64 --frames 17 --fps 0 --edges on --chroma on --difference on --stem 0 --hold-share 0.5 \
    --steps 9000 --batch 16 --lr 0.001 --warmup 200 --focus 0.5 --holdout 0.25 --seed 1 \
    --quick-check 12 --eval-every 0 --pair-check-every 0 --threads "$(nproc)" --draws stream --out "$out" \
    "${resume[@]}" \
    "${progress[@]}" "$@" \
    2>&1 | tee "$run/log"
# A stopped run (Ctrl-C, SIGTERM) exits 0 with its checkpoint: the judge ships only once the run reached its end.
if tail -3 "$run/log" | grep -q "^stopped by"; then
    echo "the run stopped before its end; the same command continues it" >&2
    exit 0
fi
mkdir -p resources/judge
# The optimizer state stays in the run folder: it is for resuming, the shipped judge does not need it.
cp "$out" resources/judge/default-judge.safetensors.part
cp "$out.json" resources/judge/default-judge.safetensors.json
mv resources/judge/default-judge.safetensors.part resources/judge/default-judge.safetensors
cp "$footage/NOTICE" resources/judge/FOOTAGE-NOTICE
echo "default judge: resources/judge/default-judge.safetensors ($(du -h "$out" | cut -f1))"
