// `svj faultcheck`'s flags: the table its --help lists, the footage its arguments name and the sources they
// narrow it to, and what they set in the clips' and the check's settings (training/fault_check.h).
#pragma once

#include "app/cli/command_line.h"
#include "training/fault_check.h"
#include "training/footage.h"

#include <string>
#include <vector>

namespace svj::cli {

// The options `svj faultcheck` takes, in the order its --help lists them.
std::vector<OptionSpec> faultCheckOptionSpecs();

// The footage named on the command line: folders (with or without MANIFEST.tsv), manifests, single videos.
std::vector<training::FootageItem> footageOf(const std::vector<std::string>& arguments);

// `items` narrowed to --sources and, with --heldout, to the sources `checkpoint`'s training held out. Throws
// std::runtime_error when its sidecar names none, or when no footage is left.
std::vector<training::FootageItem> checkedFootage(std::vector<training::FootageItem> items,
                                                  const CommandLine& commandLine, const std::string& checkpoint);

training::CheckClipSettings checkClipSettingsFrom(const CommandLine& commandLine);
training::FaultCheckSettings faultCheckSettingsFrom(const CommandLine& commandLine);

} // namespace svj::cli
