#!/usr/bin/env bash
# The man pages the build made from the programs' --help: there, titled, and carrying the options users need.
#   tests/packaging/check_man_pages.sh BUILD_PACKAGING_DIR [with-gui]
set -euo pipefail
dir=${1:?usage: check_man_pages.sh BUILD_PACKAGING_DIR [with-gui]}
check() { # PAGE TITLE WORD...
    local page=$dir/$1 title=$2
    shift 2
    [ -s "$page" ] || { echo "$page: missing (is help2man installed?)" >&2; exit 1; }
    grep -q "^\.TH \"\?$title\"\? \"\?1\"\?" "$page" || { echo "$page: no .TH $title 1 line" >&2; exit 1; }
    for word in "$@"; do
        grep -q -- "$word" "$page" || { echo "$page: '$word' missing" >&2; exit 1; }
    done
}
check svj.1 SVJ score finetune "db"
if [ "${2:-}" = with-gui ]; then
    check svj-workbench.1 SVJ-WORKBENCH workspace annotator compare
fi
echo "man pages: ok"
