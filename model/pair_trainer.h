// Stage 1 of GT-SVJ on pairs: each clean clip against a copy of itself broken in a known way (or, for a share
// of the batch, one of the paper's five latent perturbations of it), so content cannot separate them and the
// energy must. The caller draws the pairs (training/ does, from real footage); this does one optimizer step
// on them at a time, resumable bit for bit. Torch-free header.
#pragma once

#include "model/judge.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace svj::model {

// Stored value: keep the numbers.
enum class PairKind {
    Broken = 0,             // `broken` holds the clean clip with a fault: it must get the higher energy
    LatentPerturbation = 1, // `broken` is unused: a latent perturbation of the clean clip is the negative
    Benign = 2,             // `broken` is the clean clip changed in a way that does not matter (a high-quality
                            // re-encode): the two should get the same energy
};

struct TrainingPair {
    ClipView clean; // the judge's input size, 1 + 4k frames
    ClipView broken;
    PairKind kind = PairKind::Broken;
    // Per latent frame: 1 where the fault shows, 0 where the clip is as clean; empty: everywhere.
    std::vector<float> eventLatents;
    // Not 0: a latent perturbation's draws come from a generator of this pair's own with this seed, so a batch
    // split over processes draws what one process would; 0: from the trainer's one stream.
    uint64_t drawSeed = 0;
};

// Stored value: keep the numbers.
enum class PairLoss {
    Ranking = 0,     // softplus(-(E(x-) - E(x+)) / temperature): a logistic ranking of each pair
    Contrastive = 1, // the paper's E(x+) - E(x-) over the batch
};

struct PairTrainerOptions {
    double learningRate = 1e-3;
    double weightDecay = 0.01;
    int warmupSteps = 100;
    int totalSteps = 1000; // for the cosine schedule
    double minLearningRateFraction = 0.1;
    double gradientClip = 1.0;
    uint64_t seed = 0; // the latent perturbations' draws

    PairLoss loss = PairLoss::Ranking;
    double temperature = 0.25;  // of the ranking loss, in energy units
    double beta = 0.05;         // E^2 regulariser on both energies (the paper's 0.2 with its contrastive loss)
    double localWeight = 0.5;   // ranking of each fault's own latent frames (so the curve rises where it is)
    double outsideWeight = 0.5; // (E(x-)_t - E(x+)_t)^2 where the clip is as clean (so it stays flat there)
    double flatWeight = 0.5;    // variance over a clean clip's latent frames 1.. (no spike at window starts)
    double tieWeight = 1.0;     // (E(a) - E(b))^2 for benign pairs
};

struct PairStep {
    int64_t step = 0; // steps done after this one
    double loss = 0.0;
    double rankingLoss = 0.0;
    double positiveEnergy = 0.0; // means over the batch
    double negativeEnergy = 0.0;
    double accuracy = 0.0; // share of the batch's broken / perturbed pairs ranked right
    double learningRate = 0.0;
    double gradientNorm = 0.0;
    std::vector<double> margins; // per pair: E(x-) - E(x+), the clip energies' difference (before the step)
};

class ProcessGroup;

class PairTrainer {
public:
    // The judge must outlive the trainer; its stage-1 weights are trained in place.
    PairTrainer(Judge& judge, const PairTrainerOptions& options);
    ~PairTrainer();
    PairTrainer(const PairTrainer&) = delete;
    PairTrainer& operator=(const PairTrainer&) = delete;

    // One optimizer step on a batch; every clip must have the judge's input size and the batch one frame
    // count. Throws ModelError naming what does not fit. Distributed, `pairs` is this rank's share of the
    // step's batch: the loss is normalised by the whole batch's counts, the gradients summed over the ranks,
    // and the figures of the report are the whole batch's (its margins this share's).
    PairStep step(const std::vector<TrainingPair>& pairs);

    // Data-parallel from now on: `group` (which must outlive the trainer) sums the gradients in buckets of
    // about `bucketBytes`, overlapped with the backward pass.
    void distribute(ProcessGroup& group, int64_t bucketBytes = 1 << 20);
    // Throws DistributedError when the ranks' weights or optimizer moments are not the same bits.
    void checkAgreement();
    int64_t stepsDone() const;

    // The optimizer and generator state, with `extra` metadata of the caller's (its own resume state).
    void saveState(const std::string& path, const std::map<std::string, std::string>& extra = {}) const;
    // Returns the metadata saved with it.
    std::map<std::string, std::string> loadState(const std::string& path);

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace svj::model
