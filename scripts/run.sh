#!/usr/bin/env bash
# Installs, builds and starts SVJ Workbench (the README's run command). Arguments go to svj-workbench.
# Without arguments it opens a demo pair: a real clip from the demo footage beside a copy of it with a
# 2-second freeze, scored by the default judge (the freeze shows in the energy difference).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build_dir=${SVJ_BUILD_DIR:-$root/build}
if [ $# -eq 0 ]; then
    footage=$build_dir/demo-footage
    "$root/scripts/fetch-demo-footage.sh" "$footage" >/dev/null || true
    clean=$footage/cockatoo.mp4
    broken=$footage/derived/cockatoo-frozen-5s-7s.mp4
    if [ -s "$clean" ] && [ ! -s "$broken" ]; then
        mkdir -p "$footage/derived"
        ffmpeg -hide_banner -loglevel error -y -i "$clean" -i "$clean" \
            -filter_complex "[0:v][1:v]freezeframes=first=100:last=140:replace=100[v]" -map "[v]" \
            -c:v libx264 -preset veryfast -crf 20 "$broken.tmp.mp4" && mv "$broken.tmp.mp4" "$broken" || true
    fi
    if [ -s "$clean" ] && [ -s "$broken" ]; then
        set -- "$clean" "$broken"
    fi
fi
exec "$build_dir/bin/svj-workbench" "$@"
