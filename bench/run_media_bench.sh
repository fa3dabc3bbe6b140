#!/usr/bin/env bash
# The media benchmarks of issue "media/": decode throughput, random access, FrameCache memory.
# Generates its 1080p test file once (bench-data/ in the build tree) and fetches the real footage.
#   bench/run_media_bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
bench=$build/bench/bench_media
[ -x "$bench" ] || { echo "build bench_media first (cmake --build $build --target bench_media)" >&2; exit 1; }
data=$build/bench-data
mkdir -p "$data"
hd=$data/h264_1080p_60s_gop250.mp4
if [ ! -s "$hd" ]; then
    echo "generating $hd (1080p, 60 s, 30 fps, GOP 250)..."
    ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 60 \
        -c:v libx264 -preset veryfast -g 250 -keyint_min 250 -x264-params scenecut=0 -bf 3 -pix_fmt yuv420p "$hd.tmp.mp4"
    mv "$hd.tmp.mp4" "$hd"
fi
"$root/scripts/fetch-demo-footage.sh" "$build/demo-footage" >/dev/null
threads=$(nproc)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo
echo "| file | size | frames | threads | output | VideoReader fps | ffmpeg CLI fps | ratio |"
echo "|---|---|---|---|---|---|---|---|"
"$bench" decode "$hd" --threads "$threads"
for clip in cockatoo.mp4 balle-jbart.mp4 motion.mov; do
    "$bench" decode "$build/demo-footage/$clip" --threads "$threads"
done
echo
echo "| file | what | p50 | p99 | baseline | ratio |"
echo "|---|---|---|---|---|---|"
SVJ_BENCH_GOP=250 "$bench" seek "$hd" --samples 200 --threads "$threads"
echo
"$bench" cache "$hd" --budget-mb 2048
