// How a training command joins a run over several processes: the torchrun variables (RANK, WORLD_SIZE,
// LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT), --nproc to start local ranks itself, --backend,
// --dist-timeout. Shared by `svj pretrain` and `svj finetune`.
#pragma once

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "model/process_group.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace svj::cli {

// The option lines for a command's table.
std::vector<OptionSpec> distributedOptionSpecs();

// --draws: per pair (true, the default) or one stream.
bool drawsPerPair(const CommandLine& commandLine);
// --bucket-kb in bytes.
int64_t bucketBytes(const CommandLine& commandLine);

// The group this process joins, or nothing for a run in one process (WORLD_SIZE unset or 1). `device` picks
// the backend when --backend names none. Throws UsageError for bad values.
std::optional<model::ProcessGroupOptions> processGroupOptions(const CommandLine& commandLine,
                                                              const std::string& device);

// --nproc N given, N > 1, and this process not itself a launched rank: the caller starts the ranks
// (runLocalRanks) instead of training.
int localRanksToStart(const CommandLine& commandLine);

// CPU threads for LibTorch in this rank when --threads is 0 (one per core): the cores shared among the local
// ranks (LOCAL_WORLD_SIZE), at least one.
int threadsPerRank(int requested);

// In a rank that runLocalRanks started: a stop request (SIGTERM) when the launcher dies, so no rank trains on
// alone after it.
void followLauncher();

// The judge's device in this rank: "cuda" alone becomes "cuda:LOCAL_RANK" where LOCAL_RANK is set (one GPU per
// local rank, as torchrun users expect); anything else as given.
std::string deviceForRank(const std::string& device);

// Starts `count` copies of `svj COMMAND ARGUMENTS` on this machine as ranks 0..count-1 (the variables torchrun
// sets, a free port on 127.0.0.1), passes SIGINT / SIGTERM on to them, and waits for all. Returns 0 when all
// ended well, else the first failing rank's exit code (after the others ended or were killed at the timeout).
int runLocalRanks(const std::string& command, const Arguments& arguments, int count, double timeoutSeconds);

} // namespace svj::cli
