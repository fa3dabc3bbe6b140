#include "app/cli/checkpoint_option.h"

#include "model/default_judge.h"

namespace svj::cli {

std::string chosenCheckpoint(const CommandLine& commandLine) {
    const std::optional<std::string> named = commandLine.value("ckpt");
    return named ? *named : model::defaultJudgePath();
}

} // namespace svj::cli
