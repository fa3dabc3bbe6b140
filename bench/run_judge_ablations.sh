#!/usr/bin/env bash
# Short training runs of the default judge's recipe with one choice changed at a time, each checked on the
# same held-out sources against the same no-learning baselines (the final check of `svj pretrain`), and one
# table of the figures. The runs are short (STEPS, default 600) so that a whole set fits in an hour on 2
# cores: they rank the choices, they do not reach the shipped judge's figures.
#   bench/run_judge_ablations.sh [BUILD_DIR] [NAME...]     names: reference fps8 frames9 small no-compression
#                                                         no-photometric no-focus (default: reference fps8
#                                                         no-compression)
# Environment: STEPS (600), CHECK_CLIPS (6), SVJ (the binary). Results: BUILD_DIR/ablations/NAME.*
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(reference fps8 no-compression)
svj=${SVJ:-$build/bin/svj}
[ -x "$svj" ] || { echo "build svj first (scripts/setup.sh)" >&2; exit 1; }
footage=$build/judge-footage
"$root/scripts/fetch-judge-footage.sh" "$footage" >/dev/null
[ -e "$footage/UNAVAILABLE" ] && { cat "$footage/UNAVAILABLE" >&2; exit 1; }
steps=${STEPS:-600}
check_clips=${CHECK_CLIPS:-6}
out=$build/ablations
mkdir -p "$out"

# The shipped judge's recipe (scripts/train-default-judge.sh) at a short length.
base=(--preset tiny --size 64 --frames 17 --fps 0 --edges on --difference on --stem 0 --batch 16 --lr 0.001
    --warmup 100 --focus 0.5 --holdout 0.25 --seed 1 --check-clips "$check_clips" --threads "$(nproc)"
    --progress none)
variant() {
    case $1 in
        reference) echo "" ;;
        fps8) echo "--fps 8" ;;
        frames9) echo "--frames 9" ;;
        small) echo "--layers 3 --hidden 32" ;;
        no-compression) echo "--families 1,1,0,1,1" ;;
        no-photometric) echo "--families 1,1,1,1,0" ;;
        no-focus) echo "--focus 0" ;;
        *) echo "run_judge_ablations: unknown variant '$1'" >&2; exit 2 ;;
    esac
}
for name in "${names[@]}"; do
    extra=$(variant "$name")
    ckpt=$out/$name.safetensors
    rm -f "$ckpt" "$ckpt.json" "$ckpt.state"
    start=$(date +%s)
    # shellcheck disable=SC2086 # the variant's flags are words
    "$svj" pretrain --footage "$footage" --out "$ckpt" --steps "$steps" "${base[@]}" $extra > "$out/$name.log" 2>&1
    echo "$name: $(( $(date +%s) - start )) s" >&2
done

python3 - "$out" "$steps" "${names[@]}" <<'PY'
import json, sys
out, steps, names = sys.argv[1], sys.argv[2], sys.argv[3:]
families = ["temporal sampling", "temporal blending", "compression", "spatial", "photometric"]
def cell(row, key):
    v = (row or {}).get(key)
    return "-" if v is None or v != v else f"{v:.3f}"
print(f"{steps} steps of 16 pairs each; the final check of each run on the same held-out clips")
print("| variant | pairs | judge overall | " + " | ".join(families) + " | localised | frame difference | FFmpeg mix |")
print("|---" * (len(families) + 6) + "|")
for name in names:
    side = json.load(open(f"{out}/{name}.safetensors.json"))
    check = side["metrics"]
    fam = check["families"]
    o = check["overall"]
    print(f"| {name} | {o['pairs']} | **{cell(o,'judge')}** | " + " | ".join(cell(fam.get(f), 'judge') for f in families)
          + f" | {cell(o,'localisation')} | {cell(o,'frame_difference')} | {cell(o,'classical')} |")
PY
