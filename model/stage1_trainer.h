// Stage 1 of GT-SVJ: self-supervised energy training. Real clips are positives; negatives are generated
// videos (when given) and the five latent perturbations of real clips, mixed as the config says, with
// variable-length crops. One optimizer step at a time, resumable bit for bit. Torch-free header.
#pragma once

#include "model/judge.h"
#include "model/training_data.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace svj::model {

struct Stage1Options {
    int batchSize = 4; // positives per step (as many negatives)
    double learningRate = 3e-4;
    double weightDecay = 0.01;
    int warmupSteps = 50;
    int totalSteps = 1000; // for the cosine schedule
    double minLearningRateFraction = 0.1;
    double gradientClip = 1.0;
    uint64_t seed = 0;
    bool randomFlip = true; // mirror clips left-right at random (pairs together)
};

struct Stage1Step {
    int64_t step = 0; // steps done after this one
    double loss = 0.0;
    double positiveEnergy = 0.0; // batch means
    double negativeEnergy = 0.0;
    double learningRate = 0.0;
    double gradientNorm = 0.0;
    int cropFrames = 0; // frames of this step's clips (variable-length crops)
    std::vector<std::string> negativeKinds;
};

class Stage1Trainer {
public:
    // The judge must outlive the trainer; its weights are trained in place.
    Stage1Trainer(Judge& judge, const Stage1Options& options);
    ~Stage1Trainer();
    Stage1Trainer(const Stage1Trainer&) = delete;
    Stage1Trainer& operator=(const Stage1Trainer&) = delete;

    // Clips must be at least the judge's input size (larger ones are cut at a random place each step) and
    // have 1 + 4k frames, at least 5. `brokenCopies`: the same clip with faults (same frames and size); they
    // fill the "generated" share of the negatives, cut exactly like their clean clip, so a pair differs by
    // the fault alone and the judge cannot tell them apart by content.
    void addReal(TrainingClip clip, std::vector<TrainingClip> brokenCopies = {});
    void addGenerated(TrainingClip clip);
    size_t realCount() const;
    size_t generatedCount() const;

    Stage1Step step();
    int64_t stepsDone() const;
    // Clips whose latents are cached (a frozen VAE encodes each clip once, not every step; 0 otherwise).
    size_t cachedClips() const;

    // Optimizer moments, random generator and step count (with the judge's own checkpoint, a resume point).
    void saveState(const std::string& path) const;
    void loadState(const std::string& path);

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace svj::model
