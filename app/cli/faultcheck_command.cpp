// `svj faultcheck`: does a judge rank clean footage above broken copies of it, and does it beat the two
// no-learning baselines? Flags -> training::runFaultCheck (faultcheck_options.h), result -> a table or JSON
// (faultcheck_output.h).
#include "app/cli/checkpoint_option.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/fault_list.h"
#include "app/cli/faultcheck_options.h"
#include "app/cli/faultcheck_output.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress.h"
#include "media/media_error.h"
#include "model/judge.h"
#include "model/model_error.h"
#include "model/runtime.h"
#include "training/fault_check.h"
#include "training/footage.h"
#include "training/pair_check.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace svj::cli {
namespace {

// `--tile-pairs`: pairs of tiles cut from the footage the way training cuts them, every fault alike.
int checkTilePairs(model::Judge& judge, const std::vector<training::FootageItem>& items, const CommandLine& commandLine,
                   const std::string& checkpoint) {
    training::TilePairResult check = training::checkTilePairs(judge, items, faultsOption(commandLine, "faults"),
                                                              commandLine.intValue("tile-pairs", 0),
                                                              static_cast<uint64_t>(commandLine.intValue("seed", 1)),
                                                              std::max(1, model::threadCount()), &installStopRequest());
    check.figures["checkpoint"] = checkpoint;
    printPairCheck(check.figures, check.pairs, check.clips, commandLine.flag("json"));
    return kExitOk;
}

} // namespace

int runFaultCheck(const Arguments& arguments) {
    CommandLine commandLine("faultcheck", faultCheckOptionSpecs());
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj faultcheck FOOTAGE|VIDEO... [--ckpt CKPT] [--heldout] [--json]\n\n"
                     "Cuts each video into clips (photographs of a footage folder are set in motion), breaks\n"
                     "every clip with each of the 30 faults of five families (temporal sampling, temporal\n"
                     "blending, compression, spatial, photometric; random strength, place and extent), and\n"
                     "reports how often the judge gives the clean clip the lower energy, beside two judges that\n"
                     "need no learning, computed on the same pairs: (a) the irregularity of the frame-to-frame\n"
                     "change, (b) FFmpeg's blockdetect / blurdetect / signalstats mix. Per fault, per family and\n"
                     "overall; for faults confined to a stretch, how often the peak of E_broken(t) - E_clean(t)\n"
                     "falls on it (+-4 frames); and whether a high-quality re-encode comes out near a tie.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    if (commandLine.positional().empty()) {
        throw UsageError("faultcheck needs footage: a folder, a manifest or videos");
    }
    const ProgressMode mode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    const bool baselinesOnly = commandLine.flag("baselines-only");
    model::JudgeOptions options;
    options.threads = commandLine.intValue("threads", 0);
    std::optional<model::Judge> judge;
    std::string checkpoint;
    std::vector<training::CheckClip> clips;
    try {
        std::vector<training::FootageItem> items = footageOf(commandLine.positional());
        if (!baselinesOnly || commandLine.flag("heldout")) {
            checkpoint = chosenCheckpoint(commandLine);
        }
        items = checkedFootage(std::move(items), commandLine, checkpoint);
        if (!baselinesOnly) {
            judge.emplace(model::Judge::load(checkpoint, options));
        }
        if (commandLine.intValue("tile-pairs", 0) > 0) {
            if (!judge) {
                throw UsageError("--tile-pairs needs a judge");
            }
            return checkTilePairs(*judge, items, commandLine, checkpoint);
        }
        clips = training::loadCheckClips(items, checkClipSettingsFrom(commandLine), [&](const std::string& message) {
            if (mode != ProgressMode::None) {
                std::cerr << message << "\n";
            }
        });
    } catch (const std::runtime_error& error) { // media::MediaError and model::ModelError among them
        printError(error.what());
        return kExitBadInput;
    }
    if (clips.empty()) {
        printError("no video is long enough for a check clip");
        return kExitBadInput;
    }
    const training::FaultCheckSettings settings = faultCheckSettingsFrom(commandLine);
    const std::atomic<bool>& stop = installStopRequest();
    Progress progress(mode, "faultcheck", static_cast<int64_t>(clips.size() * training::copiesPerCheckClip(settings)));
    nlohmann::json result;
    try {
        result = training::runFaultCheck(
            judge ? &*judge : nullptr, clips, settings, &stop,
            [&](const training::CheckProgress& done) { progress.update(static_cast<int64_t>(done.done)); });
    } catch (const model::Cancelled&) {
        progress.finish();
        printError(std::string("stopped by ") + stopSignalName());
        return kExitOk;
    } catch (const media::MediaError& error) {
        progress.finish();
        printError(error.what());
        return kExitBadInput;
    }
    progress.finish();
    result["checkpoint"] = checkpoint;
    printFaultCheck(result, clips.size(), commandLine.flag("json"));
    return kExitOk;
}

} // namespace svj::cli
