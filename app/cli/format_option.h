// The --format option of the commands that read or write preference files (db import / export, eval,
// finetune): its help and its value, both from annotation/'s table of formats, so a new format needs no edit here.
#pragma once

#include "annotation/preference_file.h"
#include "app/cli/command_line.h"

#include <string>

namespace svj::cli {

// The --format option's line in a command's option table.
OptionSpec formatOption();

// The format --format names (jsonl when none). Throws UsageError naming the formats there are.
annotation::PreferenceFormat chosenFormat(const CommandLine& commandLine);

} // namespace svj::cli
