// Making finished files survive a crash: flushing a file or a folder to disk, and renaming a finished file
// into place so that a power cut leaves the old file or the new one. Used by the writers of media/ and by the
// workspace's backups and exports.
#pragma once

#include <string>

namespace svj::media {

// fsync of a file or a folder; false (errno set) when it could not be opened or synced. A folder on a file
// system that cannot sync folders (vfat, some FUSE: EINVAL) counts as synced.
bool syncFile(const std::string& path);
bool syncFolder(const std::string& folder);
// Syncs `from`, renames it to `to` and syncs the folder: false when a step failed (errno set).
bool syncAndRename(const std::string& from, const std::string& to);

} // namespace svj::media
