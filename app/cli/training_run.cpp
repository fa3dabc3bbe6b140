#include "app/cli/training_run.h"

#include "model/model_error.h"

#include <fstream>
#include <sstream>

namespace svj::cli {

std::string readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw model::ModelError(path + ": cannot read the file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string joinedCommand(const std::string& command, const Arguments& arguments) {
    std::string joined = "svj " + command;
    for (const std::string& argument : arguments) {
        joined += " " + (argument.find(' ') == std::string::npos ? argument : "'" + argument + "'");
    }
    return joined;
}

} // namespace svj::cli
