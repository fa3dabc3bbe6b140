#!/usr/bin/env bash
# Short training runs of the default judge's recipe with one choice changed at a time, each checked on the
# same held-out sources against the same no-learning baselines (the final check of `svj pretrain`, whole
# frames), plus the held-out tile pairs (1,200 pairs, every fault alike: a low-noise figure for variants that
# keep the judge's input shape). The runs are short (STEPS, default 1000) so a set fits in a couple of hours on
# 2 cores: they rank the choices, they do not reach the shipped judge's figures.
#   bench/run_judge_ablations.sh [BUILD_DIR] [NAME...]
# names: reference fps8 frames9 size32 small frame-stats no-holds no-photos no-compression no-spatial
#        no-photometric no-focus (default: all)
# Environment: STEPS (1000), CHECK_CLIPS (6), SVJ (the binary). Results: BUILD_DIR/ablations/NAME.*
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
shift || true
names=("$@")
all=(reference fps8 frames9 size32 small frame-stats no-holds no-photos no-compression no-spatial no-photometric
    no-focus)
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")
svj=${SVJ:-$build/bin/svj}
[ -x "$svj" ] || { echo "build svj first (scripts/setup.sh)" >&2; exit 1; }
footage=$build/judge-footage
"$root/scripts/fetch-judge-footage.sh" "$footage" >/dev/null
[ -e "$footage/UNAVAILABLE" ] && { cat "$footage/UNAVAILABLE" >&2; exit 1; }
steps=${STEPS:-1000}
check_clips=${CHECK_CLIPS:-6}
out=$build/ablations
mkdir -p "$out"

# The shipped judge's recipe (scripts/train-default-judge.sh) at a short length.
base=(--preset tiny --hidden 96 --size 64 --frames 17 --fps 0 --edges on --chroma on --difference on
    --frame-stats off --stem 0 --hold-share 0.5 --batch 16 --lr 0.001 --warmup 100 --focus 0.5 --holdout 0.25
    --seed 1 --check-clips "$check_clips" --pair-check-every "$steps" --threads "$(nproc)" --draws stream
    --progress none)
variant() {
    case $1 in
        reference) echo "" ;;
        fps8) echo "--fps 8" ;;
        frames9) echo "--frames 9" ;;
        size32) echo "--size 32" ;;
        small) echo "--layers 3 --hidden 48" ;;
        frame-stats) echo "--frame-stats on" ;;
        no-holds) echo "--hold-share 0" ;;
        no-photos) echo "--train-kinds camera,rendered" ;; # checked on the same held-out clips, photos included
        no-compression) echo "--families 1,1,0,1,1" ;;
        no-spatial) echo "--families 1,1,1,0,1" ;;
        no-photometric) echo "--families 1,1,1,1,0" ;;
        no-focus) echo "--focus 0" ;;
        *) echo "run_judge_ablations: unknown variant '$1'" >&2; exit 2 ;;
    esac
}
heldout=""
for name in reference "${names[@]}"; do
    ckpt=$out/$name.safetensors
    if [ "$name" = reference ] && [ -s "$ckpt" ] && [ -n "$heldout" ]; then
        continue
    fi
    if [ ! -s "$ckpt.json" ] || [ "${FRESH:-0}" = 1 ]; then
        extra=$(variant "$name")
        held=()
        [ -n "$heldout" ] && held=(--heldout-sources "$heldout")
        rm -f "$ckpt" "$ckpt.json" "$ckpt.state" "$ckpt.state.next"
        start=$(date +%s)
        # shellcheck disable=SC2086 # the variant's flags are words
        "$svj" pretrain --footage "$footage" --out "$ckpt" --steps "$steps" "${base[@]}" "${held[@]}" $extra \
            > "$out/$name.log" 2>&1
        echo "$name: $(( $(date +%s) - start )) s" >&2
    fi
    if [ "$name" = reference ]; then
        heldout=$(python3 -c 'import json, sys; print(",".join(json.load(open(sys.argv[1]))["data"]["heldout_sources"]))' \
            "$ckpt.json")
    fi
done

python3 - "$out" "$steps" "${names[@]}" <<'PY'
import json, sys
out, steps, names = sys.argv[1], sys.argv[2], sys.argv[3:]
families = ["temporal sampling", "temporal blending", "compression", "spatial", "photometric"]
def cell(row, key):
    v = (row or {}).get(key)
    return "-" if v is None or v != v else f"{v:.3f}"
print(f"{steps} steps of 16 pairs each; whole-frame check of each run on the same held-out clips; tile pairs")
print("| variant | pairs | judge overall | " + " | ".join(families) +
      " | localised | frame difference | FFmpeg mix | tile pairs |")
print("|---" * (len(families) + 7) + "|")
for name in names:
    side = json.load(open(f"{out}/{name}.safetensors.json"))
    check = side["metrics"]
    fam = check["families"]
    o = check["overall"]
    tiles = [h["pairs"] for h in side.get("history", []) if "pairs" in h]
    tile = f"{tiles[-1]['accuracy']:.3f}" if tiles else "-"
    print(f"| {name} | {o['pairs']} | **{cell(o,'judge')}** | " + " | ".join(cell(fam.get(f), 'judge') for f in families)
          + f" | {cell(o,'localisation')} | {cell(o,'frame_difference')} | {cell(o,'classical')} | {tile} |")
PY
