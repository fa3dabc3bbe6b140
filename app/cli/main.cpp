// `svj`: the command-line entry point. Finds the subcommand and hands it its arguments.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "media/ffmpeg_log.h"
#include "model/json_text.h"
#include "svj/version.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iostream>

namespace {

using svj::cli::Arguments;

struct Subcommand {
    const char* name;
    const char* summary;
    std::function<int(const Arguments&)> run;
};

const std::vector<Subcommand>& subcommands() {
    static const std::vector<Subcommand> table = {
        {"probe", "print container, streams, size, fps, duration and frame count of videos", svj::cli::runProbe},
        {"frames", "write one exact frame of a video as a PNG", svj::cli::runFrames},
        {"score", "the judge's per-frame energy curve of videos", svj::cli::runScore},
        {"convert", "make a judge checkpoint from a diffusers CogVideoX download (real weights)", svj::cli::runConvert},
#ifdef SVJ_HAVE_ANNOTATION
        {"db", "the label store: workspaces, imports, pairs, queues, labels, statistics, exports", svj::cli::runDb},
        {"eval", "a judge's accuracy against human preferences (with and without ties, per aspect)", svj::cli::runEval},
        {"finetune", "fine-tune the judge on pairwise human labels (stage 2)", svj::cli::runFinetune},
#endif
        {"faultcheck", "how often a judge ranks clean footage above broken copies of it", svj::cli::runFaultCheck},
        {"pretrain", "train the judge on real footage (stage 1)", svj::cli::runPretrain},
        {"version", "print the version (with --verbose: the libraries it runs with)", svj::cli::runVersion},
    };
    return table;
}

void printHelp() {
    std::cout << "Usage: svj [--version] [--help] [--verbose] COMMAND [ARGS]\n\n"
                 "SVJ Workbench's command-line tool: the judge, the label store and the video engine\n"
                 "without the window.\n\n"
                 "Commands:\n";
    for (const Subcommand& command : subcommands()) {
        std::string name = command.name;
        name.resize(12, ' ');
        std::cout << "  " << name << command.summary << "\n";
    }
    std::cout << "\nRun 'svj COMMAND --help' for a command's options. --verbose also prints FFmpeg's warnings.\n";
}

} // namespace

namespace svj::cli {
void printError(const std::string& message) {
    std::cerr << "svj: error: " << message << std::endl;
}

void printNote(const std::string& message) {
    std::cerr << "svj: note: " << message << std::endl;
}
} // namespace svj::cli

int main(int argc, char** argv) {
    Arguments all(argv + 1, argv + argc);
    // --verbose anywhere: FFmpeg's own warnings reach stderr too.
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (*it == "--verbose" && (all.empty() || all.front() != "version")) {
            svj::media::setFfmpegLogLevel(svj::media::FfmpegLogLevel::Warnings);
            all.erase(it);
            break;
        }
    }
    if (all.empty()) {
        printHelp();
        return svj::cli::kExitBadInput;
    }
    const std::string& first = all.front();
    if (first == "--help" || first == "-h" || first == "help") {
        printHelp();
        return svj::cli::kExitOk;
    }
    if (first == "--version" || first == "-V") {
        std::cout << "svj " << svj::kVersion << "\n";
        return svj::cli::kExitOk;
    }
    // JSON holds UTF-8 only: a file name in another encoding is printed with U+FFFD for its odd bytes.
    if (std::find(all.begin(), all.end(), "--json") != all.end() ||
        std::find(all.begin(), all.end(), "json") != all.end()) {
        for (const std::string& argument : all) {
            if (!svj::model::isValidUtf8(argument)) {
                svj::cli::printNote("'" + argument +
                                    "' is not valid UTF-8: JSON output shows its invalid bytes as U+FFFD");
            }
        }
    }
    for (const Subcommand& command : subcommands()) {
        if (first == command.name) {
            try {
                return command.run(Arguments(all.begin() + 1, all.end()));
            } catch (const svj::cli::UsageError& error) {
                svj::cli::printError(std::string(error.what()) + " (see 'svj " + command.name + " --help')");
                return svj::cli::kExitBadInput;
            } catch (const std::exception& error) {
                svj::cli::printError(error.what());
                return svj::cli::kExitFailure;
            }
        }
    }
    svj::cli::printError("unknown command '" + first + "' (see 'svj --help')");
    return svj::cli::kExitBadInput;
}
