// The judge a scoring command uses: its --ckpt, else the one that ships with svj.
#pragma once

#include "app/cli/command_line.h"

#include <string>

namespace svj::cli {

// Throws model::ModelError saying where it looked when there is no --ckpt and no shipped judge.
std::string chosenCheckpoint(const CommandLine& commandLine);

} // namespace svj::cli
