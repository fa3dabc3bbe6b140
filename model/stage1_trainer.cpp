// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/stage1_trainer.h"

#include "model/model_error.h"

#include <algorithm>
#include <array>
#include <limits>

#include "model/adamw.hpp"
#include "model/judge_impl.hpp"
#include "model/losses.hpp"
#include "model/perturbations.hpp"
#include "model/trainer_support.hpp"

namespace svj::model {

struct Stage1Trainer::Impl {
    Judge::Impl& judge;
    Stage1Options options;
    std::vector<TrainingClip> real;
    std::vector<std::vector<TrainingClip>> broken; // per real clip: its broken copies (paired negatives)
    std::vector<TrainingClip> generated;
    detail::Random random;
    std::unique_ptr<detail::AdamW> optimizer;
    // A frozen VAE (LoRA-only training of the 2B judge) encodes each clip once; windows are cut from latents.
    bool cacheLatents = false;
    detail::LatentCache cache;

    Impl(Judge::Impl& judgeImpl, const Stage1Options& stageOptions)
        : judge(judgeImpl)
        , options(stageOptions)
        , random(stageOptions.seed) {
        detail::JudgeNetwork& network = judge.network;
        const std::vector<torch::Tensor> trainable = network->stage1Parameters();
        optimizer = detail::optimizerFor(*network, trainable);
        cacheLatents = network->config.encoder == LatentEncoderKind::Vae &&
                       network->config.stage1Training == Stage1Training::LoraOnly;
    }

    double learningRateAt(int64_t step) const {
        return detail::warmupCosineRate(step, options.learningRate, options.warmupSteps, options.totalSteps,
                                        options.minLearningRateFraction);
    }

    // A positive and the broken copy paired with it share one crop, so the pair differs by the fault alone.
    detail::Crop randomCrop(const TrainingClip& clip) {
        return detail::randomCrop(clip, judge.network->config, options.randomFlip, random, cacheLatents ? 8 : 1);
    }

    // A window of a clip: pixels [3, F, H, W] to encode, or with the latent cache its latents [T, C, h, w].
    torch::Tensor window(const TrainingClip& clip, int64_t start, int64_t latents, const detail::Crop& crop) {
        if (cacheLatents) {
            return cache.window(*judge.network, clip, start, latents, crop, judge.device, judge.dtype);
        }
        return detail::clipPixels(clip, judge.network->config, start, latents, crop);
    }

    // Pixels or latents of a batch -> latents on the judge's device.
    torch::Tensor latentsOf(const std::vector<torch::Tensor>& windows) {
        const torch::Tensor stacked = torch::stack(windows);
        return cacheLatents ? stacked : judge.network->encode(stacked.to(judge.device, judge.dtype));
    }

    int64_t latentCount(const TrainingClip& clip) const { return detail::latentCount(clip); }

    int64_t uniform(int64_t low, int64_t high) { return std::uniform_int_distribution<int64_t>(low, high)(random); }
};

Stage1Trainer::Stage1Trainer(Judge& judge, const Stage1Options& options)
    : m_impl(std::make_unique<Impl>(judge.impl(), options)) {
    if (options.batchSize < 1) {
        throw ModelError("stage 1 needs a batch of at least one clip");
    }
}

Stage1Trainer::~Stage1Trainer() = default;

void Stage1Trainer::addReal(TrainingClip clip, std::vector<TrainingClip> brokenCopies) {
    detail::validateTrainingClip(clip, m_impl->judge.network->config);
    for (const TrainingClip& copy : brokenCopies) {
        detail::validateTrainingClip(copy, m_impl->judge.network->config);
        if (copy.frames != clip.frames || copy.width != clip.width || copy.height != clip.height) {
            throw ModelError(copy.source + ": a broken copy must have its clean clip's frames and size");
        }
    }
    m_impl->real.push_back(std::move(clip));
    m_impl->broken.push_back(std::move(brokenCopies));
}

void Stage1Trainer::addGenerated(TrainingClip clip) {
    detail::validateTrainingClip(clip, m_impl->judge.network->config);
    m_impl->generated.push_back(std::move(clip));
}

size_t Stage1Trainer::realCount() const {
    return m_impl->real.size();
}

size_t Stage1Trainer::generatedCount() const {
    return m_impl->generated.size();
}

size_t Stage1Trainer::cachedClips() const {
    return m_impl->cache.size();
}

int64_t Stage1Trainer::stepsDone() const {
    return m_impl->optimizer->steps();
}

Stage1Step Stage1Trainer::step() {
    Impl& d = *m_impl;
    if (d.real.empty()) {
        throw ModelError("stage 1 needs real clips (positives) to train on");
    }
    detail::JudgeNetwork& network = d.judge.network;
    const JudgeConfig& config = network->config;
    network->train();
    const int batch = d.options.batchSize;

    // Positives, one crop length for the batch: the shortest clip's, or a random shorter one; each cut at a
    // random place (and mirrored at random) when the clip is larger than the judge's input.
    std::vector<size_t> positives;
    int64_t length = std::numeric_limits<int64_t>::max();
    for (int i = 0; i < batch; ++i) {
        positives.push_back(static_cast<size_t>(d.uniform(0, static_cast<int64_t>(d.real.size()) - 1)));
        length = std::min(length, d.latentCount(d.real[positives.back()]));
    }
    if (std::uniform_real_distribution<double>(0.0, 1.0)(d.random) < config.variableLengthProbability) {
        length = d.uniform(2, length);
    }
    std::vector<torch::Tensor> positivePixels; // or latents (cache)
    std::vector<int64_t> starts;
    std::vector<detail::Crop> crops;
    for (const size_t index : positives) {
        const TrainingClip& clip = d.real[index];
        starts.push_back(d.uniform(0, d.latentCount(clip) - length));
        crops.push_back(d.randomCrop(clip));
        positivePixels.push_back(d.window(clip, starts.back(), length, crops.back()));
    }

    // Negatives: with the "generated" share of the mix, a broken copy of the same positive (same window,
    // same cut) when it has any, else a generated video; otherwise a latent perturbation of the positive.
    const NegativeMix& mix = config.negatives;
    const bool anyBroken =
        std::any_of(d.broken.begin(), d.broken.end(), [](const std::vector<TrainingClip>& c) { return !c.empty(); });
    std::array<double, kNegativeKinds> weights = mix.weights; // drawn in NegativeKind order
    if (d.generated.empty() && !anyBroken) {
        weights[static_cast<size_t>(NegativeKind::Generated)] = 0.0;
    }
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    std::vector<int> sources;
    std::vector<torch::Tensor> generatedPixels;
    for (int i = 0; i < batch; ++i) {
        sources.push_back(pick(d.random));
        if (sources.back() != static_cast<int>(NegativeKind::Generated)) {
            continue;
        }
        const size_t index = positives[static_cast<size_t>(i)];
        const std::vector<TrainingClip>& copies = d.broken[index];
        // Broken copies of this positive take three quarters of the share when generated videos exist too.
        const bool useCopy = !copies.empty() && (d.generated.empty() || d.uniform(0, 3) != 0);
        if (useCopy) {
            const TrainingClip& copy =
                copies[static_cast<size_t>(d.uniform(0, static_cast<int64_t>(copies.size()) - 1))];
            generatedPixels.push_back(
                d.window(copy, starts[static_cast<size_t>(i)], length, crops[static_cast<size_t>(i)]));
        } else if (!d.generated.empty()) {
            const TrainingClip& clip =
                d.generated[static_cast<size_t>(d.uniform(0, static_cast<int64_t>(d.generated.size()) - 1))];
            const int64_t available = d.latentCount(clip);
            const int64_t take = std::min(available, length);
            torch::Tensor clipPixels = d.window(clip, d.uniform(0, available - take), take, d.randomCrop(clip));
            if (take < length) {
                // A short generated video: repeat its last frame (a freeze, itself a flaw worth penalising); in
                // latent space its last latent frame.
                if (d.cacheLatents) {
                    const torch::Tensor last = clipPixels.slice(0, clipPixels.size(0) - 1);
                    clipPixels = torch::cat({clipPixels, last.expand({length - take, -1, -1, -1})}, 0);
                } else {
                    const torch::Tensor last = clipPixels.slice(1, clipPixels.size(1) - 1);
                    clipPixels = torch::cat({clipPixels, last.expand({-1, 4 * (length - take), -1, -1})}, 1);
                }
            }
            generatedPixels.push_back(clipPixels);
        } else {
            // This positive has no broken copy and there is no generated video: a perturbation instead.
            sources.back() = static_cast<int>(
                latentPerturbation(static_cast<size_t>(d.uniform(0, static_cast<int64_t>(kLatentPerturbations) - 1))));
        }
    }

    const torch::Tensor positiveLatents = d.latentsOf(positivePixels);
    torch::Tensor generatedLatents;
    if (!generatedPixels.empty()) {
        generatedLatents = d.latentsOf(generatedPixels);
    }
    Stage1Step report;
    std::vector<torch::Tensor> negatives;
    size_t nextGenerated = 0;
    for (int i = 0; i < batch; ++i) {
        if (sources[static_cast<size_t>(i)] == static_cast<int>(NegativeKind::Generated)) {
            negatives.push_back(generatedLatents[static_cast<int64_t>(nextGenerated++)]);
            report.negativeKinds.emplace_back("generated");
            continue;
        }
        const auto kind = static_cast<NegativeKind>(sources[static_cast<size_t>(i)]);
        detail::Perturbation record;
        negatives.push_back(detail::applyPerturbation(kind, positiveLatents[i], d.random, record));
        report.negativeKinds.emplace_back(detail::perturbationName(kind));
    }
    const bool loraOnly = config.stage1Training == Stage1Training::LoraOnly;
    const torch::Tensor energies =
        network->judge(torch::cat({positiveLatents, torch::stack(negatives)}, 0), false, loraOnly).energies.mean(1);
    const torch::Tensor positiveEnergy = energies.slice(0, 0, batch);
    const torch::Tensor negativeEnergy = energies.slice(0, batch);
    const torch::Tensor loss = detail::energyContrastiveLoss(
        positiveEnergy.to(torch::kFloat32), negativeEnergy.to(torch::kFloat32), config.energyRegularization);
    d.optimizer->zeroGrad();
    loss.backward();
    report.gradientNorm = d.optimizer->clipGradients(d.options.gradientClip);
    report.learningRate = d.learningRateAt(d.optimizer->steps());
    d.optimizer->step(report.learningRate, d.options.weightDecay);
    network->eval();

    report.step = d.optimizer->steps();
    report.loss = loss.item<double>();
    report.positiveEnergy = positiveEnergy.mean().item<double>();
    report.negativeEnergy = negativeEnergy.mean().item<double>();
    report.cropFrames = static_cast<int>(1 + 4 * (length - 1));
    return report;
}

void Stage1Trainer::saveState(const std::string& path) const {
    detail::saveTrainerState(path, "svj-stage1-state-1", *m_impl->optimizer, m_impl->random);
}

void Stage1Trainer::loadState(const std::string& path) {
    detail::loadTrainerState(path, "svj-stage1-state-1", *m_impl->optimizer, m_impl->random);
}

} // namespace svj::model
