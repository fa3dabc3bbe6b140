#!/usr/bin/env bash
# Every screenshot of the user's guide, made again from the demo footage and the demo workspace, and the guide's
# shortcut table refreshed from the menus (tst_widgets checks it). Needs a build (scripts/setup.sh).
#   scripts/make-screenshots.sh [OUT_DIR]   (default docs/screenshots; the table is written only then)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/docs/screenshots}
build=${SVJ_BUILD_DIR:-$root/build}
footage=$build/demo-footage
mkdir -p "$out"
"$root/scripts/fetch-demo-footage.sh" "$footage" >/dev/null
clean=$footage/cockatoo.mp4
frozen=$("$root/scripts/make-frozen-copy.sh" "$footage")
demo=$("$root/scripts/make-demo-workspace.sh" "$footage" "$build/demo-workspace")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Settings, score cache and logs of these runs stay out of the user's own.
export XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data
shot() { "$root/scripts/screenshot.sh" "$out/$1" "${@:2}"; }

shot welcome.png --delay 2 --
# The comparison view: a clip against its copy with a 2 s freeze (5 s-7 s), scored by the shipped judge.
shot comparison-two-clips.png --delay 40 -- "$clean" "$frozen" --seek 6
shot comparison-wipe.png --delay 40 -- "$clean" "$frozen" --compare wipe --seek 6
shot comparison-difference.png --delay 40 -- "$clean" "$frozen" --compare difference --seek 6
shot comparison-four-up.png --delay 60 -- "$clean" "$frozen" "$footage/balle-jbart.mp4" "$footage/hug-movie.mp4" --seek 2

"$root/scripts/make-labelling-screenshots.sh" "$out"

# The main window in German and in Chinese (View > Language; --language for one run).
for language in de zh_CN; do
    sqlite3 "$demo" ".backup '$work/$language.svjw'"
    shot "main-window-$language.png" --delay 8 -- --language "$language" --annotator annotator \
        --workspace "$work/$language.svjw" --judge-curves
done

if [ $# -eq 0 ]; then
    sqlite3 "$demo" ".backup '$work/keys.svjw'"
    table=$(QT_QPA_PLATFORM=offscreen "$build/bin/svj-workbench" --workspace "$work/keys.svjw" --shortcuts 2>/dev/null)
    TABLE=$table python3 - "$root/docs/user-guide.md" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
table = os.environ["TABLE"] + "\n"
new = re.sub(r"(<!-- shortcuts:begin -->\n).*?(<!-- shortcuts:end -->)", lambda m: m.group(1) + table + m.group(2),
             text, flags=re.S)
open(path, "w", encoding="utf-8").write(new)
PY
    echo "docs/user-guide.md: shortcut table refreshed"
fi
echo "screenshots in $out"
