// The judge on pairs of held-out tiles: cuts of clean footage from sources a run never trains on, each
// against the same cut broken by one fault (every fault alike), drawn once and kept. Scoring them takes
// seconds, so a run can measure itself on unseen footage every few hundred steps (a learning curve per fault
// and family); the full check (fault_check.h) judges whole frames and runs at the end.
#pragma once

#include "model/judge.h"
#include "training/clip_bank.h"
#include "training/footage.h"
#include "training/pair_sampler.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace svj::training {

// `base` made fit for a judge of `config`: clips with room for its window, the look-ahead of timeline
// faults and eight frames of start positions; regions no smaller than its tile. Throws std::invalid_argument
// when the regions are smaller than the tile.
BankSettings bankSettingsForJudge(const model::JudgeConfig& config, BankSettings base, int lookAhead);

class PairCheck {
public:
    // `pairsPerFault` pairs of every fault of `settings` (their latent and benign shares are ignored) from
    // `bank`, drawn from `seed` on `threads` threads. Faults that leave every cut they are tried on unchanged
    // (a freeze of still footage) get fewer.
    PairCheck(const ClipBank& bank, PairSamplerSettings settings, int pairsPerFault, uint64_t seed, int threads = 1);

    size_t size() const { return m_pairs.size(); }

    // Accuracy (the broken cut's energy above the clean one's): "overall", "families" and "faults", each with
    // "pairs" and "accuracy", and "margin" (the median E(broken) - E(clean)). Throws model::Cancelled when
    // `cancel` is set.
    nlohmann::json run(model::Judge& judge, int batchSize = 32, const std::atomic<bool>* cancel = nullptr) const;

private:
    std::vector<SampledPair> m_pairs;
    int m_tileSize = 0;
    int m_frames = 0;
};

struct TilePairResult {
    nlohmann::json figures; // PairCheck::run's
    size_t pairs = 0;
    size_t clips = 0; // in the clip bank the pairs were cut from
};
// The tile-pair check of `judge` on `footage` (`svj faultcheck --tile-pairs`): a clip bank cut for the judge's
// tiles and window, `pairsPerFault` pairs of every fault of `faults` (empty: all). Throws std::runtime_error when no
// footage gives a clip the judge's tiles fit in, model::Cancelled when `cancel` is set.
TilePairResult checkTilePairs(model::Judge& judge, const std::vector<FootageItem>& footage,
                              const std::vector<media::VideoFault>& faults, int pairsPerFault, uint64_t seed,
                              int threads, const std::atomic<bool>* cancel);

// The result of PairCheck::run as a table: per family, then per fault, accuracy, pairs and median margin.
std::string describePairCheck(const nlohmann::json& result);

} // namespace svj::training
