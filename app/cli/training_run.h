// What `svj pretrain` and `svj finetune` share about a run on disk: reading a text file, and the exact
// command that made a checkpoint (for its sidecar). Where the training state lives: model/checkpoint_set.h.
#pragma once

#include "app/cli/commands.h"

#include <string>

namespace svj::cli {

// The whole of a text file; throws model::ModelError naming it when it cannot be read.
std::string readTextFile(const std::string& path);

// "svj COMMAND ARG ..." with arguments holding spaces quoted, as a user would retype it.
std::string joinedCommand(const std::string& command, const Arguments& arguments);

} // namespace svj::cli
