// Which share of a long list this process works on: `--shard i/N`, else torchrun's RANK and WORLD_SIZE where both
// are set, else all of it (0/1).
#pragma once

#include "app/cli/command_line.h"

#include <utility>

namespace svj::cli {

// The --shard option's line in a command's option table.
OptionSpec shardOption();

// (i, N). Throws UsageError for a share that is not 0 <= i < N.
std::pair<int, int> chosenShard(const CommandLine& commandLine);

} // namespace svj::cli
