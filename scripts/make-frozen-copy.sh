#!/usr/bin/env bash
# A copy of the demo footage's cockatoo clip with a 2-second freeze (frames 100-140, 5 s-7 s): the comparison
# view's example of a fault the judge should see. Prints its path; made once.
#   scripts/make-frozen-copy.sh FOOTAGE_DIR
set -euo pipefail
footage=${1:?usage: make-frozen-copy.sh FOOTAGE_DIR}
clean=$footage/cockatoo.mp4
broken=$footage/derived/cockatoo-frozen-5s-7s.mp4
[ -s "$clean" ] || { echo "make-frozen-copy: $clean missing (scripts/fetch-demo-footage.sh)" >&2; exit 1; }
if [ ! -s "$broken" ]; then
    mkdir -p "$footage/derived"
    ffmpeg -hide_banner -loglevel error -y -i "$clean" -i "$clean" \
        -filter_complex "[0:v][1:v]freezeframes=first=100:last=140:replace=100[v]" -map "[v]" \
        -c:v libx264 -preset veryfast -crf 20 "$broken.tmp.mp4"
    mv "$broken.tmp.mp4" "$broken"
fi
echo "$broken"
