#!/usr/bin/env bash
# Installs, builds and starts SVJ Workbench (the README's run command). Arguments go to svj-workbench.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build_dir=${SVJ_BUILD_DIR:-$root/build}
exec "$build_dir/bin/svj-workbench" "$@"
