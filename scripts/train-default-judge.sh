#!/usr/bin/env bash
# Trains the judge that ships in resources/judge/ from scratch, on the real footage of
# ../shared/demo-footage.md (fetched from Debian's packages by fetch-demo-footage.sh, never committed).
# The checkpoint's sidecar records this exact command, the data, the seed and the held-out check.
#   scripts/train-default-judge.sh [BUILD_DIR] [extra svj pretrain options...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
shift || true
svj=$build/bin/svj
[ -x "$svj" ] || { echo "build svj first (scripts/setup.sh)" >&2; exit 1; }
footage=$build/demo-footage
"$root/scripts/fetch-demo-footage.sh" "$footage"
[ -e "$footage/UNAVAILABLE" ] && { cat "$footage/UNAVAILABLE" >&2; exit 1; }
# Relative paths, so the sidecar's command and data lists read the same on every machine.
cd "$root"
out=resources/judge/default-judge.safetensors
mkdir -p resources/judge
rm -f "$out" "$out.json" "$out.state"
time "$svj" pretrain --videos "$(realpath --relative-to="$root" "$footage")" --preset tiny --size 64 --frames 17 --fps 8 \
    --steps 5000 --batch 8 --lr 0.001 --warmup 100 --faults 6 --fault-share 0.7 --passes 2 --holdout 0.25 --seed 1 \
    --threads "$(nproc)" --out "$out" "$@"
rm -f "$out.state" # the optimizer state is for resuming; the shipped judge does not need it
cp "$footage/NOTICE" resources/judge/FOOTAGE-NOTICE
echo "default judge: $out ($(du -h "$out" | cut -f1))"
