#!/usr/bin/env bash
# The labelling screenshots of docs/labelling.md, from the demo workspace (scripts/make-demo-workspace.sh):
# a pair being labelled; then, on a copy labelled by this script (two annotators: gold pairs answered right,
# the other pairs by a fixed rule, so the figures are reproducible), the statistics view and its Effort tab, a fine-tune in
# progress and its checkpoint diff (labelled by kim and lee, so the viewer's own queue still shows a pair).
# Needs the sqlite3 command-line tool.
#   scripts/make-labelling-screenshots.sh [OUT_DIR]   (default docs/screenshots)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/docs/screenshots}
build=${SVJ_BUILD_DIR:-$root/build}
svj=$build/bin/svj
command -v sqlite3 >/dev/null || { echo "make-labelling-screenshots: sqlite3 missing (apt-get install sqlite3)" >&2; exit 1; }
demo=$("$root/scripts/make-demo-workspace.sh" "$build/demo-footage" "$build/demo-workspace")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data

sqlite3 "$demo" ".backup '$work/fresh.svjw'" # with what its write-ahead log holds
"$root/scripts/screenshot.sh" "$out/labelling-pair.png" --delay 6 -- --annotator annotator --workspace "$work/fresh.svjw"

sqlite3 "$demo" ".backup '$work/labelled.svjw'"
n=0
while IFS='|' read -r pair origin answer; do
    if [ "$origin" = gold ]; then
        first=$answer
        second=$answer
    else
        first=$([ $((pair % 2)) -eq 0 ] && echo A || echo B)
        second=$([ $((pair % 3)) -eq 0 ] && echo tie || echo "$first")
    fi
    # Times and watched shares by a fixed rule too (the Effort tab): lee votes on every fifth pair having seen a
    # tenth of B.
    "$svj" db label "$work/labelled.svjw" --pair "$pair" --annotator kim --verdict "$first" \
        --seconds $((9 + pair * 7 % 23)) --watched 1,1 >/dev/null
    "$svj" db label "$work/labelled.svjw" --pair "$pair" --annotator lee --verdict "$second" \
        --seconds $((5 + pair * 5 % 17)) --watched "1,$([ $((pair % 5)) -eq 0 ] && echo 0.1 || echo 0.9)" >/dev/null
    n=$((n + 1))
done < <(sqlite3 "$work/labelled.svjw" "SELECT id, origin, COALESCE(gold_answer, '') FROM pairs ORDER BY id")
echo "labelled $n pairs twice"
"$root/scripts/screenshot.sh" "$out/labelling-statistics.png" --delay 6 -- --annotator annotator \
    --workspace "$work/labelled.svjw" --show statistics
"$root/scripts/screenshot.sh" "$out/labelling-effort.png" --delay 6 -- --annotator annotator \
    --workspace "$work/labelled.svjw" --show effort
sqlite3 "$work/labelled.svjw" ".backup '$work/tuning.svjw'"
"$root/scripts/screenshot.sh" "$out/labelling-finetune-running.png" --delay 12 -- --annotator annotator \
    --workspace "$work/tuning.svjw" --show finetune --finetune 60
rm -rf "$work/tuning-checkpoints"
sqlite3 "$work/labelled.svjw" ".backup '$work/tuned.svjw'"
"$root/scripts/screenshot.sh" "$out/labelling-checkpoint-diff.png" --delay 75 -- --annotator annotator \
    --workspace "$work/tuned.svjw" --show finetune --finetune 8
