#!/usr/bin/env bash
# Makes the test clips every media-reading suite shares, from FFmpeg's lavfi sources (no downloads).
# Usage: make_test_clips.sh OUTDIR. Idempotent: a clip that exists is kept.
set -euo pipefail
out=${1:?usage: make_test_clips.sh OUTDIR}
mkdir -p "$out"
cd "$out"

make() { # make NAME ARGS... : writes NAME through a temporary file so a killed run leaves no half clip
    local name=$1; shift
    [ -s "$name" ] && return 0
    local tmp=".tmp.$name"
    ffmpeg -hide_banner -loglevel error -y "$@" "$tmp"
    mv "$tmp" "$name"
}

# H.264 with B-frames, 50 frames at 25 fps, 320x240, plus an AAC track.
make h264_25fps_50f.mp4 -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440:sample_rate=44100 \
    -frames:v 50 -t 2 -c:v libx264 -preset veryfast -bf 3 -g 12 -pix_fmt yuv420p -c:a aac -shortest
# Audio only.
make audio_only.m4a -f lavfi -i sine=frequency=440:sample_rate=44100 -t 1 -c:a aac
# Not a video at all.
[ -s not_a_video.txt ] || printf 'These are words, not frames.\n' > not_a_video.txt
[ -e empty.mp4 ] || : > empty.mp4
echo "test clips ready in $out"
