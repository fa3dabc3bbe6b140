// `svj faultcheck`'s flags: the table its --help lists, the footage and sources they name, and the settings
// of the clips and the check.
#include "app/cli/faultcheck_options.h"

#include "app/cli/fault_list.h"
#include "training/pretrain_run.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace svj::cli {

std::vector<OptionSpec> faultCheckOptionSpecs() {
    return {{"ckpt", "CKPT", "the judge (default: the one that ships with svj)"},
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
            {"progress", "MODE", "bar, json or none", "bar"}};
}

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

std::vector<training::FootageItem> checkedFootage(std::vector<training::FootageItem> items,
                                                  const CommandLine& commandLine, const std::string& checkpoint) {
    std::vector<std::string> sources = splitCommaList(commandLine.valueOr("sources", ""));
    if (commandLine.flag("heldout")) {
        const std::vector<std::string> held = training::heldOutSourcesOf(checkpoint);
        if (held.empty()) {
            throw std::runtime_error(checkpoint + ": its sidecar names no held-out sources");
        }
        sources.insert(sources.end(), held.begin(), held.end());
    }
    if (!sources.empty()) {
        items = training::splitBySource(items, 0.0, 0, sources).heldOut;
    }
    if (items.empty()) {
        throw std::runtime_error("no footage left to check");
    }
    return items;
}

training::CheckClipSettings checkClipSettingsFrom(const CommandLine& commandLine) {
    training::CheckClipSettings settings;
    settings.seconds = commandLine.doubleValue("seconds", 2.0);
    settings.clipsPerVideo = commandLine.intValue("clips-per-video", 2);
    settings.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    return settings;
}

training::FaultCheckSettings faultCheckSettingsFrom(const CommandLine& commandLine) {
    training::FaultCheckSettings settings;
    settings.repeats = std::max(1, commandLine.intValue("repeats", 1));
    settings.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    settings.baselines = !commandLine.flag("no-baselines");
    const int threads = commandLine.intValue("threads", 0);
    settings.threads = std::max(1, threads > 0 ? threads : 2);
    settings.faults = faultsOption(commandLine, "faults");
    return settings;
}

} // namespace svj::cli
