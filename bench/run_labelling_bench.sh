#!/usr/bin/env bash
# The labelling benchmark of issue "widgets/: labelling, queues ..." (on demand, never from CTest): a workspace of
# 45 pairs of 4 s H.264 clips (eight 720p30, two 1080p30) assigned to one annotator; svj-workbench under Xvfb
# votes through it and times verdict key -> next pair on screen, beside the baseline of the same path with the
# next pair probed on demand (see widgets/labelling_benchmark.cpp). Makes its clips and workspace each run.
#   bench/run_labelling_bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
workbench=$build/bin/svj-workbench
svj=$build/bin/svj
[ -x "$workbench" ] && [ -x "$svj" ] || { echo "build svj and svj-workbench first (cmake --build $build)" >&2; exit 1; }
work=$build/bench-data/labelling
mkdir -p "$work"
clip() { # NAME SIZE SOURCE
    [ -s "$work/$1" ] && return 0
    ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$3=size=$2:rate=30" -t 4 -c:v libx264 -preset veryfast \
        -crf 23 -g 60 -bf 2 -pix_fmt yuv420p "$work/.tmp.$1" && mv "$work/.tmp.$1" "$work/$1"
}
echo "path,model,prompt" > "$work/manifest.csv"
i=0
for source in testsrc2 mandelbrot life cellauto smptehdbars rgbtestsrc testsrc yuvtestsrc; do
    clip "sd-$source.mp4" 1280x720 "$source"
    echo "$work/sd-$source.mp4,model$i,bench" >> "$work/manifest.csv"
    i=$((i + 1))
done
for source in testsrc2 mandelbrot; do
    clip "hd-$source.mp4" 1920x1080 "$source"
    echo "$work/hd-$source.mp4,model$i,bench" >> "$work/manifest.csv"
    i=$((i + 1))
done
workspace=$work/bench.svjw
rm -f "$workspace" "$workspace-wal" "$workspace-shm"
"$svj" db init "$workspace" >/dev/null
"$svj" db import "$workspace" --videos "$work/manifest.csv" >/dev/null
"$svj" db pairs "$workspace" --mode same-prompt >/dev/null
"$svj" db assign "$workspace" --annotators bench --overlap 1 >/dev/null
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); Xvfb 1600x1000 window; $(date -u +%F)"
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
XDG_CONFIG_HOME=$settings xvfb-run -a -s "-screen 0 1920x1200x24" "$workbench" -geometry 1600x1000+0+0 \
    --annotator bench --workspace "$workspace" --bench-labelling
