#!/usr/bin/env bash
# The playback benchmarks of issue "widgets/: the comparison view" (on demand, never from CTest): two 1080p and
# four 720p H.264 streams at 30 fps played at 1x in svj-workbench under Xvfb; dropped frames, decode and paint
# times, frame-step latency, each beside the baseline of decoding the same streams flat out (see
# widgets/playback_benchmark.cpp). Makes its clips once (10 s each, ffmpeg's testsrc2 and mandelbrot).
#   bench/run_playback_bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
workbench=$build/bin/svj-workbench
[ -x "$workbench" ] || { echo "build svj-workbench first (cmake --build $build)" >&2; exit 1; }
work=$build/bench-data/playback
mkdir -p "$work"
clip() { # NAME SIZE SOURCE
    [ -s "$work/$1" ] && return 0
    ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$3=size=$2:rate=30" -t 10 -c:v libx264 -preset veryfast \
        -crf 23 -g 60 -bf 2 -pix_fmt yuv420p "$work/.tmp.$1" && mv "$work/.tmp.$1" "$work/$1"
}
clip hd-a.mp4 1920x1080 testsrc2
clip hd-b.mp4 1920x1080 mandelbrot
clip sd-a.mp4 1280x720 testsrc2
clip sd-b.mp4 1280x720 mandelbrot
clip sd-c.mp4 1280x720 life
clip sd-d.mp4 1280x720 cellauto
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); Xvfb 1600x1000 window; $(date -u +%F)"
run() {
    echo
    echo "## $1"
    shift
    xvfb-run -a -s "-screen 0 1920x1200x24" "$workbench" -geometry 1600x1000+0+0 --bench-playback "$@"
}
run "two 1080p30 H.264 streams" "$work/hd-a.mp4" "$work/hd-b.mp4"
run "four 720p30 H.264 streams" "$work/sd-a.mp4" "$work/sd-b.mp4" "$work/sd-c.mp4" "$work/sd-d.mp4"
