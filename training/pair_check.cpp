#include "training/pair_check.h"

#include "media/video_faults.h"
#include "training/parallel_for.h"
#include "training/seeds.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

namespace svj::training {
namespace {

struct Tally {
    int right = 0;
    int pairs = 0;
    std::vector<double> margins;

    void add(double margin) {
        right += margin > 0.0 ? 1 : 0;
        ++pairs;
        margins.push_back(margin);
    }

    nlohmann::json json() {
        std::nth_element(margins.begin(), margins.begin() + static_cast<std::ptrdiff_t>(margins.size() / 2),
                         margins.end());
        return {{"pairs", pairs},
                {"accuracy", pairs > 0 ? static_cast<double>(right) / pairs : 0.0},
                {"margin", margins.empty() ? 0.0 : margins[margins.size() / 2]}};
    }
};

} // namespace

BankSettings bankSettingsForJudge(const model::JudgeConfig& config, BankSettings base, int lookAhead) {
    base.frames = config.inputFrames + lookAhead + 8;
    base.minFrames = config.inputFrames + lookAhead;
    base.minRegionSize = std::max(base.minRegionSize, config.inputWidth); // a tile fits in every clip
    if (base.regionSize < config.inputWidth) {
        throw std::invalid_argument("the regions cut from the footage (" + std::to_string(base.regionSize) +
                                    " px) must be at least the judge's tile (" + std::to_string(config.inputWidth) +
                                    " px)");
    }
    return base;
}

PairCheck::PairCheck(const ClipBank& bank, PairSamplerSettings settings, int pairsPerFault, uint64_t seed, int threads)
    : m_tileSize(settings.tileSize)
    , m_frames(settings.frames) {
    settings.latentShare = 0.0;
    settings.benignShare = 0.0;
    const std::vector<media::VideoFault> faults = settings.faults.empty() ? media::allVideoFaults() : settings.faults;
    const PairSampler sampler(bank, settings);
    const size_t perFault = static_cast<size_t>(std::max(0, pairsPerFault));
    std::vector<SampledPair> drawn(faults.size() * perFault);
    detail::parallelFor(drawn.size(), threads, [&](size_t i) {
        // Only this pair's fault has a weight: the sampler draws it and nothing else.
        std::vector<double> only(media::allVideoFaults().size(), 0.0);
        only[static_cast<size_t>(faults[i / perFault])] = 1.0;
        drawn[i] = sampler.pair(detail::mixSeeds(seed, i), only);
    });
    for (SampledPair& pair : drawn) {
        if (pair.kind == model::PairKind::Broken) { // no visible cut found: the sampler fell back to a perturbation
            m_pairs.push_back(std::move(pair));
        }
    }
}

nlohmann::json PairCheck::run(model::Judge& judge, int batchSize, const std::atomic<bool>* cancel) const {
    std::vector<model::ClipView> views;
    views.reserve(m_pairs.size() * 2);
    for (const SampledPair& pair : m_pairs) {
        views.push_back({pair.clean.data(), m_frames, m_tileSize, m_tileSize});
        views.push_back({pair.broken.data(), m_frames, m_tileSize, m_tileSize});
    }
    const std::vector<model::ScoreResult> scores = judge.scoreBatch(views, batchSize, {}, cancel);
    Tally overall;
    std::map<std::string, Tally> families;
    std::map<std::string, Tally> faults;
    for (size_t i = 0; i < m_pairs.size(); ++i) {
        const double margin = scores[2 * i + 1].energy - scores[2 * i].energy;
        const auto fault = static_cast<media::VideoFault>(m_pairs[i].fault);
        overall.add(margin);
        families[media::faultFamilyName(media::faultSpec(fault).family)].add(margin);
        faults[media::videoFaultName(fault)].add(margin);
    }
    nlohmann::json out = overall.json();
    out["families"] = nlohmann::json::object();
    for (auto& [name, tally] : families) {
        out["families"][name] = tally.json();
    }
    out["faults"] = nlohmann::json::object();
    for (auto& [name, tally] : faults) {
        out["faults"][name] = tally.json();
    }
    return out;
}

std::string describePairCheck(const nlohmann::json& result) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3);
    const auto row = [&](const std::string& name, const nlohmann::json& values) {
        out << "  " << std::left << std::setw(22) << name << std::right << std::setw(7) << values.value("accuracy", 0.0)
            << std::setw(7) << values.value("pairs", 0) << std::setw(9) << values.value("margin", 0.0) << "\n";
    };
    out << "  " << std::left << std::setw(22) << "held-out tile pairs" << std::right << std::setw(7) << "judge"
        << std::setw(7) << "pairs" << std::setw(9) << "margin"
        << "\n";
    const nlohmann::json families = result.value("families", nlohmann::json::object());
    const nlohmann::json faults = result.value("faults", nlohmann::json::object());
    for (const auto& [family, values] : families.items()) {
        row(family, values);
    }
    row("overall", result);
    for (const auto& [fault, values] : faults.items()) {
        row("  " + fault, values);
    }
    return out.str();
}

TilePairResult checkTilePairs(model::Judge& judge, const std::vector<FootageItem>& footage,
                              const std::vector<media::VideoFault>& faults, int pairsPerFault, uint64_t seed,
                              int threads, const std::atomic<bool>* cancel) {
    const BankSettings bankSettings =
        bankSettingsForJudge(judge.config(), BankSettings{}, PairSamplerSettings{}.lookAhead);
    const ClipBank bank = buildClipBank(footage, bankSettings, {});
    if (bank.size() == 0) {
        throw std::runtime_error("no footage gave a clip the judge's tiles fit in");
    }
    PairSamplerSettings sampler;
    sampler.tileSize = judge.config().inputWidth;
    sampler.frames = judge.config().inputFrames;
    sampler.faults = faults;
    const PairCheck check(bank, sampler, pairsPerFault, seed, threads);
    return {check.run(judge, 32, cancel), check.size(), bank.size()};
}

} // namespace svj::training
