#!/usr/bin/env bash
# Builds the .deb and .tar.gz from a build tree and checks the .deb as a user would meet it: `apt-get install
# ./…deb` (dependencies from Debian), the installed `svj --version`, `svj score` on a real clip, `svj-workbench`
# offscreen (plays the clip and exits), the files where the desktop looks for them, then `apt-get remove --purge`
# leaving none of the package's files behind. Needs root.
#   packaging/check-package.sh [BUILD_DIR] [--fresh-root DIR]
# --fresh-root DIR: install into a new Debian 12 tree made by debootstrap at DIR (needs the Debian mirror; the
# proof that Debian alone satisfies the dependencies); without it, on this machine.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build
fresh=
while [ $# -gt 0 ]; do
    case $1 in
        --fresh-root) fresh=$2; shift 2 ;;
        *) build=$(cd "$1" && pwd); shift ;;
    esac
done
[ "$(id -u)" -eq 0 ] || { echo "check-package: run as root (it installs and removes the package)" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

step "cpack: .deb and .tar.gz from $build"
(cd "$build" && cmake --build . >/dev/null && cpack -G "DEB;TGZ" >/dev/null)
deb=$(ls -t "$build"/svj-workbench_*.deb | head -1)
tgz=$(ls -t "$build"/svj-workbench-*.tar.gz | head -1)
ls -l "$deb" "$tgz"
dpkg-deb -f "$deb" Package Version Depends Recommends
tar -tzf "$tgz" | grep -q '/bin/svj-workbench$' || { echo "check-package: $tgz lacks bin/svj-workbench" >&2; exit 1; }

# A real clip: the demo footage if fetched, else one FFmpeg makes; its first 3 s for the window's smoke test.
clips=$(mktemp -d)
mounted=
cleanup() {
    rm -rf "$clips"
    if [ -n "$mounted" ]; then umount "$mounted/proc" "$mounted/dev" 2>/dev/null || true; fi
}
trap cleanup EXIT
clip=$build/demo-footage/cockatoo.mp4
if [ ! -f "$clip" ]; then
    clip=$clips/testsrc.mp4
    ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=320x240:rate=24 -t 3 -pix_fmt yuv420p "$clip"
fi
short=$clips/short.mp4
ffmpeg -hide_banner -loglevel error -y -i "$clip" -t 3 -an -c:v libx264 -preset veryfast "$short"

# Where to install: this machine, or a fresh Debian 12 tree.
run=()
target=/
if [ -n "$fresh" ]; then
    step "debootstrap: a fresh Debian 12 at $fresh"
    if [ ! -x "$fresh/usr/bin/apt-get" ]; then
        command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null
        debootstrap --variant=minbase bookworm "$fresh" http://deb.debian.org/debian >/dev/null
    fi
    mounted=$fresh
    mountpoint -q "$fresh/proc" || mount -t proc proc "$fresh/proc"
    mountpoint -q "$fresh/dev" || mount --bind /dev "$fresh/dev"
    cp /etc/resolv.conf "$fresh/etc/resolv.conf" 2>/dev/null || true
    run=(chroot "$fresh")
    target=$fresh
    chroot "$fresh" apt-get update -q >/dev/null
fi
work=/tmp/svj-check-package
rm -rf "$target$work" && mkdir -p "$target$work"
cp "$deb" "$clip" "$short" "$target$work/"
clip_name=$(basename "$clip")

step "apt-get install ./$(basename "$deb")"
"${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$work/$(basename "$deb")" | tail -3
"${run[@]}" dpkg -L svj-workbench > "$target$work/files"

step "installed: svj --version"
"${run[@]}" /usr/bin/svj --version

step "installed: svj score $clip_name (the shipped judge)"
"${run[@]}" env HOME=$work /usr/bin/svj score "$work/$clip_name" --json > "$target$work/score.json"
head -c 300 "$target$work/score.json"; echo
grep -q '"frame_energies"' "$target$work/score.json" || { echo "check-package: no energies in the score" >&2; exit 1; }
# The installed judge, not one in a source tree.
grep -q '"checkpoint":"/usr/share/svj-workbench/judge/default-judge.safetensors"' "$target$work/score.json" ||
    { echo "check-package: the score did not use the installed judge" >&2; exit 1; }

step "installed: svj-workbench offscreen (opens the clip, plays it, exits)"
"${run[@]}" env HOME=$work QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work \
    /usr/bin/svj-workbench "$work/short.mp4" --bench-playback 2>&1 | tail -4

step "installed: the files where the desktop looks"
for file in /usr/share/applications/svj-workbench.desktop /usr/share/metainfo/io.github.svj_workbench.metainfo.xml \
    /usr/share/mime/packages/svj-workbench.xml /usr/share/icons/hicolor/scalable/apps/svj-workbench.svg \
    /usr/share/icons/hicolor/48x48/apps/svj-workbench.png /usr/share/man/man1/svj.1.gz \
    /usr/share/man/man1/svj-workbench.1.gz /usr/share/svj-workbench/translations/svj-workbench_de.qm \
    /usr/share/svj-workbench/judge/default-judge.safetensors; do
    [ -f "$target$file" ] || { echo "check-package: $file not installed" >&2; exit 1; }
done
zcat "$target/usr/share/man/man1/svj.1.gz" | grep -q '^\.TH SVJ' || { echo "check-package: svj.1.gz is not a man page" >&2; exit 1; }
echo "desktop file, metainfo, MIME type, icons (SVG + PNG), man pages, translations, judge: present"
# Double-clicking a workspace: the MIME database and the desktop's MIME cache (made by Debian's triggers, where
# shared-mime-info and desktop-file-utils are installed) know the type and the application for it.
if [ -x "$target/usr/bin/update-mime-database" ]; then
    [ -f "$target/usr/share/mime/application/x-svj-workspace.xml" ] ||
        { echo "check-package: the MIME database lacks application/x-svj-workspace" >&2; exit 1; }
    echo "MIME database: application/x-svj-workspace registered"
fi
if [ -x "$target/usr/bin/update-desktop-database" ]; then
    grep -q '^application/x-svj-workspace=.*svj-workbench.desktop' "$target/usr/share/applications/mimeinfo.cache" ||
        { echo "check-package: mimeinfo.cache does not open workspaces with svj-workbench" >&2; exit 1; }
    echo "mimeinfo.cache: workspaces open with svj-workbench.desktop"
fi

step "apt-get remove --purge svj-workbench"
"${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -q svj-workbench | tail -2
left=0
while read -r path; do
    if [ -f "$target$path" ]; then
        echo "left behind: $path"
        left=$((left + 1))
    fi
done < "$target$work/files"
[ $left -eq 0 ] || { echo "check-package: $left file(s) left after removal" >&2; exit 1; }
echo "removed cleanly: none of the package's $(wc -l < "$target$work/files") paths is left"
rm -rf "${target:?}$work"
echo "check-package: all passed"
