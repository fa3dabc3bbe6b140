// `svj faultcheck`: does a judge rank clean footage above broken copies of it, and does it beat the two
// no-learning baselines? Flags -> training::runFaultCheck, result -> a table or JSON.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/fault_list.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress.h"
#include "app/cli/video_score.h"
#include "media/media_error.h"
#include "model/json_text.h"
#include "model/judge.h"
#include "model/model_error.h"
#include "model/runtime.h"
#include "training/fault_check.h"
#include "training/footage.h"
#include "training/pair_check.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <sstream>

namespace svj::cli {
namespace {

// The footage named on the command line: folders (with or without MANIFEST.tsv), manifests, single videos.
std::vector<training::FootageItem> footageOf(const std::vector<std::string>& arguments) {
    std::vector<training::FootageItem> items;
    for (const std::string& argument : arguments) {
        if (std::filesystem::is_regular_file(argument) && std::filesystem::path(argument).extension() != ".tsv" &&
            std::filesystem::path(argument).extension() != ".txt" &&
            std::filesystem::path(argument).extension() != ".csv") {
            training::FootageItem item;
            item.path = argument;
            item.source = std::filesystem::path(argument).stem().string();
            items.push_back(item);
            continue;
        }
        for (training::FootageItem& item : training::readFootage(argument)) {
            items.push_back(std::move(item));
        }
    }
    return items;
}

// `--tile-pairs`: pairs of tiles cut from the footage the way training cuts them, every fault alike.
int checkTilePairs(model::Judge& judge, const std::vector<training::FootageItem>& items, const CommandLine& commandLine,
                   const std::string& checkpoint) {
    const int threads = std::max(1, model::threadCount());
    const training::BankSettings bankSettings = training::bankSettingsForJudge(
        judge.config(), training::BankSettings{}, training::PairSamplerSettings{}.lookAhead);
    const training::ClipBank bank = training::buildClipBank(items, bankSettings, {});
    if (bank.size() == 0) {
        printError("no footage gave a clip the judge's tiles fit in");
        return kExitBadInput;
    }
    training::PairSamplerSettings sampler;
    sampler.tileSize = judge.config().inputWidth;
    sampler.frames = judge.config().inputFrames;
    sampler.faults = faultsOption(commandLine, "faults");
    const training::PairCheck check(bank, sampler, commandLine.intValue("tile-pairs", 0),
                                    static_cast<uint64_t>(commandLine.intValue("seed", 1)), threads);
    nlohmann::json result = check.run(judge, 32, &installStopRequest());
    result["checkpoint"] = checkpoint;
    if (commandLine.flag("json")) {
        std::cout << svj::model::jsonText(result) << "\n";
    } else {
        std::cout << checkpoint << ": " << check.size() << " tile pairs from " << bank.size() << " clips\n"
                  << training::describePairCheck(result);
    }
    return kExitOk;
}

} // namespace

int runFaultCheck(const Arguments& arguments) {
    CommandLine commandLine(
        "faultcheck", {{"ckpt", "CKPT", "the judge (default: the one that ships with svj)"},
                       {"heldout", "", "only the sources the checkpoint's own training held out (from its sidecar)"},
                       {"sources", "A,B", "only these sources"},
                       {"faults", "NAMES", "only these faults, comma-separated (default: all 30)"},
                       {"repeats", "N", "broken copies per fault and clip, each at another place and strength", "1"},
                       {"seconds", "S", "length of each clip", "2"},
                       {"clips-per-video", "N", "clips cut from each video", "2"},
                       {"tile-pairs", "N",
                        "instead: N pairs per fault of tiles the size of the judge's input (fast; no baselines)", "0"},
                       {"baselines-only", "", "no judge: the two no-learning baselines alone"},
                       {"no-baselines", "", "the judge alone"},
                       {"seed", "N", "seed of the faults' places and strengths", "1"},
                       {"threads", "N", "CPU threads (0 = one per core)", "0"},
                       {"json", "", "print the figures as one JSON object"},
                       {"progress", "MODE", "bar, json or none", "bar"}});
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
        std::vector<std::string> sources = splitCommaList(commandLine.valueOr("sources", ""));
        if (!baselinesOnly || commandLine.flag("heldout")) {
            checkpoint = chosenCheckpoint(commandLine);
        }
        if (commandLine.flag("heldout")) {
            const nlohmann::json sidecar =
                nlohmann::json::parse(model::Judge::readCheckpointInfo(checkpoint).sidecarJson);
            const nlohmann::json held = sidecar.contains("data")
                                            ? sidecar["data"].value("heldout_sources", nlohmann::json::array())
                                            : nlohmann::json::array();
            if (held.empty()) {
                printError(checkpoint + ": its sidecar names no held-out sources");
                return kExitBadInput;
            }
            for (const auto& source : held) {
                sources.push_back(source.get<std::string>());
            }
        }
        if (!sources.empty()) {
            const training::FootageSplit split = training::splitBySource(items, 0.0, 0, sources);
            items = split.heldOut;
        }
        if (items.empty()) {
            printError("no footage left to check");
            return kExitBadInput;
        }
        if (!baselinesOnly) {
            judge.emplace(model::Judge::load(checkpoint, options));
        }
        if (commandLine.intValue("tile-pairs", 0) > 0) {
            if (!judge) {
                throw UsageError("--tile-pairs needs a judge");
            }
            return checkTilePairs(*judge, items, commandLine, checkpoint);
        }
        training::CheckClipSettings clipSettings;
        clipSettings.seconds = commandLine.doubleValue("seconds", 2.0);
        clipSettings.clipsPerVideo = commandLine.intValue("clips-per-video", 2);
        clipSettings.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
        clips = training::loadCheckClips(items, clipSettings, [&](const std::string& message) {
            if (mode != ProgressMode::None) {
                std::cerr << message << "\n";
            }
        });
    } catch (const media::MediaError& error) {
        printError(error.what());
        return kExitBadInput;
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    } catch (const std::runtime_error& error) {
        printError(error.what());
        return kExitBadInput;
    }
    if (clips.empty()) {
        printError("no video is long enough for a check clip");
        return kExitBadInput;
    }
    training::FaultCheckSettings settings;
    settings.repeats = std::max(1, commandLine.intValue("repeats", 1));
    settings.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    settings.baselines = !commandLine.flag("no-baselines");
    settings.threads = std::max(1, options.threads > 0 ? options.threads : 2);
    settings.faults = faultsOption(commandLine, "faults");
    const std::atomic<bool>& stop = installStopRequest();
    const size_t copies = (settings.faults.empty() ? media::allVideoFaults().size() : settings.faults.size()) *
                              static_cast<size_t>(settings.repeats) +
                          1;
    Progress progress(mode, "faultcheck", static_cast<int64_t>(clips.size() * copies));
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
    if (commandLine.flag("json")) {
        std::cout << svj::model::jsonText(result) << "\n";
    } else {
        std::cout << (checkpoint.empty() ? std::string("baselines") : checkpoint) << ": " << clips.size() << " clips, "
                  << result.value("pairs", 0) << " clean-vs-broken pairs ("
                  << result.value("invisible_pairs_left_out", 0) << " unchanged copies left out)\n"
                  << training::describeFaultCheck(result);
    }
    return kExitOk;
}

} // namespace svj::cli
