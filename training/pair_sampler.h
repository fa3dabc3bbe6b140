// Training pairs for stage 1: a clean cut of a bank clip against the same cut broken by a fault drawn from
// the five families (random strength, place and extent), a latent perturbation of it, or a benign change
// (a high-quality re-encode) it should be indifferent to. The pairs of a step are a pure function of the
// bank, the settings and the step number, so a resumed run draws exactly what an uninterrupted one would.
#pragma once

#include "media/video_faults.h"
#include "model/pair_trainer.h"
#include "training/clip_bank.h"

#include <cstdint>
#include <string>
#include <vector>

namespace svj::training {

struct PairSamplerSettings {
    int tileSize = 64; // the judge's input
    int frames = 17;   // the judge's clip length (1 + 4k)
    int lookAhead = 8; // frames after the clip a timeline fault may show
    int margin = 16;   // pixels around the cut the fault works on (blur and warps reach in from there)
    std::vector<double> familyWeights{1, 1, 1, 1, 1}; // by media::FaultFamily
    std::vector<media::VideoFault> faults;            // the faults to draw from (empty: all)
    double latentShare = 0.1;                         // pairs whose negative is one of the paper's latent perturbations
    double benignShare = 0.08;
    // Freezes that hold one frame for the whole window: inside a freeze longer than a window there is no jump
    // to see, only stillness where the footage moved (and, on camera footage, identical grain, which a real
    // still shot never has). Held for every kind of footage: a judge that saw it only on camera footage still
    // ranked a long freeze of rendered video (and of camera footage) below the clean clip.
    double holdShare = 0.5;
    double minStrength = 0.0;
    double maxStrength = 1.0;
    double maxRegion = 0.9; // region faults up to this share of the working area (tiles inside a region)
    bool flip = true;       // mirror both clips of a pair at random
    uint64_t seed = 1;
};

struct SampledPair {
    std::vector<uint8_t> clean; // frames x tile x tile x 3
    std::vector<uint8_t> broken;
    model::PairKind kind = model::PairKind::Broken;
    std::vector<float> eventLatents; // 1 where the fault shows, per latent frame
    int fault = -1;                  // media::VideoFault, -1 for latent and benign pairs
    std::string what;
};

class PairSampler {
public:
    PairSampler(const ClipBank& bank, PairSamplerSettings settings);

    // The `size` pairs of step `step`, made on `threads` threads (the result does not depend on it).
    // `faultWeights` (per media::VideoFault value; empty: alike) scale how often each fault is drawn (its
    // family's share split among its faults, times its weight).
    std::vector<SampledPair> batch(int64_t step, int size, int threads = 1,
                                   const std::vector<double>& faultWeights = {}) const;
    // Pairs [begin, end) of that batch alone (one process's share of a step split over several).
    std::vector<SampledPair> batch(int64_t step, int begin, int end, int threads,
                                   const std::vector<double>& faultWeights) const;
    // One pair from its own generator seed.
    SampledPair pair(uint64_t seed, const std::vector<double>& faultWeights = {}) const;

    const PairSamplerSettings& settings() const { return m_settings; }

private:
    const ClipBank& m_bank;
    PairSamplerSettings m_settings;
    std::vector<std::vector<media::VideoFault>> m_byFamily;
};

// Views of sampled pairs for model::PairTrainer (valid while `pairs` lives).
std::vector<model::TrainingPair> trainingPairs(const std::vector<SampledPair>& pairs, int tileSize, int frames);

// Per latent frame of a `frames`-frame clip: 1 where frames [first, first + length) touch it.
std::vector<float> latentMask(int frames, int first, int length);

} // namespace svj::training
