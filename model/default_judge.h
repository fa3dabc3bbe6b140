// Where the judge that ships with the application lives: the checkpoint `svj score` and the workstation
// use when no other is named.
#pragma once

#include <string>
#include <vector>

namespace svj::model {

inline constexpr const char* kDefaultJudgeFileName = "default-judge.safetensors";

// The places searched, in order: $SVJ_DEFAULT_JUDGE; next to an installed executable
// (BIN/../share/svj-workbench/judge/); the source tree's resources/judge/ (a build that is not installed).
std::vector<std::string> defaultJudgeCandidates();
// The first candidate that exists. Throws ModelError listing where it looked when none does.
std::string defaultJudgePath();

} // namespace svj::model
