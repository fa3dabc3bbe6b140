// `svj db pairs` and `svj db gold`: pair a workspace's videos, and add gold pairs (clean clips against copies
// broken with a known fault). Wiring only: annotation/'s pairing and gold pairs do the work.
#include "annotation/gold_pairs.h"
#include "annotation/pairing.h"
#include "annotation/workspace.h"
#include "app/cli/db_actions.h"
#include "app/cli/fault_list.h"
#include "media/video_files.h"

#include <cstdint>
#include <iostream>
#include <optional>

namespace svj::cli {

using annotation::Workspace;

int runPairs(const Arguments& arguments) {
    CommandLine commandLine("db pairs", {{"mode", "NAME", "same-prompt, round-robin or uncertain", "same-prompt"},
                                         {"limit", "N", "at most this many new pairs (0: all)", "0"},
                                         {"seed", "N", "seed of the draws", "1"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db pairs WORKSPACE [--mode same-prompt|round-robin|uncertain] [--limit N]\n\n"
                     "Pairs the workspace's videos: the same prompt from different models, every two models in\n"
                     "turn, or the same-prompt pairs the judge is least sure about first (after `svj score --db`).\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "pairs");
    annotation::PairingOptions options;
    const std::string mode = commandLine.valueOr("mode", "same-prompt");
    if (mode == "same-prompt") {
        options.mode = annotation::PairingMode::SamePrompt;
    } else if (mode == "round-robin") {
        options.mode = annotation::PairingMode::RoundRobin;
    } else if (mode == "uncertain") {
        options.mode = annotation::PairingMode::Uncertain;
    } else {
        throw UsageError("unknown --mode '" + mode + "'");
    }
    options.limit = commandLine.intValue("limit", 0);
    options.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    Workspace workspace = Workspace::open(qs(path));
    std::cout << annotation::makePairs(workspace, options) << " new pairs\n";
    return kExitOk;
}

int runGold(const Arguments& arguments) {
    CommandLine commandLine("db gold",
                            {{"videos", "DIR|MANIFEST", "clean footage"},
                             {"out", "FOLDER", "where the clean and broken clips are written"},
                             {"frames", "N", "clips are cut to this many frames", "96"},
                             {"faults", "NAMES", "the faults to use in turn (default: all, a family at a time)"},
                             {"seed", "N", "seed of the faults and sides", "1"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db gold WORKSPACE --videos DIR|MANIFEST --out FOLDER\n\n"
                     "Gold pairs: each clean clip against a copy broken with a known fault (30 faults of five\n"
                     "families: temporal sampling, temporal blending, compression, spatial, photometric; one\n"
                     "family after the other), sides at random; the answer is known, so `svj db stats` reports\n"
                     "each annotator's gold accuracy.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "gold");
    const std::optional<std::string> videos = commandLine.value("videos");
    const std::optional<std::string> out = commandLine.value("out");
    if (!videos || !out) {
        throw UsageError("db gold needs --videos and --out");
    }
    QStringList files;
    for (const std::string& file : media::listVideoFiles(*videos)) {
        files << qs(file);
    }
    annotation::GoldOptions options;
    options.outputFolder = qs(*out);
    options.maxFrames = commandLine.intValue("frames", 96);
    for (const media::VideoFault fault : faultsOption(commandLine, "faults")) {
        options.faults.push_back(static_cast<int>(fault));
    }
    options.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    Workspace workspace = Workspace::open(qs(path));
    const annotation::GoldReport report = annotation::makeGoldPairs(workspace, files, options);
    std::cout << report.pairs << " gold pairs; clips in " << *out << "\n";
    return kExitOk;
}

} // namespace svj::cli
