// A command-line option naming faults ("--faults stutter,motion-blur"), for the commands that train on or
// check against them.
#pragma once

#include "app/cli/command_line.h"
#include "media/video_faults.h"

#include <string>
#include <vector>

namespace svj::cli {

// The faults an option names (empty when it is not given); throws UsageError naming an unknown one.
inline std::vector<media::VideoFault> faultsOption(const CommandLine& commandLine, const std::string& option) {
    std::vector<media::VideoFault> faults;
    for (const std::string& name : splitCommaList(commandLine.valueOr(option, ""))) {
        const auto fault = media::videoFaultByName(name);
        if (!fault) {
            throw UsageError("--" + option + ": unknown fault '" + name + "' (see `svj faultcheck --help`)");
        }
        faults.push_back(*fault);
    }
    return faults;
}

} // namespace svj::cli
