#include "model/default_judge.h"

#include "model/model_error.h"

#include <cstdlib>
#include <filesystem>

#ifndef SVJ_SOURCE_JUDGE_DIR
#error "SVJ_SOURCE_JUDGE_DIR must name the source tree's resources/judge folder"
#endif

namespace svj::model {

namespace fs = std::filesystem;

std::vector<std::string> defaultJudgeCandidates() {
    std::vector<std::string> candidates;
    if (const char* variable = std::getenv("SVJ_DEFAULT_JUDGE"); variable && *variable) {
        candidates.emplace_back(variable);
    }
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        candidates.push_back(
            (executable.parent_path().parent_path() / "share" / "svj-workbench" / "judge" / kDefaultJudgeFileName)
                .lexically_normal()
                .string());
    }
    candidates.push_back((fs::path(SVJ_SOURCE_JUDGE_DIR) / kDefaultJudgeFileName).string());
    return candidates;
}

std::string defaultJudgePath() {
    std::string searched;
    for (const std::string& candidate : defaultJudgeCandidates()) {
        std::error_code error;
        if (fs::is_regular_file(candidate, error)) {
            return candidate;
        }
        searched += "\n  " + candidate;
    }
    throw ModelError("the default judge is not installed; looked in:" + searched +
                     "\n(train one with scripts/train-default-judge.sh, or name a checkpoint with --ckpt)");
}

} // namespace svj::model
