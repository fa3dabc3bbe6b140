#!/usr/bin/env bash
# Installs what SVJ Workbench needs (Debian 12), configures and builds it. Idempotent: installed packages
# are not touched, a configured build tree is reused, ccache makes a rebuild fast.
#   scripts/setup.sh [--no-build]      environment: SVJ_BUILD_DIR (default build), SVJ_BUILD_TYPE, SVJ_CMAKE_ARGS
# In CI (CI=true) warnings are errors, as in the `ci` preset: a new warning fails the build there.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SVJ_BUILD_DIR:-$root/build}
build_type=${SVJ_BUILD_TYPE:-RelWithDebInfo}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_packages() {
    local wanted missing=()
    mapfile -t wanted < <(grep -vE '^\s*(#|$)' "$root/scripts/debian-packages.txt")
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "all ${#wanted[@]} Debian packages already installed"
        return
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    say "installing ${#missing[@]} Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    local jobs
    jobs=$(nproc)
    local strict=()
    [ "${CI:-}" = "true" ] && strict=(-DSVJ_WARNINGS_AS_ERRORS=ON)
    if [ ! -f "$build_dir/build.ninja" ]; then
        say "configuring $build_dir ($build_type${strict[*]:+, warnings are errors})"
        # shellcheck disable=SC2086
        cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "${strict[@]}" ${SVJ_CMAKE_ARGS:-}
    elif [ ${#strict[@]} -gt 0 ]; then
        cmake "$build_dir" "${strict[@]}" >/dev/null
    fi
    say "building with $jobs jobs"
    cmake --build "$build_dir" --parallel "$jobs"
}

install_packages
if [ "${1:-}" != "--no-build" ]; then
    configure_and_build
fi
