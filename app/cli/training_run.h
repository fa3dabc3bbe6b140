// What `svj pretrain` and `svj finetune` share about a run on disk: where its resumable training state
// lives beside the checkpoint, and the exact command that made it (for the checkpoint's sidecar).
#pragma once

#include "app/cli/commands.h"

#include <string>

namespace svj::cli {

// CKPT.state: the optimizer moments, step count and random state that make --resume exact.
std::string trainingStatePath(const std::string& checkpoint);

// The whole of a text file; throws model::ModelError naming it when it cannot be read.
std::string readTextFile(const std::string& path);

// "svj COMMAND ARG ..." with arguments holding spaces quoted, as a user would retype it.
std::string joinedCommand(const std::string& command, const Arguments& arguments);

} // namespace svj::cli
