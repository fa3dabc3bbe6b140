// Scores of another judge for `svj eval --scores`: CSV with `video` (or `path`) and `score` columns, or JSONL
// objects {"video": ..., "score": ...}; higher = better, paths relative to the file's folder.
#pragma once

#include <map>
#include <string>

namespace svj::cli {

// video (absolute, clean path) -> score, higher = better.
using Scores = std::map<std::string, double>;

// Throws model::ModelError naming the file, the line and what is wrong with it.
Scores readScores(const std::string& file);

} // namespace svj::cli
