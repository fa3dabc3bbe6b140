// Making files the workspace writes outside the database (backups, exports) survive a crash: flushing a
// file or folder to disk and renaming a finished file into place.
#pragma once

#include <QString>

namespace svj::annotation {

// fsync of a file or a folder; false (errno set) when it could not be opened or synced.
bool syncFile(const QString& path);
bool syncFolder(const QString& folder);
// Syncs `from`, renames it to `to` and syncs the folder, so the new name survives a power cut: false when a
// step failed (errno set).
bool syncAndRename(const QString& from, const QString& to);

} // namespace svj::annotation
