#!/usr/bin/env bash
# Fetches the training footage of the video judge from Debian 12 packages (no installing: the .debs are
# only unpacked) into OUTDIR: the demo footage (fetch-demo-footage.sh, in OUTDIR/demo), rendered and
# animated clips (video/), photographs to be turned into moving video by our own code (photo/) and photos
# of objects with an alpha channel to move over them (object/). Writes OUTDIR/MANIFEST.tsv (path, source
# group for a split by source, kind, package, licence), OUTDIR/NOTICE and each package's copyright file
# (OUTDIR/copyright/PKG). ~510 MiB of downloads, cached in OUTDIR/.debs; ~110 MiB kept.
#   scripts/fetch-judge-footage.sh OUTDIR
# When the package registry cannot be reached it writes OUTDIR/UNAVAILABLE with the reason and exits 0,
# so callers can skip with that message; any other failure exits non-zero.
# The packages reserved for an independent evaluation (listed in the team's footage guide) are never fetched.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: fetch-judge-footage.sh OUTDIR}
mkdir -p "$out/.debs"
out=$(cd "$out" && pwd)
[ -s "$out/MANIFEST.tsv" ] && { echo "judge footage already in $out"; exit 0; }
rm -f "$out/UNAVAILABLE"

"$root/scripts/fetch-demo-footage.sh" "$out/demo" >/dev/null
if [ -e "$out/demo/UNAVAILABLE" ]; then
    cp "$out/demo/UNAVAILABLE" "$out/UNAVAILABLE" # fetch-demo-footage.sh has printed why
    exit 0
fi

packages=(golang-github-gabriel-vasile-mimetype-dev planetblupi-common tupi-data pampi openboard-common gem-doc
    fillets-ng-data wordpress-theme-twentytwentytwo python3-sklearn python3-skimage libjxl-testdata
    plasma-workspace-wallpapers mate-backgrounds lomiri-wallpapers-16.04 lomiri-wallpapers-20.04
    tuxpaint-stamps-default)
deb_of() { find "$out/.debs" -maxdepth 1 -name "${1}_*.deb" | sort -V | tail -1; }
missing=()
for pkg in "${packages[@]}"; do [ -n "$(deb_of "$pkg")" ] || missing+=("$pkg"); done
download() { (cd "$out/.debs" && apt-get download -q "${missing[@]}") >"$out/.debs/log" 2>&1; }
if [ ${#missing[@]} -gt 0 ] && ! download; then
    # A fresh machine may have empty package lists: update once (needs root) and try again.
    if [ "$(id -u)" -eq 0 ]; then apt-get update -q >/dev/null 2>&1 || true; fi
    if ! download; then
        { echo "the Debian package registry could not be reached to fetch the judge footage:"; tail -3 "$out/.debs/log"; } \
            > "$out/UNAVAILABLE"
        cat "$out/UNAVAILABLE" >&2
        exit 0
    fi
fi

# One tree per package, so that every file taken is known to come from its package.
tree="$out/.debs/tree"
rm -rf "$tree" "$out/video" "$out/photo" "$out/object" "$out/copyright" "$out/NOTICE"
mkdir -p "$tree" "$out/video" "$out/photo" "$out/object" "$out/copyright"
for pkg in "${packages[@]}"; do
    mkdir "$tree/$pkg" && dpkg-deb -x "$(deb_of "$pkg")" "$tree/$pkg"
    cp "$tree/$pkg/usr/share/doc/$pkg/copyright" "$out/copyright/$pkg"
done

manifest="$out/MANIFEST.tsv.part"
printf 'path\tsource\tkind\tpackage\tlicence\n' > "$manifest"
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$manifest"; }

# DEST (relative to OUTDIR) <- the file of PKG whose path ends in SUFFIX (found by path suffix: paths move
# between releases); source group = DEST's stem unless given.
take() {
    local dest=$1 pkg=$2 suffix=$3 kind=$4 licence=$5 source=${6:-} found
    found=$(find "$tree/$pkg" -path "*$suffix" -type f | head -1)
    [ -n "$found" ] || { echo "fetch-judge-footage: $suffix not found in $pkg" >&2; exit 1; }
    cp "$found" "$out/$dest"
    [ -n "$source" ] || { source=${dest##*/}; source=${source%.*}; }
    row "$dest" "$source" "$kind" "$pkg" "$licence"
}

# The demo footage: real camera clips (licences as in demo/NOTICE). Takes of one scene share a source.
while read -r name; do
    case $name in
        cockatoo.mp4 | realshort.mp4) pkg=python3-imageio licence=BSD-2-Clause ;;
        balle-jbart.mp4 | balle1-vp9.avi | Effet_force_magnetique.ogv | Force_constante.avi | Principe_inertie.avi | g1.avi | g2.avi)
            pkg=python3-mecavideo licence=CC-BY-SA-3.0 ;;
        hug-movie.mp4) pkg=python3-hug-doc licence=MIT ;;
        motion.mov) pkg=node-opencv licence=Expat ;;
        dlib_frames) pkg=libdlib19.1 licence=BSL-1.0 ;;
        Shepard_Calais_1906_FrenchGP.ogv) pkg=python-nbsphinx-doc licence=public-domain ;;
        *) echo "fetch-judge-footage: demo item $name has no licence here" >&2; exit 1 ;;
    esac
    case $name in
        Effet_force_magnetique.ogv | Force_constante.avi | Principe_inertie.avi) source=mecavideo-airtable ;;
        g1.avi | g2.avi) source=mecavideo-cyclists ;;
        *) source=${name%.*} ;;
    esac
    row "demo/$name" "$source" camera "$pkg" "$licence"
done < "$out/demo/MANIFEST"

# Rendered and animated clips. Not taken: mimetype's mp4/ogv/webm/flv/3gp/mov (the demo's LEGO clip again)
# and gem-doc's homer.avi (a clip of The Simpsons: not the package authors' to license).
while read -r dest pkg suffix licence; do
    take "$dest" "$pkg" "$suffix" rendered "$licence"
done <<'VIDEOS'
video/mimetype-mkv.mkv               golang-github-gabriel-vasile-mimetype-dev  mimetype/testdata/mkv.mkv                               CC-BY-3.0
video/tupi-example.avi               tupi-data                        tupi/data/help/examples/example.avi                              GPL-2+
video/pampi-tour.mp4                 pampi                            pampi/presentations/data/pampi-help/tour.mp4                     GPL-3+
video/openboard-wannaworktogether.mp4 openboard-common                openboard/library/videos/wannaworktogether.mp4                   GPL-3-with-OpenSSL-exception
video/gem-anim-1.mov                 gem-doc                          gem/examples/data/anim-1.mov                                     GPL-2+
video/gem-alea.mpg                   gem-doc                          gem/examples/data/alea.mpg                                       GPL-2+
video/fillets-intro.mpg              fillets-ng-data                  games/fillets-ng/images/menu/intro.mpg                           GPL-2
video/twentytwentytwo-birds.mp4      wordpress-theme-twentytwentytwo  twentytwentytwo/assets/videos/birds.mp4                          GPL-2+
VIDEOS
# The Big Buck Bunny excerpt is two cuts whose timestamps both start at 0: stamp its 147 frames 25 fps apart
# again (no re-encoding), or no reader can tell its frames apart.
ffmpeg -nostdin -v error -y -i "$out/video/mimetype-mkv.mkv" -map 0:v -c:v copy -bsf:v "setts=ts=N*40" \
    "$out/video/mimetype-mkv.fixed.mkv"
mv "$out/video/mimetype-mkv.fixed.mkv" "$out/video/mimetype-mkv.mkv"
mapfile -t blupi < <(find "$tree/planetblupi-common" -path '*planetblupi/movie/*.mkv' -type f | sort)
[ ${#blupi[@]} -gt 0 ] || { echo "fetch-judge-footage: planetblupi movies not found" >&2; exit 1; }
for f in "${blupi[@]}"; do
    take "video/planetblupi-${f##*/}" planetblupi-common "planetblupi/movie/${f##*/}" rendered GPL-3+
done

# Photographs (real camera photos with real texture, >= 400 px on the short side, no near-duplicates).
while read -r dest pkg suffix licence; do
    take "$dest" "$pkg" "$suffix" photo "$licence"
done <<'PHOTOS'
photo/sklearn-china.jpg              python3-sklearn              sklearn/datasets/images/china.jpg                         CC-BY-2.0
photo/sklearn-flower.jpg             python3-sklearn              sklearn/datasets/images/flower.jpg                        CC-BY-2.0
photo/skimage-astronaut.png          python3-skimage              skimage/data/astronaut.png                                BSD-3-Clause
photo/skimage-camera.png             python3-skimage              skimage/data/camera.png                                   BSD-3-Clause
photo/skimage-coffee.png             python3-skimage              skimage/data/coffee.png                                   BSD-3-Clause
photo/skimage-rocket.jpg             python3-skimage              skimage/data/rocket.jpg                                   BSD-3-Clause
photo/skimage-motorcycle_left.png    python3-skimage              skimage/data/motorcycle_left.png                          BSD-3-Clause
photo/skimage-hubble_deep_field.jpg  python3-skimage              skimage/data/hubble_deep_field.jpg                        BSD-3-Clause
photo/skimage-retina.jpg             python3-skimage              skimage/data/retina.jpg                                   BSD-3-Clause
photo/skimage-brick.png              python3-skimage              skimage/data/brick.png                                    BSD-3-Clause
photo/skimage-grass.png              python3-skimage              skimage/data/grass.png                                    BSD-3-Clause
photo/skimage-gravel.png             python3-skimage              skimage/data/gravel.png                                   BSD-3-Clause
photo/skimage-moon.png               python3-skimage              skimage/data/moon.png                                     BSD-3-Clause
photo/skimage-ihc.png                python3-skimage              skimage/data/ihc.png                                      BSD-3-Clause
photo/libjxl-flower.png              libjxl-testdata              libjxl-testdata/jxl/flower/flower.png                     BSD-3-Clause
photo/libjxl-tmshre_riaphotographs.png libjxl-testdata            wesaturate/500px/tmshre_riaphotographs_srgb8.png          CC0-1.0
photo/libjxl-cvo9xd_keong_macan.png  libjxl-testdata              wesaturate/500px/cvo9xd_keong_macan_srgb8.png             CC0-1.0
photo/libjxl-u76c0g_bliznaca.png     libjxl-testdata              wesaturate/500px/u76c0g_bliznaca_srgb8.png                CC0-1.0
photo/plasma-BytheWater.jpg          plasma-workspace-wallpapers  wallpapers/BytheWater/contents/images/2560x1600.jpg       GPL-2+
photo/plasma-ColdRipple.jpg          plasma-workspace-wallpapers  wallpapers/ColdRipple/contents/images/2560x1600.jpg       GPL-2+
photo/plasma-ColorfulCups.jpg        plasma-workspace-wallpapers  wallpapers/ColorfulCups/contents/images/2560x1600.jpg     GPL-2+
photo/plasma-EveningGlow.jpg         plasma-workspace-wallpapers  wallpapers/EveningGlow/contents/images/2560x1600.jpg      GPL-2+
photo/plasma-FallenLeaf.jpg          plasma-workspace-wallpapers  wallpapers/FallenLeaf/contents/images/2560x1600.jpg       GPL-2+
photo/plasma-Grey.jpg                plasma-workspace-wallpapers  wallpapers/Grey/contents/images/2560x1600.jpg             GPL-2+
photo/plasma-OneStandsOut.jpg        plasma-workspace-wallpapers  wallpapers/OneStandsOut/contents/images/2560x1600.jpg     GPL-2+
photo/plasma-Path.jpg                plasma-workspace-wallpapers  wallpapers/Path/contents/images/2560x1600.jpg             GPL-2+
photo/mate-Aqua.jpg                  mate-backgrounds             backgrounds/mate/nature/Aqua.jpg                          GPL-2+
photo/mate-Blinds.jpg                mate-backgrounds             backgrounds/mate/nature/Blinds.jpg                        GPL-2+
photo/mate-Dune.jpg                  mate-backgrounds             backgrounds/mate/nature/Dune.jpg                          GPL-2+
photo/mate-FreshFlower.jpg           mate-backgrounds             backgrounds/mate/nature/FreshFlower.jpg                   GPL-2+
photo/mate-Garden.jpg                mate-backgrounds             backgrounds/mate/nature/Garden.jpg                        GPL-2+
photo/mate-GreenMeadow.jpg           mate-backgrounds             backgrounds/mate/nature/GreenMeadow.jpg                   GPL-2+
photo/mate-LadyBird.jpg              mate-backgrounds             backgrounds/mate/nature/LadyBird.jpg                      GPL-2+
photo/mate-RainDrops.jpg             mate-backgrounds             backgrounds/mate/nature/RainDrops.jpg                     GPL-2+
photo/mate-Storm.jpg                 mate-backgrounds             backgrounds/mate/nature/Storm.jpg                         GPL-2+
photo/mate-TwoWings.jpg              mate-backgrounds             backgrounds/mate/nature/TwoWings.jpg                      GPL-2+
photo/mate-Wood.jpg                  mate-backgrounds             backgrounds/mate/nature/Wood.jpg                          GPL-2+
photo/mate-YellowFlower.jpg          mate-backgrounds             backgrounds/mate/nature/YellowFlower.jpg                  GPL-2+
photo/lomiri-Bridge_by_Sander_Klootwijk.jpg lomiri-wallpapers-16.04 backgrounds/Bridge_by_Sander_Klootwijk.jpg               CC-BY-SA-4.0
photo/lomiri-Dragonfly_by_Bolly.jpg  lomiri-wallpapers-16.04      backgrounds/Dragonfly_by_Bolly.jpg                        CC-BY-SA-4.0
photo/lomiri-Picture_0B_by_freespace.jpg lomiri-wallpapers-16.04  backgrounds/Picture_0B_by_freespace.jpg                   CC-BY-4.0
photo/lomiri-Picture_1A_by_freespace.jpg lomiri-wallpapers-16.04  backgrounds/Picture_1A_by_freespace.jpg                   CC-BY-4.0
photo/lomiri-Wine_by_Jakkub_Mede.jpg lomiri-wallpapers-16.04      backgrounds/Wine_by_Jakkub_Mede.jpg                       CC-BY-4.0
photo/lomiri-aitzgorri_by_Aitzol_Berasategi.jpg lomiri-wallpapers-16.04 backgrounds/aitzgorri_by_Aitzol_Berasategi.jpg      CC-BY-4.0
photo/lomiri-analogpattern_by_Peter_Nerlich.jpg lomiri-wallpapers-16.04 backgrounds/analogpattern_by_Peter_Nerlich.jpg      CC-BY-SA-4.0
photo/lomiri-free_by_Peter_Nerlich.jpg lomiri-wallpapers-16.04    backgrounds/free_by_Peter_Nerlich.jpg                     CC-BY-SA-4.0
photo/lomiri-friends_by_Aitzol_Berasategi.jpg lomiri-wallpapers-16.04 backgrounds/friends_by_Aitzol_Berasategi.jpg          CC-BY-4.0
photo/lomiri-greentock_by_Peter_Nerlich.jpg lomiri-wallpapers-16.04 backgrounds/greentock_by_Peter_Nerlich.jpg              CC-BY-SA-4.0
photo/lomiri-life_by_Aitzol_Berasategi.jpg lomiri-wallpapers-16.04 backgrounds/life_by_Aitzol_Berasategi.jpg                CC-BY-4.0
photo/lomiri-picosdeeuropa_by_Aitzol_Berasategi.jpg lomiri-wallpapers-16.04 backgrounds/picosdeeuropa_by_Aitzol_Berasategi.jpg CC-BY-4.0
photo/lomiri-seeding_by_Clements_Engelhardt.jpg lomiri-wallpapers-16.04 backgrounds/seeding_by_Clements_Engelhardt.jpg      CC0-1.0
photo/lomiri-sunset_by_Aitzol_Berasategi.jpg lomiri-wallpapers-16.04 backgrounds/sunset_by_Aitzol_Berasategi.jpg            CC-BY-4.0
photo/lomiri-Kleiber_by_Lukas_Baubkus.jpg lomiri-wallpapers-20.04 backgrounds/Kleiber_by_Lukas_Baubkus.jpg                  CC-BY-SA-3.0
PHOTOS

# Photos of objects with a real alpha channel (PNG colour type 6), not the cartoons or clip art.
stamps=(animals/amphibians/frog.png animals/birds/helmeted_guineafowl.png animals/birds/heron_greatblue_flying.png
    animals/birds/lark.png animals/birds/ostrich.png animals/birds/pelican.png animals/birds/turkey.png
    animals/fish/coraltrout.png animals/fish/seahorse.png animals/insects/grasshopper.png animals/insects/hornet.png
    animals/insects/hoverfly.png animals/insects/xanthia.png animals/mammals/apes/chimp.png
    animals/mammals/apes/tamarin_emperor.png animals/mammals/aquatic/otter.png animals/mammals/bears/european-bear.png
    animals/mammals/bovines/cow_white.png animals/mammals/bovines/gnu-stand.png animals/mammals/bovines/goat.png
    animals/mammals/bovines/mountaingoat.png animals/mammals/bovines/sheep.png animals/mammals/cats/lion-2.png
    animals/mammals/cats/tiger_sumatran.png animals/mammals/deer/doe.png animals/mammals/equines/donkey.png
    animals/mammals/equines/horse.png animals/mammals/equines/zebra.png animals/mammals/ferret.png
    animals/mammals/giraffe.png animals/mammals/pig.png animals/mammals/rabbit_little.png
    animals/mammals/rodents/capybara.png animals/mammals/rodents/squirrel.png animals/marsupials/koala.png
    animals/marsupials/wombat.png food/fruit/Apricot_whole.png food/fruit/Strawberry2.png food/fruit/avocado.png
    food/fruit/kiwi.png food/fruit/orange_seville.png food/spices/ginger.png food/vegetables/corn.png
    hobbies/music/brass/trumpet.png hobbies/music/percussion/drumkit.png hobbies/music/string/cello.png
    hobbies/music/string/guitar_electric.png household/Lightbulb.png household/cylinder.png
    household/tools/cementmixer.png household/tools/toolbox.png people/fireman240a.png military/paratrooper.png
    plants/flowers/anemone_red.png plants/lavender.png plants/trees/holm_oak.png plants/trees/liberia-palm.png
    plants/trees/rambutan.png plants/eggplant.png seasonal/candle.png seasonal/christmas/Christmas_Tree_photo.png
    seasonal/christmas/German_Christmas_toy.png seasonal/christmas/Roast_turkey.png space/apollo_lander.png
    naturalforces/fire.png vehicles/emergency/firetruck.png vehicles/masstransit/green_korean_bus.png
    vehicles/construction/dumper.png vehicles/ship/walnutBoat.png)
for s in "${stamps[@]}"; do
    dest="object/tuxpaint-${s##*/}"
    take "$dest" tuxpaint-stamps-default "tuxpaint/stamps/$s" object GPL-2+
    [ "$(od -An -tu1 -j25 -N1 "$out/$dest" | tr -d ' ')" = 6 ] ||
        { echo "fetch-judge-footage: $dest is not an RGBA PNG" >&2; exit 1; }
done

cat > "$out/NOTICE" <<'NOTICE'
Footage unpacked from Debian 12 packages by scripts/fetch-judge-footage.sh; each file keeps its package's
licence (debian/copyright, kept in copyright/PKG). Kinds: camera = real camera footage, rendered = CG or
animation, photo = still photograph (made to move by our code), object = photo of an object with alpha.
camera (demo/, by scripts/fetch-demo-footage.sh; see demo/NOTICE):
  demo/cockatoo.mp4, demo/realshort.mp4       python3-imageio        BSD-2-Clause
  demo/balle-jbart.mp4, balle1-vp9.avi, Effet_force_magnetique.ogv, Force_constante.avi, Principe_inertie.avi,
  g1.avi, g2.avi                              python3-mecavideo      CC-BY-SA-3.0
  demo/hug-movie.mp4                          python3-hug-doc        MIT
  demo/motion.mov                             node-opencv            Expat
  demo/dlib_frames/                           libdlib19.1            BSL-1.0 (its copyright's Files: *)
  demo/Shepard_Calais_1906_FrenchGP.ogv       python-nbsphinx-doc    public domain (Wikimedia Commons)
rendered (video/):
  mimetype-mkv.mkv (Big Buck Bunny excerpt, (c) 2008 Blender Foundation)
                                              golang-github-gabriel-vasile-mimetype-dev  CC-BY-3.0
  planetblupi-*.mkv (14 clips)                planetblupi-common     GPL-3+
  tupi-example.avi                            tupi-data              GPL-2+
  pampi-tour.mp4                              pampi                  GPL-3+
  openboard-wannaworktogether.mp4 ("Wanna Work Together?", Creative Commons; upstream CC-BY-3.0)
                                              openboard-common       GPL-3 with OpenSSL exception
  gem-anim-1.mov, gem-alea.mpg                gem-doc                GPL-2+
  fillets-intro.mpg                           fillets-ng-data        GPL-2
  twentytwentytwo-birds.mp4 (after M. P. Verneuil's "Colombes et lis", public domain)
                                              wordpress-theme-twentytwentytwo  GPL-2+
photo (photo/):
  sklearn-china.jpg, sklearn-flower.jpg (Flickr: danielbuechele, vultilion; per the package's
  datasets/images/README.txt)                 python3-sklearn        CC-BY-2.0
  skimage-{astronaut,camera,coffee,rocket,motorcycle_left,hubble_deep_field,retina,brick,grass,gravel,moon,ihc}
  (each CC0 or public domain upstream)        python3-skimage        BSD-3-Clause
  libjxl-flower.png                           libjxl-testdata        BSD-3-Clause
  libjxl-{tmshre_riaphotographs,cvo9xd_keong_macan,u76c0g_bliznaca}.png (wesaturate.com)
                                              libjxl-testdata        CC0-1.0
  plasma-{BytheWater,ColdRipple,ColorfulCups,EveningGlow,FallenLeaf,Grey,OneStandsOut,Path}.jpg
                                              plasma-workspace-wallpapers  GPL-2+
  mate-{Aqua,Blinds,Dune,FreshFlower,Garden,GreenMeadow,LadyBird,RainDrops,Storm,TwoWings,Wood,YellowFlower}.jpg
                                              mate-backgrounds       GPL-2+
  lomiri-*_by_AUTHOR.jpg (author in the name):
    Picture_0B, Picture_1A (Trevor "Freespace"), Wine (Jakub Mede), aitzgorri, friends, life,
    picosdeeuropa, sunset (Aitzol Berasategi)  lomiri-wallpapers-16.04  CC-BY-4.0
    Bridge (Sander Klootwijk), Dragonfly ("Bolly"), analogpattern, free, greentock (Peter Nerlich)
                                              lomiri-wallpapers-16.04  CC-BY-SA-4.0
    seeding (Clemens Engelhardt)              lomiri-wallpapers-16.04  CC0-1.0
    Kleiber (Lukas Baubkus)                   lomiri-wallpapers-20.04  CC-BY-SA-3.0
object (object/):
  tuxpaint-*.png (69 stamps)                  tuxpaint-stamps-default  GPL-2+
NOTICE

mv "$manifest" "$out/MANIFEST.tsv"
rm -rf "$tree"
count() { awk -F'\t' -v k="$1" 'NR > 1 && $3 == k' "$out/MANIFEST.tsv" | wc -l; }
size=$(du -sm "$out/demo" "$out/video" "$out/photo" "$out/object" --exclude=.debs -c | tail -1 | cut -f1)
echo "judge footage ready in $out: $(count camera) camera, $(count rendered) rendered, $(count photo) photo," \
    "$(count object) object items, ${size} MiB"
