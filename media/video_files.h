// Which videos a command works on: a folder (searched recursively for video files and image sequences) or a manifest
// (one path per line, or a CSV whose header has a `path` column), in a stable order.
#pragma once

#include <string>
#include <vector>

namespace svj::media {

// True for the file name extensions FFmpeg builds commonly read as video (case-insensitive).
bool hasVideoExtension(const std::string& path);

// A folder: every video file below it, and every sub-folder holding 5 or more pictures (an image sequence),
// sorted by path. A manifest (.txt, .csv, .list): its entries in file
// order, relative ones resolved against the manifest's folder, '#' lines and blank lines skipped.
// Throws MediaError naming the manifest and line for an entry that does not exist, and for a folder or
// manifest with no video at all.
std::vector<std::string> listVideoFiles(const std::string& folderOrManifest);

} // namespace svj::media
