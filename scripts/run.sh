#!/usr/bin/env bash
# Installs, builds and starts SVJ Workbench (the README's run command). Arguments go to svj-workbench.
# Without arguments it opens the demo workspace (scripts/make-demo-workspace.sh) to label; with videos, the
# comparison view on them, scored by the default judge.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build_dir=${SVJ_BUILD_DIR:-$root/build}
if [ $# -eq 0 ]; then
    # The demo workspace, built once from the real demo footage: pairs to label (gold pairs against broken
    # copies, clean clips against each other) with the shipped judge's curves already in it.
    footage=$build_dir/demo-footage
    "$root/scripts/fetch-demo-footage.sh" "$footage" >/dev/null || true
    # Also a copy of a real clip with a 2-second freeze, for the comparison view (docs/comparison-view.md).
    "$root/scripts/make-frozen-copy.sh" "$footage" >/dev/null || true
    if workspace=$("$root/scripts/make-demo-workspace.sh" "$footage" "$build_dir/demo-workspace"); then
        # The judge's curves stay visible here (in real labelling they are hidden while voting).
        set -- --workspace "$workspace" --judge-curves
    else
        echo "run.sh: no demo workspace (see above); starting without one" >&2
    fi
fi
exec "$build_dir/bin/svj-workbench" "$@"
