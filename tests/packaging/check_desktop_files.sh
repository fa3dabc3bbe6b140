#!/usr/bin/env bash
# The desktop integration files pass their validators, and agree with each other: the .desktop file opens the
# workspace MIME type the shared-mime-info file declares, and the metainfo launches that .desktop file.
#   tests/packaging/check_desktop_files.sh SOURCE_DIR
set -euo pipefail
packaging=${1:?usage: check_desktop_files.sh SOURCE_DIR}/packaging
for tool in desktop-file-validate appstreamcli; do
    command -v $tool >/dev/null || { echo "check_desktop_files: $tool missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
desktop-file-validate "$packaging/svj-workbench.desktop"
appstreamcli validate --no-net "$packaging/io.github.svj_workbench.metainfo.xml"
mime=$(sed -n 's/.*<mime-type type="\([^"]*\)".*/\1/p' "$packaging/svj-workbench-mime.xml")
[ "$mime" = application/x-svj-workspace ] || { echo "unexpected workspace MIME type '$mime'" >&2; exit 1; }
grep -q "^MimeType=.*$mime;" "$packaging/svj-workbench.desktop" ||
    { echo "svj-workbench.desktop does not open $mime" >&2; exit 1; }
grep -q '<glob pattern="\*.svjw"/>' "$packaging/svj-workbench-mime.xml" ||
    { echo "the workspace MIME type does not match *.svjw" >&2; exit 1; }
grep -q '<launchable type="desktop-id">svj-workbench.desktop</launchable>' \
    "$packaging/io.github.svj_workbench.metainfo.xml" ||
    { echo "the metainfo does not launch svj-workbench.desktop" >&2; exit 1; }
grep -q "<mediatype>$mime</mediatype>" "$packaging/io.github.svj_workbench.metainfo.xml" ||
    { echo "the metainfo does not provide $mime" >&2; exit 1; }
echo "desktop files: ok"
