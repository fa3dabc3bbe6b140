#!/usr/bin/env bash
# The layer rules of docs/architecture.md ("The rules, and why"), checked on the sources. Linking and the per-layer
# include roots (cmake/SvjLayers.cmake) enforce most of them at compile time; this also catches what those cannot
# (a header of a linked layer that no rule allows, such as model/'s private *.hpp, or a test of the roots).
set -u
root=${1:-.}
cd "$root" || exit 2
status=0
fail() { echo "layering: $*"; status=1; }

inc() { # inc DIR REGEX : files under DIR that include something matching REGEX
    grep -rlE "^\s*#\s*include\s*[<\"]($2)" "$1" --include='*.h' --include='*.cpp' 2>/dev/null
}

# torch only in model/ .cpp files (tests and benchmarks may use it directly).
for dir in protocol media training annotation widgets app; do
    for f in $(inc "$dir" 'torch/|ATen/|c10/'); do fail "$f includes LibTorch (only model/*.cpp may)"; done
done
for f in $(inc model 'torch/|ATen/|c10/' | grep -E '\.(h|hpp)$'); do fail "$f: a model/ header includes LibTorch (only model/*.cpp may)"; done
# model/'s private headers (*.hpp, torch types) stay inside model/, its tests and benchmarks.
for dir in media training annotation widgets app; do
    for f in $(inc "$dir" 'model/[a-z_]*\.hpp'); do fail "$f includes a private model/ header (*.hpp)"; done
done
# No Qt in protocol/, model/, media/ or training/.
for dir in protocol model media training; do
    for f in $(inc "$dir" 'Q[A-Z][A-Za-z]*>|Qt[A-Za-z]*/'); do fail "$f includes Qt ($dir/ must build without Qt)"; done
done
# No FFmpeg in model/ (frames arrive as plain buffers).
for f in $(inc model 'libav|libsw'); do fail "$f includes FFmpeg (model/ links neither FFmpeg nor Qt)"; done
# A layer includes only layers below it; protocol/ (the progress lines) is below them all.
for f in $(inc protocol '(media|model|training|annotation|widgets|app)/|libav|libsw'); do fail "$f: protocol/ includes another layer or FFmpeg"; done
for f in $(inc media '(model|training|annotation|widgets|app)/'); do fail "$f: media/ includes a higher layer"; done
for f in $(inc model '(media|training|annotation|widgets|app)/'); do fail "$f: model/ includes another layer"; done
for f in $(inc training '(annotation|widgets|app)/'); do fail "$f: training/ includes annotation/, widgets/ or app/"; done
for f in $(inc annotation '(widgets|app|model|training)/'); do fail "$f: annotation/ includes widgets/, app/, model/ or training/"; done
for f in $(inc widgets '(app|training)/'); do fail "$f: widgets/ includes app/ or training/"; done
# SQL stays inside annotation/: the views and the commands call its functions, they write no query themselves.
for f in $(inc widgets 'QSql|QtSql/') $(inc app 'QSql|QtSql/'); do fail "$f includes Qt SQL (queries belong in annotation/)"; done
# The workspace's raw statements (annotation/workspace_sql.h) are annotation/'s own and its tests': no other layer
# opens that door.
for dir in widgets app training model media protocol; do
    for f in $(inc "$dir" 'annotation/workspace_sql\.h'); do fail "$f includes annotation/workspace_sql.h (queries belong in annotation/)"; done
done
# FFmpeg types stay inside media/.
for f in $(inc training 'libav|libsw') $(inc annotation 'libav|libsw') $(inc widgets 'libav|libsw'); do fail "$f includes FFmpeg (use media/)"; done

[ $status -eq 0 ] && echo "layering: all rules hold"
exit $status
