#!/usr/bin/env bash
# Starts svj-workbench under a private Xvfb display, waits until its window is mapped, saves a PNG.
#   scripts/screenshot.sh OUT.png [--size WxH] [--delay SECONDS] [-- svj-workbench arguments...]
# The window is found by its title; --delay waits extra time after it appears (for decoding, plots).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: screenshot.sh OUT.png [--size WxH] [--delay S] [-- ARGS...]}
shift
size=1600x1000
delay=1
while [ $# -gt 0 ]; do
    case $1 in
        --size) size=$2; shift 2 ;;
        --delay) delay=$2; shift 2 ;;
        --) shift; break ;;
        *) break ;;
    esac
done
binary=${SVJ_WORKBENCH:-${SVJ_BUILD_DIR:-$root/build}/bin/svj-workbench}
[ -x "$binary" ] || { echo "screenshot: $binary not built (run scripts/setup.sh)" >&2; exit 1; }
for tool in Xvfb xwininfo ffmpeg; do
    command -v $tool >/dev/null || { echo "screenshot: $tool missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

# A free display number and a private Xvfb.
display=99
while [ -e /tmp/.X11-unix/X$display ] || [ -e /tmp/.X$display-lock ]; do display=$((display + 1)); done
Xvfb :$display -screen 0 ${size}x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "${app:-}" 2>/dev/null || true; kill $xvfb 2>/dev/null || true; }
trap cleanup EXIT
export DISPLAY=:$display
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done

# The window fills the screen: geometry from earlier runs must not leak into screenshots.
settings_home=$(mktemp -d)
XDG_CONFIG_HOME=$settings_home XDG_RUNTIME_DIR=$settings_home "$binary" -geometry "${size}+0+0" "$@" &
app=$!

for _ in $(seq 300); do
    kill -0 $app 2>/dev/null || { echo "screenshot: svj-workbench exited early" >&2; exit 1; }
    if xwininfo -root -tree 2>/dev/null | grep -q '"SVJ Workbench'; then break; fi
    sleep 0.1
done
sleep "$delay"
ffmpeg -hide_banner -loglevel error -y -f x11grab -draw_mouse 0 -video_size "$size" -i ":$display" -frames:v 1 "$out"
rm -rf "$settings_home"
echo "screenshot: $out"
