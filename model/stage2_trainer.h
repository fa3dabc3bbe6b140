// Stage 2 of GT-SVJ: fine-tuning on pairwise human preferences. The stage-1 LoRA keeps training, a new
// aspect head scores each aspect and aggregates them into a reward, and Davidson's Bradley-Terry model with
// ties (temperature from the config, tie strength learned) turns reward differences into the probabilities
// of "A", "B" and "tie". Pairs are visited in epochs (a seeded shuffle each); resumable bit for bit.
// Torch-free header.
#pragma once

#include "model/judge.h"
#include "model/training_data.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace svj::model {

// Stored value: keep the numbers (the same as the loss's verdict index).
enum class PairVerdict : int8_t { A = 0, B = 1, Tie = 2 };

struct PreferenceExample {
    int videoA = -1; // indices returned by Stage2Trainer::addVideo
    int videoB = -1;
    PairVerdict verdict = PairVerdict::Tie;
    // Per aspect of the judge's config (same order): the verdict on that aspect, or -1 where not rated.
    std::vector<int8_t> aspects;
};

struct Stage2Options {
    int batchSize = 8; // pairs per step
    double learningRate = 1e-4;
    double weightDecay = 0.01;
    int warmupSteps = 20;
    int totalSteps = 500; // for the cosine schedule
    double minLearningRateFraction = 0.1;
    double gradientClip = 1.0;
    double aspectWeight = 0.5; // weight of the per-aspect preference loss beside the overall one
    uint64_t seed = 0;
    bool randomFlip = true; // mirror both videos of a pair left-right at random (together)
    // Each pair's windows, cuts and mirroring drawn from a generator of its own (seed, step, place in the
    // batch) instead of one stream: a batch split over processes then draws what one process would.
    bool drawsPerPair = false;
};

struct Stage2Step {
    int64_t step = 0;  // steps done after this one
    int64_t epoch = 0; // the epoch this step belongs to (0-based)
    double loss = 0.0;
    double preferenceLoss = 0.0; // Davidson negative log-likelihood of the overall verdicts
    double aspectLoss = 0.0;     // the same over the rated aspects (0 when none is rated)
    double learningRate = 0.0;
    double gradientNorm = 0.0;
    double tieStrength = 0.0; // Davidson's nu after the step
};

class ProcessGroup;

class Stage2Trainer {
public:
    // The judge must outlive the trainer; its LoRA, aspect head and tie strength are trained in place, and
    // it is marked as a stage-2 judge (scores carry aspects and a reward).
    Stage2Trainer(Judge& judge, const Stage2Options& options);
    ~Stage2Trainer();
    Stage2Trainer(const Stage2Trainer&) = delete;
    Stage2Trainer& operator=(const Stage2Trainer&) = delete;

    // A video as the windows that cover it (each at least the judge's input size, 1 + 4k frames, >= 5); a
    // step takes one window at random. Returns the index pairs refer to.
    int addVideo(std::vector<TrainingClip> windows);
    // Throws ModelError for an unknown video index or an aspect list of the wrong length.
    void addPair(const PreferenceExample& pair);
    size_t pairCount() const;
    int64_t stepsPerEpoch() const;

    // One step on the step's batch; distributed, on this rank's share of it (which may be empty at an epoch's
    // short end), with the losses normalised by the whole batch's counts and the gradients summed.
    Stage2Step step();
    int64_t stepsDone() const;

    // Data-parallel from now on (needs drawsPerPair); `group` must outlive the trainer.
    void distribute(ProcessGroup& group, int64_t bucketBytes = 1 << 20);
    // Throws DistributedError when the ranks' weights or optimizer moments are not the same bits.
    void checkAgreement();
    // Windows whose latents are cached (the frozen VAE encodes each window once; 0 with the tubelet encoder).
    size_t cachedClips() const;

    // `extra`: metadata of the caller's stored with it (the checkpoint generation).
    void saveState(const std::string& path, const std::map<std::string, std::string>& extra = {}) const;
    void loadState(const std::string& path);

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace svj::model
