#!/usr/bin/env bash
# The judge benchmark of issue "the judge that sees": how well a judge ranks clean footage above broken
# copies on the sources its training held out, beside the two no-learning baselines computed by the same
# program on the same pairs (`svj faultcheck --heldout`), and how fast `svj score` is on a 10 s 720p video
# and on cockatoo.mp4, against decoding the same file alone (FFmpeg's CLI, same run).
#   bench/run_judge_bench.sh [BUILD_DIR] [CKPT]      (default: the shipped judge)
# Writes BUILD_DIR/bench-judge/faultcheck.json and prints the tables. CHECK=0 skips the held-out check (about
# 25 min on 2 cores for the shipped judge: its sidecar holds the same check from the end of its training).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
ckpt=${2:-$root/resources/judge/default-judge.safetensors}
svj=$build/bin/svj
[ -x "$svj" ] || { echo "build svj first (scripts/setup.sh)" >&2; exit 1; }
out=$build/bench-judge
mkdir -p "$out"
footage=$build/judge-footage
"$root/scripts/fetch-judge-footage.sh" "$footage" >/dev/null
[ -e "$footage/UNAVAILABLE" ] && { cat "$footage/UNAVAILABLE" >&2; exit 1; }
threads=${SVJ_BENCH_THREADS:-$(nproc)}
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $threads threads; judge $ckpt"
echo

# Held-out sources only: the ones the checkpoint's own training never saw (its sidecar names them).
cd "$root"
if [ "${CHECK:-1}" != 0 ]; then
    start=$(date +%s)
    "$svj" faultcheck "$footage" --ckpt "$ckpt" --heldout --threads "$threads" --progress none --json > "$out/faultcheck.json"
    echo "held-out clean-vs-broken check ($(( $(date +%s) - start )) s):"
else
    python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1]))["metrics"], open(sys.argv[2], "w"))' \
        "$ckpt.json" "$out/faultcheck.json"
    echo "held-out clean-vs-broken check (from the end of the judge's training, in its sidecar):"
fi
python3 - "$out/faultcheck.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def cell(row, key):
    v = row.get(key)
    return "-" if v is None or v != v else f"{v:.3f}"
print("| family / fault | pairs | judge | frame difference | FFmpeg filters mix | localised (pairs) |")
print("|---|---|---|---|---|---|")
order = ["temporal sampling", "temporal blending", "compression", "spatial", "photometric"]
for family in order:
    row = r["families"].get(family)
    if row:
        print(f"| **{family}** | {row['pairs']} | **{cell(row,'judge')}** | {cell(row,'frame_difference')} | "
              f"{cell(row,'classical')} | {cell(row,'localisation')} ({row.get('localised_pairs',0)}) |")
o = r["overall"]
print(f"| **overall** | {o['pairs']} | **{cell(o,'judge')}** | {cell(o,'frame_difference')} | {cell(o,'classical')} | "
      f"{cell(o,'localisation')} ({o.get('localised_pairs',0)}) |")
print()
print("| fault | pairs | judge | frame difference | FFmpeg filters mix | localised |")
print("|---|---|---|---|---|---|")
for name, row in r["faults"].items():
    print(f"| {name} | {row['pairs']} | {cell(row,'judge')} | {cell(row,'frame_difference')} | "
          f"{cell(row,'classical')} | {cell(row,'localisation')} |")
fa = r.get("false_alarm", {})
print()
print(f"false alarm: clean vs a CRF 14 re-encode over {fa.get('clips')} clips: median |dE| = "
      f"{cell(fa,'ratio')} of the median clean-vs-broken margin; re-encode ranked worse in {cell(fa,'reencode_ranked_worse')}")
c = r.get("curve", {})
print(f"clean curves: median jump where windows meet {cell(c,'median_boundary_jump')}, elsewhere "
      f"{cell(c,'median_other_step')}, against a median fault peak of {cell(c,'median_fault_peak')} "
      f"(ratio {cell(c,'boundary_jump_over_fault_peak')})")
PY
echo

# Speed: svj score against decoding the same file to RGB with FFmpeg's CLI.
video=$out/720p-10s.mp4
[ -s "$video" ] || ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi \
    -i "mandelbrot=size=1280x720:rate=30" -filter_complex "[0][1]blend=all_mode=average" -t 10 -c:v libx264 \
    -preset veryfast -crf 20 -pix_fmt yuv420p "$video"
seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
echo "| video | svj score | decode to RGB (ffmpeg) | ratio |"
echo "|---|---|---|---|"
for v in "$video" "$footage/demo/cockatoo.mp4"; do
    ours=$(seconds "$svj" score "$v" --ckpt "$ckpt" --threads "$threads" --progress none)
    base=$(seconds ffmpeg -nostdin -v error -threads "$threads" -i "$v" -f rawvideo -pix_fmt rgb24 -y /dev/null)
    printf '| %s | %.2f s | %.2f s | %.1fx |\n' "$(basename "$v")" "$ours" "$base" "$(python3 -c "print($ours / $base)")"
done
