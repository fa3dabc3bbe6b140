#!/usr/bin/env bash
# Regenerates the media fuzzer's seed corpus: tiny (32x32, a few frames) files in every container and codec
# the reader is tested with. The files are committed; run this only to change them.
set -euo pipefail
out=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/corpus/media
mkdir -p "$out"
src="testsrc2=size=32x32:rate=10"
ff() { ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "$src" -frames:v "$@"; }
ff 6 -c:v libx264 -preset ultrafast -bf 2 -g 3 -pix_fmt yuv420p "$out/h264.mp4"
ff 6 -c:v libx264 -preset ultrafast -bf 2 -g 3 -pix_fmt yuv420p "$out/h264.ts"
ff 6 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -f h264 "$out/raw.h264"
ff 5 -c:v libvpx-vp9 -deadline realtime -b:v 50k "$out/vp9.webm"
ff 5 -c:v mpeg4 -bf 1 -q:v 10 "$out/mpeg4.avi"
ff 5 -c:v libtheora -q:v 3 "$out/theora.ogv"
ff 3 -c:v mjpeg -q:v 20 -pix_fmt yuvj420p "$out/mjpeg.avi"
ff 3 -c:v ffv1 "$out/ffv1.mkv"
ff 2 -pix_fmt yuv420p "$out/tiny.y4m"
ff 3 "$out/anim.gif"
ff 1 "$out/still.png"
ls -la "$out"
