// `svj faultcheck`: does a judge rank clean footage above broken copies of it? Any videos, any checkpoint;
// the same check `svj pretrain` runs on its held-out videos. Wiring only.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/progress.h"
#include "app/cli/training_clips.h"
#include "app/cli/video_score.h"
#include "media/media_error.h"
#include "media/video_files.h"
#include "model/judge.h"
#include "model/model_error.h"

#include <filesystem>
#include <iostream>

namespace svj::cli {

int runFaultCheck(const Arguments& arguments) {
    CommandLine commandLine("faultcheck", {{"ckpt", "CKPT", "the judge (default: the one that ships with svj)"},
                                           {"seed", "N", "seed of the faults' places and strengths", "1"},
                                           {"threads", "N", "CPU threads (0 = one per core)", "0"},
                                           {"json", "", "print the figures as one JSON object"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj faultcheck VIDEO|DIR|MANIFEST... [--ckpt CKPT] [--json]\n\n"
                     "Cuts each video into the judge's clips, makes a broken copy of every clip with each of the\n"
                     "nine faults (stutter, frame drop, freeze, frozen region, jitter, ghosting, reverse, judder,\n"
                     "flicker) and reports how often the judge gives the clean clip the lower energy, overall and\n"
                     "per fault. Copies a fault left unchanged (a freeze on a still shot) are left out.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    if (commandLine.positional().empty()) {
        throw UsageError("faultcheck needs at least one VIDEO, folder or manifest");
    }
    model::JudgeOptions options;
    options.threads = commandLine.intValue("threads", 0);
    std::vector<TrainingClip> clips;
    std::optional<model::Judge> judge;
    std::string checkpoint;
    Progress progress(ProgressMode::None, "faultcheck", 0);
    try {
        checkpoint = chosenCheckpoint(commandLine);
        judge.emplace(model::Judge::load(checkpoint, options));
        std::vector<std::string> videos;
        for (const std::string& argument : commandLine.positional()) {
            const bool single = std::filesystem::is_regular_file(argument) && media::hasVideoExtension(argument);
            for (const std::string& video :
                 single ? std::vector<std::string>{argument} : media::listVideoFiles(argument)) {
                videos.push_back(video);
            }
        }
        clips = loadCheckClips(videos, judge->config(), progress);
    } catch (const media::MediaError& error) {
        printError(error.what());
        return kExitBadInput;
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    if (clips.empty()) {
        printError("no video is long enough for one of the judge's clips");
        return kExitBadInput;
    }
    nlohmann::json result =
        evaluateCleanVsBroken(*judge, clips, static_cast<uint64_t>(commandLine.intValue("seed", 1)));
    result["checkpoint"] = checkpoint;
    if (commandLine.flag("json")) {
        std::cout << result.dump() << "\n";
    } else {
        std::cout << checkpoint << ": clean ranked above broken in " << describeCleanVsBroken(result) << " over "
                  << clips.size() << " clips; " << result.value("invisible_pairs_left_out", 0)
                  << " unchanged copies left out\n";
    }
    return kExitOk;
}

} // namespace svj::cli
