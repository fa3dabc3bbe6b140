#include "app/cli/training_run.h"

namespace svj::cli {

std::string trainingStatePath(const std::string& checkpoint) {
    return checkpoint + ".state";
}

std::string joinedCommand(const std::string& command, const Arguments& arguments) {
    std::string joined = "svj " + command;
    for (const std::string& argument : arguments) {
        joined += " " + (argument.find(' ') == std::string::npos ? argument : "'" + argument + "'");
    }
    return joined;
}

} // namespace svj::cli
