// `svj pretrain`'s flags: the table its --help lists, and what they set in training::PretrainOptions (the
// judge's config, the trainer, the clip bank, the pair sampler, the held-out checks).
#pragma once

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "training/pretrain_run.h"

#include <vector>

namespace svj::cli {

// The options `svj pretrain` takes, in the order its --help lists them.
std::vector<OptionSpec> pretrainOptionSpecs();

// The run the parsed flags ask for; `arguments` are recorded as the command that made the checkpoint.
// Throws UsageError for a missing or out-of-range flag, model::ModelError for a --config it cannot read.
training::PretrainOptions pretrainOptionsFrom(const CommandLine& commandLine, const Arguments& arguments);

} // namespace svj::cli
