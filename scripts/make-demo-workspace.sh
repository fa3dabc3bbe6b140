#!/usr/bin/env bash
# Builds the demo workspace from the real demo footage: clean clips, gold pairs against copies broken with a
# known fault, the clean clips paired against each other, all assigned to the annotator, every clip scored by
# the shipped default judge. Built aside and moved into place, so it is complete or absent.
#   scripts/make-demo-workspace.sh FOOTAGE_DIR OUT_DIR [ANNOTATOR]   (prints the workspace's path)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
footage=${1:?usage: make-demo-workspace.sh FOOTAGE_DIR OUT_DIR [ANNOTATOR]}
out=${2:?usage: make-demo-workspace.sh FOOTAGE_DIR OUT_DIR [ANNOTATOR]}
footage=$(cd "$footage" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
annotator=${3:-${USER:-annotator}}
svj=${SVJ:-${SVJ_BUILD_DIR:-$root/build}/bin/svj}
workspace=$out/demo.svjw
if [ -s "$workspace" ]; then
    echo "$workspace"
    exit 0
fi
mkdir -p "$out"
staging=$(mktemp -d "$out/.building.XXXXXX")
trap 'rm -rf "$staging"' EXIT

# Five clips of different sizes, rates and codecs (whichever of them the footage has).
{
    echo "path,model,prompt"
    for clip in cockatoo.mp4 hug-movie.mp4 realshort.mp4 balle-jbart.mp4 motion.mov; do
        [ -s "$footage/$clip" ] && echo "$footage/$clip,footage,${clip%.*}"
    done
} > "$staging/footage.csv"
if [ "$(wc -l < "$staging/footage.csv")" -lt 3 ]; then
    echo "make-demo-workspace: too few demo clips in $footage (scripts/fetch-demo-footage.sh fetches them)" >&2
    exit 1
fi

"$svj" db init "$staging/demo.svjw" >/dev/null
# 72 frames of each, clean, beside a copy broken with a known fault (the answer of a gold pair).
"$svj" db gold "$staging/demo.svjw" --videos "$staging/footage.csv" --out "$out/clips" --frames 72 >/dev/null
# The clean clips against each other: one "model" each, one shared prompt.
{
    echo "path,model,prompt"
    for clip in "$out"/clips/gold-*-clean.mp4; do
        name=$(basename "$clip" .mp4)
        name=${name#gold-}
        echo "$clip,${name%-clean},demo footage"
    done
} > "$staging/clean.csv"
"$svj" db import "$staging/demo.svjw" --videos "$staging/clean.csv" >/dev/null
"$svj" db pairs "$staging/demo.svjw" --mode same-prompt >/dev/null
"$svj" db assign "$staging/demo.svjw" --annotators "$annotator" --overlap 1 >/dev/null
# The shipped judge's curves, kept in the workspace (the workbench draws them without scoring again).
"$svj" score "$out"/clips/*.mp4 --json --progress none --db "$staging/demo.svjw" >/dev/null
mv "$staging/demo.svjw" "$workspace"
echo "$workspace"
