// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/stage2_trainer.h"

#include "model/model_error.h"
#include "model/process_group.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "model/adamw.hpp"
#include "model/gradient_reducer.hpp"
#include "model/judge_impl.hpp"
#include "model/losses.hpp"
#include "model/trainer_support.hpp"

namespace svj::model {
namespace {
constexpr const char* kStateFormat = "svj-stage2-state-1";

// splitmix64's finaliser over two numbers: a pair's own seed from the run's seed, the step and its place.
uint64_t mixSeeds(uint64_t a, uint64_t b) {
    uint64_t x = a * 0x9E3779B97F4A7C15ull + b + 0x632BE59BD9B4E019ull;
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return x;
}
} // namespace

struct Stage2Trainer::Impl {
    Judge::Impl& judge;
    Stage2Options options;
    std::vector<std::vector<TrainingClip>> videos; // per video: its windows
    std::vector<PreferenceExample> pairs;
    std::mt19937_64 random;
    std::unique_ptr<detail::AdamW> optimizer;
    // The visiting order of the current epoch (recomputed from the seed and the epoch number: nothing to save).
    int64_t orderEpoch = -1;
    std::vector<size_t> order;
    // The VAE is frozen in stage 2: each window is encoded once (the tubelet encoder is cheap and left alone).
    bool cacheLatents = false;
    detail::LatentCache cache;
    ProcessGroup* group = nullptr;
    std::unique_ptr<detail::GradientReducer> reducer;

    Impl(Judge::Impl& judgeImpl, const Stage2Options& stageOptions)
        : judge(judgeImpl)
        , options(stageOptions)
        , random(stageOptions.seed) {
        detail::JudgeNetwork& network = judge.network;
        const std::vector<torch::Tensor> trainable = network->stage2Parameters();
        optimizer = detail::optimizerFor(*network, trainable);
        cacheLatents = network->config.encoder == LatentEncoderKind::Vae;
    }

    const JudgeConfig& config() const { return judge.network->config; }

    int64_t stepsPerEpoch() const {
        const auto batch = static_cast<size_t>(options.batchSize);
        return static_cast<int64_t>((pairs.size() + batch - 1) / batch);
    }

    // Pairs of step `step`: its slice of the epoch's seeded shuffle (the last slice of an epoch may be short).
    std::vector<size_t> batchOf(int64_t step, int64_t& epoch) {
        const int64_t perEpoch = stepsPerEpoch();
        epoch = step / perEpoch;
        if (epoch != orderEpoch) {
            order.resize(pairs.size());
            std::iota(order.begin(), order.end(), size_t{0});
            std::mt19937_64 shuffle(options.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(epoch) + 1);
            for (size_t i = order.size(); i > 1; --i) {
                // Our own Fisher-Yates: std::shuffle's draws differ between standard libraries.
                const size_t j = static_cast<size_t>(shuffle() % i);
                std::swap(order[i - 1], order[j]);
            }
            orderEpoch = epoch;
        }
        const auto first = static_cast<size_t>((step % perEpoch) * options.batchSize);
        const size_t last = std::min(order.size(), first + static_cast<size_t>(options.batchSize));
        return {order.begin() + static_cast<std::ptrdiff_t>(first), order.begin() + static_cast<std::ptrdiff_t>(last)};
    }

    const TrainingClip& randomWindow(int video, std::mt19937_64& generator) {
        const std::vector<TrainingClip>& windows = videos[static_cast<size_t>(video)];
        return windows[static_cast<size_t>(
            std::uniform_int_distribution<int64_t>(0, static_cast<int64_t>(windows.size()) - 1)(generator))];
    }
};

Stage2Trainer::Stage2Trainer(Judge& judge, const Stage2Options& options)
    : m_impl(std::make_unique<Impl>(judge.impl(), options)) {
    if (options.batchSize < 1) {
        throw ModelError("stage 2 needs a batch of at least one pair");
    }
    if (judge.config().aspects.empty()) {
        throw ModelError("stage 2 needs a judge with at least one aspect");
    }
    judge.impl().info.stage2 = true;
}

Stage2Trainer::~Stage2Trainer() = default;

int Stage2Trainer::addVideo(std::vector<TrainingClip> windows) {
    if (windows.empty()) {
        throw ModelError("a video for stage 2 needs at least one window");
    }
    for (const TrainingClip& window : windows) {
        detail::validateTrainingClip(window, m_impl->config());
    }
    m_impl->videos.push_back(std::move(windows));
    return static_cast<int>(m_impl->videos.size()) - 1;
}

void Stage2Trainer::addPair(const PreferenceExample& pair) {
    const auto known = [&](int video) { return video >= 0 && static_cast<size_t>(video) < m_impl->videos.size(); };
    if (!known(pair.videoA) || !known(pair.videoB)) {
        throw ModelError("a preference pair names a video that was not added (" + std::to_string(pair.videoA) + ", " +
                         std::to_string(pair.videoB) + ")");
    }
    if (!pair.aspects.empty() && pair.aspects.size() != m_impl->config().aspects.size()) {
        throw ModelError("a preference pair rates " + std::to_string(pair.aspects.size()) + " aspects; the judge has " +
                         std::to_string(m_impl->config().aspects.size()));
    }
    for (const int8_t verdict : pair.aspects) {
        if (verdict < -1 || verdict > 2) {
            throw ModelError("an aspect verdict must be -1 (not rated), 0 (A), 1 (B) or 2 (tie)");
        }
    }
    m_impl->pairs.push_back(pair);
}

size_t Stage2Trainer::pairCount() const {
    return m_impl->pairs.size();
}

int64_t Stage2Trainer::stepsPerEpoch() const {
    return m_impl->stepsPerEpoch();
}

size_t Stage2Trainer::cachedClips() const {
    return m_impl->cache.size();
}

int64_t Stage2Trainer::stepsDone() const {
    return m_impl->optimizer->steps();
}

Stage2Step Stage2Trainer::step() {
    Impl& d = *m_impl;
    if (d.pairs.empty()) {
        throw ModelError("stage 2 needs labelled pairs to train on");
    }
    detail::JudgeNetwork& network = d.judge.network;
    const JudgeConfig& config = d.config();
    Stage2Step report;
    const std::vector<size_t> whole = d.batchOf(d.optimizer->steps(), report.epoch);
    // This rank's share of the step's batch (all of it in one process).
    const size_t world = d.group ? static_cast<size_t>(d.group->worldSize()) : 1;
    const size_t rank = d.group ? static_cast<size_t>(d.group->rank()) : 0;
    const size_t shareBegin = whole.size() * rank / world;
    const size_t shareEnd = whole.size() * (rank + 1) / world;
    const std::vector<size_t> batch(whole.begin() + static_cast<std::ptrdiff_t>(shareBegin),
                                    whole.begin() + static_cast<std::ptrdiff_t>(shareEnd));

    // A window of each video; one length for the whole batch (the shortest), each cut at a random place.
    // Both videos of a pair share the mirroring, so a left-right bias cannot separate them. Per-pair draws:
    // every rank draws the windows of the whole batch (cheap) to agree on the length, then cuts its share.
    std::vector<std::mt19937_64> generators;
    std::vector<const TrainingClip*> windows; // of this share
    int64_t length = std::numeric_limits<int64_t>::max();
    if (d.options.drawsPerPair) {
        for (size_t p = 0; p < whole.size(); ++p) {
            generators.emplace_back(
                mixSeeds(mixSeeds(d.options.seed ^ 0x5eed2a17, static_cast<uint64_t>(d.optimizer->steps())), p));
            for (const int video : {d.pairs[whole[p]].videoA, d.pairs[whole[p]].videoB}) {
                const TrainingClip& window = d.randomWindow(video, generators.back());
                length = std::min(length, detail::latentCount(window));
                if (p >= shareBegin && p < shareEnd) {
                    windows.push_back(&window);
                }
            }
        }
    } else {
        for (const size_t index : batch) {
            for (const int video : {d.pairs[index].videoA, d.pairs[index].videoB}) {
                windows.push_back(&d.randomWindow(video, d.random));
                length = std::min(length, detail::latentCount(*windows.back()));
            }
        }
    }
    std::vector<torch::Tensor> pixels;
    bool pairFlip = false;
    for (size_t i = 0; i < windows.size(); ++i) {
        const TrainingClip& clip = *windows[i];
        std::mt19937_64& random = d.options.drawsPerPair ? generators[shareBegin + i / 2] : d.random;
        if (i % 2 == 0) {
            pairFlip = d.options.randomFlip && std::uniform_int_distribution<int>(0, 1)(random) == 1;
        }
        const int64_t start = std::uniform_int_distribution<int64_t>(0, detail::latentCount(clip) - length)(random);
        detail::Crop crop = detail::randomCrop(clip, config, false, random, d.cacheLatents ? 8 : 1);
        crop.flip = pairFlip;
        pixels.push_back(d.cacheLatents
                             ? d.cache.window(*network, clip, start, length, crop, d.judge.device, d.judge.dtype)
                             : detail::clipPixels(clip, config, start, length, crop));
    }

    std::vector<int64_t> verdicts;
    std::vector<int64_t> aspectRows;
    std::vector<int64_t> aspectColumns;
    std::vector<int64_t> aspectVerdicts;
    for (size_t i = 0; i < batch.size(); ++i) {
        const PreferenceExample& pair = d.pairs[batch[i]];
        verdicts.push_back(static_cast<int64_t>(pair.verdict));
        for (size_t k = 0; k < pair.aspects.size(); ++k) {
            if (pair.aspects[k] >= 0) {
                aspectRows.push_back(static_cast<int64_t>(i));
                aspectColumns.push_back(static_cast<int64_t>(k));
                aspectVerdicts.push_back(pair.aspects[k]);
            }
        }
    }
    // Distributed: each share's mean loss weighted by its part of the whole batch's pairs (and rated aspects),
    // so the summed gradients are the whole batch's.
    double pairWeight = 1.0;
    double aspectShare = 1.0;
    if (d.group) {
        const std::vector<double> totals =
            d.group->sum({static_cast<double>(batch.size()), static_cast<double>(aspectVerdicts.size())},
                         "the batch counts' all-reduce");
        pairWeight = static_cast<double>(batch.size()) / std::max(1.0, totals[0]);
        aspectShare = static_cast<double>(aspectVerdicts.size()) / std::max(1.0, totals[1]);
    }

    d.optimizer->zeroGrad();
    torch::Tensor loss;
    torch::Tensor preferenceLoss;
    torch::Tensor aspectLoss;
    if (!batch.empty()) {
        // Rewards and aspect scores of A (even rows) and B (odd rows).
        network->train();
        const torch::Tensor latents = d.cacheLatents
                                          ? torch::stack(pixels)
                                          : network->encode(torch::stack(pixels).to(d.judge.device, d.judge.dtype));
        const detail::JudgeOutput output = network->judge(latents, true, true);
        const int64_t count = static_cast<int64_t>(batch.size());
        const torch::Tensor reward = output.reward.to(torch::kFloat32).reshape({count, 2});
        const torch::Tensor aspects = output.aspects.to(torch::kFloat32).reshape({count, 2, -1});
        const double temperature = config.bradleyTerryTemperature;
        const auto longs = [](const std::vector<int64_t>& values) { return torch::tensor(values, torch::kInt64); };
        const torch::Tensor tieLogit = network->tieLogit.to(torch::kFloat32);
        preferenceLoss =
            detail::davidsonLoss(reward.select(1, 0), reward.select(1, 1), longs(verdicts), tieLogit, temperature);
        loss = d.group ? preferenceLoss * pairWeight : preferenceLoss;
        if (!aspectVerdicts.empty() && d.options.aspectWeight > 0) {
            // Every rated (pair, aspect) is one more Davidson comparison, on that aspect's scores.
            const torch::Tensor rows = longs(aspectRows);
            const torch::Tensor columns = longs(aspectColumns);
            const torch::Tensor scoreA = aspects.select(1, 0).index({rows, columns});
            const torch::Tensor scoreB = aspects.select(1, 1).index({rows, columns});
            aspectLoss = detail::davidsonLoss(scoreA, scoreB, longs(aspectVerdicts), tieLogit, temperature);
            loss = loss + d.options.aspectWeight * (d.group ? aspectLoss * aspectShare : aspectLoss);
        }
    }
    if (d.reducer) {
        d.reducer->begin();
    }
    if (loss.defined()) {
        loss.backward();
    }
    if (d.reducer) {
        d.reducer->finish(); // a rank with no pair this step sends zeros
    }
    report.gradientNorm = d.optimizer->clipGradients(d.options.gradientClip);
    report.learningRate = detail::warmupCosineRate(d.optimizer->steps(), d.options.learningRate, d.options.warmupSteps,
                                                   d.options.totalSteps, d.options.minLearningRateFraction);
    d.optimizer->step(report.learningRate, d.options.weightDecay);
    network->eval();

    report.step = d.optimizer->steps();
    report.loss = loss.defined() ? loss.item<double>() : 0.0;
    report.preferenceLoss = preferenceLoss.defined() ? preferenceLoss.item<double>() : 0.0;
    report.aspectLoss = aspectLoss.defined() ? aspectLoss.item<double>() : 0.0;
    if (d.group) {
        const std::vector<double> sums =
            d.group->sum({report.loss, report.preferenceLoss * pairWeight, report.aspectLoss * aspectShare},
                         "the step figures' all-reduce");
        report.loss = sums[0];
        report.preferenceLoss = sums[1];
        report.aspectLoss = sums[2];
    }
    report.tieStrength = std::exp(network->tieLogit.item<double>());
    return report;
}

void Stage2Trainer::distribute(ProcessGroup& group, int64_t bucketBytes) {
    if (!m_impl->options.drawsPerPair) {
        throw ModelError("stage 2 over several processes draws per pair (drawsPerPair)");
    }
    m_impl->group = &group;
    m_impl->reducer =
        std::make_unique<detail::GradientReducer>(group.impl(), m_impl->optimizer->parameters(), bucketBytes);
}

void Stage2Trainer::checkAgreement() {
    if (m_impl->group) {
        detail::checkAgreement(*m_impl->group, *m_impl->optimizer);
    }
}

void Stage2Trainer::saveState(const std::string& path, const std::map<std::string, std::string>& extra) const {
    detail::saveTrainerState(path, kStateFormat, *m_impl->optimizer, m_impl->random, extra);
}

void Stage2Trainer::loadState(const std::string& path) {
    detail::loadTrainerState(path, kStateFormat, *m_impl->optimizer, m_impl->random);
    m_impl->orderEpoch = -1;
}

} // namespace svj::model
