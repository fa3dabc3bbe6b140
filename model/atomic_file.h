// Files that are either whole or absent: written to a temporary file of their own (created exclusively,
// never through a symbolic link), flushed to disk, renamed into place and the rename made durable. What a
// killed writer left behind is removed by the next save of the same file. Torch-free.
#pragma once

#include <string>

namespace svj::model {

// Writes `contents` to `path` atomically; throws ModelError naming the path.
void writeFileAtomically(const std::string& path, const std::string& contents);

// Renames `from` (a finished file) to `to` and makes the rename durable; throws ModelError naming both.
void moveFileDurably(const std::string& from, const std::string& to);

// Temporary files of `path` whose writer is gone (".NAME.partial-PID-..."): deleted. A writer holds an flock on
// its file while it writes, so a file goes only when no process holds it: at once when its pid is gone on this
// machine, else once it is older than kStaleAfterSeconds (a writer elsewhere takes its lock just after creating
// the file). Returns how many were deleted.
inline constexpr int kStaleAfterSeconds = 60;
int removeStalePartials(const std::string& path);

} // namespace svj::model
