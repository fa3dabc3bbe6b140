#!/usr/bin/env bash
# Applies clang-format to every C++ file of the project; with --check, only reports and fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
format=$(command -v clang-format-14 || command -v clang-format)
list_files() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files -co --exclude-standard -- '*.cpp' '*.h' '*.hpp'
    else # an unpacked source tarball
        find . -path ./third_party -prune -o -path './build*' -prune -o \( -name '*.cpp' -o -name '*.h' -o -name '*.hpp' \) -print | sed 's|^\./||'
    fi
}
mapfile -t files < <(list_files | grep -vE '^(build|third_party)/' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ "${1:-}" = "--check" ]; then
    "$format" --dry-run -Werror "${files[@]}"
    echo "format-check: ${#files[@]} files clean"
else
    "$format" -i "${files[@]}"
fi
