#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "media/video_probe.h"
#include "model/runtime.h"
#include "svj/version.h"

#include <iostream>

namespace svj::cli {

int runVersion(const Arguments& arguments) {
    CommandLine commandLine("version", {{"verbose", "", "also print the libraries this build runs with"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj version [--verbose]\n\n" << commandLine.optionsHelp();
        return kExitOk;
    }
    std::cout << "svj " << kVersion << "\n";
    if (commandLine.flag("verbose")) {
        std::cout << media::ffmpegVersion() << "\n" << model::runtimeVersion() << "\n";
    }
    return kExitOk;
}

} // namespace svj::cli
