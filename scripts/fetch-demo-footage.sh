#!/usr/bin/env bash
# Fetches the real camera footage that ships inside Debian packages (no installing: the .debs are only
# unpacked) into OUTDIR, with a NOTICE of licences. Used by the media tests, the demo workspace and the
# default judge's pretraining. ~17 MiB of downloads, cached in OUTDIR/.debs.
#   scripts/fetch-demo-footage.sh OUTDIR
# When the package registry cannot be reached it writes OUTDIR/UNAVAILABLE with the reason and exits 0,
# so test suites can skip with that message; any other failure exits non-zero.
set -euo pipefail
out=${1:?usage: fetch-demo-footage.sh OUTDIR}
mkdir -p "$out/.debs"
out=$(cd "$out" && pwd)
[ -s "$out/MANIFEST" ] && { echo "demo footage already in $out"; exit 0; }
rm -f "$out/UNAVAILABLE"

packages=(python3-imageio python3-mecavideo python3-hug-doc node-opencv libdlib19.1 python-nbsphinx-doc)
download() { (cd "$out/.debs" && apt-get download -q "${packages[@]}") >"$out/.debs/log" 2>&1; }
if ! download; then
    # A fresh machine may have empty package lists: update once (needs root) and try again.
    if [ "$(id -u)" -eq 0 ]; then apt-get update -q >/dev/null 2>&1 || true; fi
    if ! download; then
        { echo "the Debian package registry could not be reached to fetch the demo footage:"; tail -3 "$out/.debs/log"; } \
            > "$out/UNAVAILABLE"
        cat "$out/UNAVAILABLE" >&2
        exit 0
    fi
fi

tree="$out/.debs/tree"
rm -rf "$tree" && mkdir -p "$tree"
for deb in "$out"/.debs/*.deb; do dpkg-deb -x "$deb" "$tree"; done

# name in OUTDIR <- path inside the packages (found by file name: paths move between releases)
take() {
    local name=$1 pattern=$2 found
    found=$(find "$tree" -path "*$pattern" -type f | head -1)
    [ -n "$found" ] || { echo "fetch-demo-footage: $pattern not found in the packages" >&2; exit 1; }
    cp "$found" "$out/$name"
}
take cockatoo.mp4 imageio/resources/images/cockatoo.mp4
take realshort.mp4 imageio/resources/images/realshort.mp4
take balle-jbart.mp4 pymecavideo/data/video/balle-jbart.mp4
take balle1-vp9.avi pymecavideo/data/video/balle1-vp9.avi
take Effet_force_magnetique.ogv pymecavideo/data/video/Effet_force_magnetique.ogv
take Force_constante.avi pymecavideo/data/video/Force_constante.avi
take Principe_inertie.avi pymecavideo/data/video/Principe_inertie.avi
take g1.avi pymecavideo/data/video/g1.avi
take g2.avi pymecavideo/data/video/g2.avi
take hug-movie.mp4 streaming_movie_server/movie.mp4
take motion.mov node-opencv/examples/files/motion.mov
take Shepard_Calais_1906_FrenchGP.ogv wikimediacommons/Shepard_Calais_1906_FrenchGP.ogv.160p.ogv
frames=$(find "$tree" -type d -path "*libdlib19.1/examples/video_frames" | head -1)
[ -n "$frames" ] || { echo "fetch-demo-footage: dlib video_frames not found" >&2; exit 1; }
rm -rf "$out/dlib_frames" && mkdir "$out/dlib_frames" && cp "$frames"/*.jpg "$out/dlib_frames/"

cat > "$out/NOTICE" <<'NOTICE'
Real footage unpacked from Debian 12 packages; each file keeps its package's licence (debian/copyright):
  cockatoo.mp4, realshort.mp4                 python3-imageio        BSD-2-Clause
  balle-jbart.mp4, balle1-vp9.avi, Effet_force_magnetique.ogv, Force_constante.avi, Principe_inertie.avi,
  g1.avi, g2.avi                              python3-mecavideo      CC-BY-SA-3.0
  hug-movie.mp4                               python3-hug-doc        MIT
  motion.mov                                  node-opencv            Expat
  dlib_frames/                                libdlib19.1            see the package's copyright file
  Shepard_Calais_1906_FrenchGP.ogv            python-nbsphinx-doc    public domain (Wikimedia Commons)
NOTICE
(cd "$out" && ls -1 *.mp4 *.avi *.ogv *.mov && echo dlib_frames) > "$out/MANIFEST"
rm -rf "$tree"
echo "demo footage ready in $out ($(wc -l < "$out/MANIFEST") items)"
