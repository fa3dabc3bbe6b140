// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/stage1_trainer.h"

#include "model/model_error.h"
#include "model/safetensors.h"

#include <cmath>
#include <sstream>

#include "model/adamw.hpp"
#include "model/judge_impl.hpp"
#include "model/losses.hpp"
#include "model/perturbations.hpp"
#include "model/tensor_io.hpp"

namespace svj::model {

namespace {
constexpr double kPi = 3.14159265358979323846;

// Indices into the negative mix: generated videos, then the five perturbations.
enum NegativeSource { kGenerated = 0, kFirstPerturbation = 1 };
} // namespace

struct Stage1Trainer::Impl {
    Judge::Impl& judge;
    Stage1Options options;
    std::vector<TrainingClip> real;
    std::vector<std::vector<TrainingClip>> broken; // per real clip: its broken copies (paired negatives)
    std::vector<TrainingClip> generated;
    detail::Random random;
    std::unique_ptr<detail::AdamW> optimizer;

    Impl(Judge::Impl& judgeImpl, const Stage1Options& stageOptions)
        : judge(judgeImpl)
        , options(stageOptions)
        , random(stageOptions.seed) {
        detail::JudgeNetwork& network = judge.network;
        const std::vector<torch::Tensor> trainable = network->stage1Parameters();
        // Frozen weights keep no gradients: no memory for them, no autograd work through them.
        for (auto& parameter : network->parameters()) {
            parameter.set_requires_grad(false);
        }
        for (const torch::Tensor& parameter : trainable) {
            parameter.set_requires_grad(true);
        }
        optimizer = std::make_unique<detail::AdamW>(trainable);
    }

    double learningRateAt(int64_t step) const {
        if (options.warmupSteps > 0 && step < options.warmupSteps) {
            return options.learningRate * static_cast<double>(step + 1) / options.warmupSteps;
        }
        const double span = std::max(1, options.totalSteps - options.warmupSteps);
        const double progress = std::min(1.0, static_cast<double>(step - options.warmupSteps) / span);
        const double floor = options.minLearningRateFraction;
        return options.learningRate * (floor + (1.0 - floor) * 0.5 * (1.0 + std::cos(kPi * progress)));
    }

    void validate(const TrainingClip& clip) const {
        const JudgeConfig& config = judge.network->config;
        if (clip.width < config.inputWidth || clip.height < config.inputHeight) {
            throw ModelError(clip.source + ": clip is " + std::to_string(clip.width) + "x" +
                             std::to_string(clip.height) + " but the judge takes " + std::to_string(config.inputWidth) +
                             "x" + std::to_string(config.inputHeight) + " (larger clips are cropped at random)");
        }
        if (clip.frames < 5 || clip.frames % 4 != 1 ||
            clip.rgb.size() != clip.frameBytes() * static_cast<size_t>(clip.frames)) {
            throw ModelError(clip.source + ": a training clip needs 1 + 4k frames, at least 5, and matching bytes");
        }
    }

    // Where a clip is cut: the judge's input size out of a larger clip, mirrored or not. A positive and the
    // broken copy paired with it share it, so the pair differs by the fault alone.
    struct Crop {
        int64_t y = 0;
        int64_t x = 0;
        bool flip = false;
    };

    Crop randomCrop(const TrainingClip& clip) {
        const JudgeConfig& config = judge.network->config;
        // No draw where there is no choice: clips of exactly the input size train as they always did.
        Crop crop;
        crop.y = clip.height > config.inputHeight ? uniform(0, clip.height - config.inputHeight) : 0;
        crop.x = clip.width > config.inputWidth ? uniform(0, clip.width - config.inputWidth) : 0;
        crop.flip = options.randomFlip && uniform(0, 1) == 1;
        return crop;
    }

    // `latents` latent frames of `clip` starting at latent frame `start`, as pixels in [-1, 1] [3, F, H, W].
    torch::Tensor pixels(const TrainingClip& clip, int64_t start, int64_t latents, const Crop& crop) const {
        const JudgeConfig& config = judge.network->config;
        const int64_t firstFrame = 4 * start;
        const int64_t frames = 1 + 4 * (latents - 1);
        const torch::Tensor all = torch::from_blob(const_cast<uint8_t*>(clip.rgb.data()),
                                                   {clip.frames, clip.height, clip.width, 3}, torch::kUInt8);
        torch::Tensor cut = all.slice(0, firstFrame, firstFrame + frames)
                                .slice(1, crop.y, crop.y + config.inputHeight)
                                .slice(2, crop.x, crop.x + config.inputWidth);
        if (crop.flip) {
            cut = cut.flip({2});
        }
        return cut.permute({3, 0, 1, 2}).to(torch::kFloat32).div(127.5).sub(1.0);
    }

    int64_t latentCount(const TrainingClip& clip) const { return 1 + (clip.frames - 1) / 4; }

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
    m_impl->validate(clip);
    for (const TrainingClip& copy : brokenCopies) {
        m_impl->validate(copy);
        if (copy.frames != clip.frames || copy.width != clip.width || copy.height != clip.height) {
            throw ModelError(copy.source + ": a broken copy must have its clean clip's frames and size");
        }
    }
    m_impl->real.push_back(std::move(clip));
    m_impl->broken.push_back(std::move(brokenCopies));
}

void Stage1Trainer::addGenerated(TrainingClip clip) {
    m_impl->validate(clip);
    m_impl->generated.push_back(std::move(clip));
}

size_t Stage1Trainer::realCount() const {
    return m_impl->real.size();
}

size_t Stage1Trainer::generatedCount() const {
    return m_impl->generated.size();
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
    std::vector<torch::Tensor> positivePixels;
    std::vector<int64_t> starts;
    std::vector<Impl::Crop> crops;
    for (const size_t index : positives) {
        const TrainingClip& clip = d.real[index];
        starts.push_back(d.uniform(0, d.latentCount(clip) - length));
        crops.push_back(d.randomCrop(clip));
        positivePixels.push_back(d.pixels(clip, starts.back(), length, crops.back()));
    }

    // Negatives: with the "generated" share of the mix, a broken copy of the same positive (same window,
    // same cut) when it has any, else a generated video; otherwise a latent perturbation of the positive.
    const NegativeMix& mix = config.negatives;
    const bool anyBroken =
        std::any_of(d.broken.begin(), d.broken.end(), [](const std::vector<TrainingClip>& c) { return !c.empty(); });
    std::discrete_distribution<int> pick({d.generated.empty() && !anyBroken ? 0.0 : mix.generated, mix.frameShuffle,
                                          mix.frameDrop, mix.noisySegment, mix.patchSwap, mix.temporalSliceSwap});
    std::vector<int> sources;
    std::vector<torch::Tensor> generatedPixels;
    for (int i = 0; i < batch; ++i) {
        sources.push_back(pick(d.random));
        if (sources.back() != kGenerated) {
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
                d.pixels(copy, starts[static_cast<size_t>(i)], length, crops[static_cast<size_t>(i)]));
        } else if (!d.generated.empty()) {
            const TrainingClip& clip =
                d.generated[static_cast<size_t>(d.uniform(0, static_cast<int64_t>(d.generated.size()) - 1))];
            const int64_t available = d.latentCount(clip);
            const int64_t take = std::min(available, length);
            torch::Tensor clipPixels = d.pixels(clip, d.uniform(0, available - take), take, d.randomCrop(clip));
            if (take < length) {
                // A short generated video: repeat its last frame (a freeze, itself a flaw worth penalising).
                const torch::Tensor last = clipPixels.slice(1, clipPixels.size(1) - 1);
                clipPixels = torch::cat({clipPixels, last.expand({-1, 4 * (length - take), -1, -1})}, 1);
            }
            generatedPixels.push_back(clipPixels);
        } else {
            // This positive has no broken copy and there is no generated video: a perturbation instead.
            sources.back() = kFirstPerturbation + static_cast<int>(d.uniform(0, 4));
        }
    }

    const torch::Tensor positiveLatents =
        network->encode(torch::stack(positivePixels).to(d.judge.device, d.judge.dtype));
    torch::Tensor generatedLatents;
    if (!generatedPixels.empty()) {
        generatedLatents = network->encode(torch::stack(generatedPixels).to(d.judge.device, d.judge.dtype));
    }
    Stage1Step report;
    std::vector<torch::Tensor> negatives;
    size_t nextGenerated = 0;
    for (int i = 0; i < batch; ++i) {
        if (sources[static_cast<size_t>(i)] == kGenerated) {
            negatives.push_back(generatedLatents[static_cast<int64_t>(nextGenerated++)]);
            report.negativeKinds.emplace_back("generated");
            continue;
        }
        const auto kind = static_cast<detail::PerturbationKind>(sources[static_cast<size_t>(i)] - kFirstPerturbation);
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
    Impl& d = *m_impl;
    SafetensorsWriter writer;
    std::vector<std::pair<std::string, torch::Tensor>> moments;
    for (size_t i = 0; i < d.optimizer->parameters().size(); ++i) {
        moments.emplace_back("adam.first." + std::to_string(i), d.optimizer->firstMoments()[i]);
        moments.emplace_back("adam.second." + std::to_string(i), d.optimizer->secondMoments()[i]);
    }
    detail::addTensors(writer, moments);
    std::ostringstream randomState;
    randomState << d.random;
    writer.setMetadata("format", "svj-stage1-state-1");
    writer.setMetadata("steps", std::to_string(d.optimizer->steps()));
    writer.setMetadata("random", randomState.str());
    writer.setMetadata("parameters", std::to_string(d.optimizer->parameters().size()));
    writer.write(path);
}

void Stage1Trainer::loadState(const std::string& path) {
    Impl& d = *m_impl;
    const SafetensorsCollection state = SafetensorsCollection::open(path);
    const auto metadata = state.metadata();
    const auto field = [&](const char* key) {
        const auto it = metadata.find(key);
        if (it == metadata.end()) {
            throw ModelError(path + ": not a stage-1 training state (no '" + key + "')");
        }
        return it->second;
    };
    if (field("format") != "svj-stage1-state-1") {
        throw ModelError(path + ": not a stage-1 training state");
    }
    if (std::stoul(field("parameters")) != d.optimizer->parameters().size()) {
        throw ModelError(path + ": the training state belongs to a judge of another shape");
    }
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < d.optimizer->parameters().size(); ++i) {
        d.optimizer->firstMoments()[i].copy_(detail::readTensor(state, "adam.first." + std::to_string(i)));
        d.optimizer->secondMoments()[i].copy_(detail::readTensor(state, "adam.second." + std::to_string(i)));
    }
    std::istringstream randomState(field("random"));
    randomState >> d.random;
    d.optimizer->setSteps(std::stoll(field("steps")));
}

} // namespace svj::model
