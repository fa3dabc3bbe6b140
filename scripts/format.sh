#!/usr/bin/env bash
# Applies clang-format to every C++ file of the project; with --check, only reports and fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
format=$(command -v clang-format-14 || command -v clang-format)
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.h' '*.hpp' | grep -vE '^(build|third_party)/' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ "${1:-}" = "--check" ]; then
    "$format" --dry-run -Werror "${files[@]}"
    echo "format-check: ${#files[@]} files clean"
else
    "$format" -i "${files[@]}"
fi
