// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/pair_trainer.h"

#include "model/model_error.h"
#include "model/process_group.h"

#include "model/adamw.hpp"
#include "model/gradient_reducer.hpp"
#include "model/judge_impl.hpp"
#include "model/perturbations.hpp"
#include "model/trainer_support.hpp"

namespace svj::model {

struct PairTrainer::Impl {
    Judge::Impl& judge;
    PairTrainerOptions options;
    detail::Random random;
    std::unique_ptr<detail::AdamW> optimizer;
    ProcessGroup* group = nullptr;
    std::unique_ptr<detail::GradientReducer> reducer;

    Impl(Judge::Impl& judgeImpl, const PairTrainerOptions& trainerOptions)
        : judge(judgeImpl)
        , options(trainerOptions)
        , random(trainerOptions.seed) {
        optimizer = detail::optimizerFor(*judge.network, judge.network->stage1Parameters());
    }

    void check(const ClipView& clip, const std::string& what, int frames) const {
        const JudgeConfig& config = judge.network->config;
        if (!clip.rgb || clip.width != config.inputWidth || clip.height != config.inputHeight ||
            clip.frames != frames || clip.frames % 4 != 1) {
            throw ModelError(what + " is " + std::to_string(clip.width) + "x" + std::to_string(clip.height) + "x" +
                             std::to_string(clip.frames) + " but the judge trains on " +
                             std::to_string(config.inputWidth) + "x" + std::to_string(config.inputHeight) + "x" +
                             std::to_string(frames) + " (1 + 4k frames, one count per batch)");
        }
    }
};

PairTrainer::PairTrainer(Judge& judge, const PairTrainerOptions& options)
    : m_impl(std::make_unique<Impl>(judge.impl(), options)) {}

PairTrainer::~PairTrainer() = default;

int64_t PairTrainer::stepsDone() const {
    return m_impl->optimizer->steps();
}

PairStep PairTrainer::step(const std::vector<TrainingPair>& pairs) {
    Impl& d = *m_impl;
    if (pairs.empty()) {
        throw ModelError("a training step needs at least one pair");
    }
    detail::JudgeNetwork& network = d.judge.network;
    const PairTrainerOptions& o = d.options;
    const int frames = pairs.front().clean.frames;
    const int64_t batch = static_cast<int64_t>(pairs.size());
    const int64_t latents = 1 + (frames - 1) / 4;

    // Every clean clip, then the broken copies that are pixels; perturbations are made from the latents.
    std::vector<ClipView> views;
    for (size_t i = 0; i < pairs.size(); ++i) {
        d.check(pairs[i].clean, "clean clip " + std::to_string(i), frames);
        views.push_back(pairs[i].clean);
    }
    std::vector<int64_t> pixelNegative(pairs.size(), -1);
    for (size_t i = 0; i < pairs.size(); ++i) {
        if (pairs[i].kind != PairKind::LatentPerturbation) {
            d.check(pairs[i].broken, "broken clip " + std::to_string(i), frames);
            pixelNegative[i] = static_cast<int64_t>(views.size());
            views.push_back(pairs[i].broken);
        }
        if (!pairs[i].eventLatents.empty() && static_cast<int64_t>(pairs[i].eventLatents.size()) != latents) {
            throw ModelError("pair " + std::to_string(i) + " marks " + std::to_string(pairs[i].eventLatents.size()) +
                             " latent frames but its clips have " + std::to_string(latents));
        }
    }
    // Distributed: the whole batch's counts (known before the forward pass) normalise each share's sums.
    double rankTotal = 0;
    double partialTotal = 0;
    double tieTotal = 0;
    for (const TrainingPair& pair : pairs) {
        const bool ranks = pair.kind != PairKind::Benign;
        rankTotal += ranks ? 1 : 0;
        tieTotal += ranks ? 0 : 1;
        bool partial = false;
        for (const float w : pair.eventLatents) {
            partial = partial || w < 0.5f;
        }
        partialTotal += ranks && partial ? 1 : 0;
    }
    double pairTotal = static_cast<double>(batch);
    if (d.group) {
        const std::vector<double> totals =
            d.group->sum({rankTotal, partialTotal, tieTotal, pairTotal}, "the batch counts' all-reduce");
        rankTotal = totals[0];
        partialTotal = totals[1];
        tieTotal = totals[2];
        pairTotal = totals[3];
    }

    network->train();
    const torch::Tensor encoded = network->encode(d.judge.pixelsFrom(views));
    std::vector<torch::Tensor> negatives;
    for (size_t i = 0; i < pairs.size(); ++i) {
        if (pixelNegative[i] >= 0) {
            negatives.push_back(encoded[pixelNegative[i]]);
        } else {
            detail::Random own(pairs[i].drawSeed);
            detail::Random& random = pairs[i].drawSeed != 0 ? own : d.random;
            const NegativeKind kind = latentPerturbation(static_cast<size_t>(
                std::uniform_int_distribution<int>(0, static_cast<int>(kLatentPerturbations) - 1)(random)));
            detail::Perturbation record;
            negatives.push_back(detail::applyPerturbation(kind, encoded[static_cast<int64_t>(i)], random, record));
        }
    }
    const torch::Tensor all = torch::cat({encoded.slice(0, 0, batch), torch::stack(negatives)}, 0);
    const torch::Tensor energies = network->judge(all, false).energies.to(torch::kFloat32); // [2B, T]
    const torch::Tensor positive = energies.slice(0, 0, batch);
    const torch::Tensor negative = energies.slice(0, batch);

    // Which pairs rank, which tie, and where each fault shows.
    std::vector<float> rankFlags;
    std::vector<float> tieFlags;
    std::vector<float> partialFlags;
    std::vector<float> events;
    for (const TrainingPair& pair : pairs) {
        const bool ranks = pair.kind != PairKind::Benign;
        rankFlags.push_back(ranks ? 1.0f : 0.0f);
        tieFlags.push_back(ranks ? 0.0f : 1.0f);
        bool partial = false;
        for (int64_t t = 0; t < latents; ++t) {
            const float w = pair.eventLatents.empty() ? 1.0f : pair.eventLatents[static_cast<size_t>(t)];
            partial = partial || w < 0.5f;
            events.push_back(w);
        }
        partialFlags.push_back(ranks && partial ? 1.0f : 0.0f);
    }
    const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(energies.device());
    const torch::Tensor ranks = torch::tensor(rankFlags, options);
    const torch::Tensor ties = torch::tensor(tieFlags, options);
    const torch::Tensor partial = torch::tensor(partialFlags, options);
    const torch::Tensor event = torch::tensor(events, options).reshape({batch, latents});
    const torch::Tensor rankCount =
        d.group ? torch::tensor(std::max(1.0, rankTotal), options) : ranks.sum().clamp_min(1.0);

    const torch::Tensor difference = negative - positive; // [B, T], positive where the pair is ranked right
    const torch::Tensor margin = difference.mean(1);
    torch::Tensor ranking;
    if (o.loss == PairLoss::Contrastive) {
        ranking = -(margin * ranks).sum() / rankCount;
    } else {
        ranking = (torch::softplus(-margin / o.temperature) * ranks).sum() / rankCount;
    }
    // Means over the batch; distributed, sums over the share divided by the whole batch's count.
    const auto batchMean = [&](const torch::Tensor& perPair, double total) {
        return d.group ? perPair.sum() / std::max(1.0, total) : perPair.mean();
    };
    torch::Tensor loss =
        ranking + o.beta * (d.group ? energies.pow(2).sum() / (2.0 * pairTotal * static_cast<double>(latents))
                                    : energies.pow(2).mean());
    if (o.localWeight > 0 || o.outsideWeight > 0) {
        const torch::Tensor partialCount =
            d.group ? torch::tensor(std::max(1.0, partialTotal), options) : partial.sum().clamp_min(1.0);
        const torch::Tensor eventMargin = (difference * event).sum(1) / event.sum(1).clamp_min(1e-6);
        const torch::Tensor local = (torch::softplus(-eventMargin / o.temperature) * partial).sum() / partialCount;
        const torch::Tensor quiet = 1.0 - event;
        const torch::Tensor outside =
            ((difference.pow(2) * quiet).sum(1) / quiet.sum(1).clamp_min(1e-6) * partial).sum() / partialCount;
        loss = loss + o.localWeight * local + o.outsideWeight * outside;
    }
    if (o.flatWeight > 0 && latents >= 3) {
        loss = loss + o.flatWeight * batchMean(positive.slice(1, 1).var(1, false), pairTotal);
    }
    if (o.tieWeight > 0) {
        const torch::Tensor tieCount =
            d.group ? torch::tensor(std::max(1.0, tieTotal), options) : ties.sum().clamp_min(1.0);
        loss = loss + o.tieWeight * (margin.pow(2) * ties).sum() / tieCount;
    }

    PairStep report;
    d.optimizer->zeroGrad();
    if (d.reducer) {
        d.reducer->begin();
    }
    loss.backward();
    if (d.reducer) {
        d.reducer->finish();
    }
    report.gradientNorm = d.optimizer->clipGradients(o.gradientClip);
    report.learningRate = detail::warmupCosineRate(d.optimizer->steps(), o.learningRate, o.warmupSteps, o.totalSteps,
                                                   o.minLearningRateFraction);
    d.optimizer->step(report.learningRate, o.weightDecay);
    network->eval();

    torch::NoGradGuard noGrad;
    report.step = d.optimizer->steps();
    report.loss = loss.item<double>();
    report.rankingLoss = ranking.item<double>();
    report.positiveEnergy = positive.mean().item<double>();
    report.negativeEnergy = negative.mean().item<double>();
    report.accuracy = ((margin > 0).to(torch::kFloat32) * ranks).sum().item<double>() / rankCount.item<double>();
    if (d.group) {
        // Each share's loss is its part of the whole batch's; the energies' means are weighted by share size.
        const double share = static_cast<double>(batch) / pairTotal;
        const std::vector<double> whole =
            d.group->sum({report.loss, report.rankingLoss, report.positiveEnergy * share, report.negativeEnergy * share,
                          report.accuracy /* already over the whole batch's count */},
                         "the step figures' all-reduce");
        report.loss = whole[0];
        report.rankingLoss = whole[1];
        report.positiveEnergy = whole[2];
        report.negativeEnergy = whole[3];
        report.accuracy = whole[4];
    }
    const torch::Tensor margins = margin.detach().to(torch::kCPU, torch::kFloat64).contiguous();
    report.margins.assign(margins.data_ptr<double>(), margins.data_ptr<double>() + margins.numel());
    return report;
}

void PairTrainer::distribute(ProcessGroup& group, int64_t bucketBytes) {
    m_impl->group = &group;
    m_impl->reducer =
        std::make_unique<detail::GradientReducer>(group.impl(), m_impl->optimizer->parameters(), bucketBytes);
}

void PairTrainer::checkAgreement() {
    if (m_impl->group) {
        detail::checkAgreement(*m_impl->group, *m_impl->optimizer);
    }
}

void PairTrainer::saveState(const std::string& path, const std::map<std::string, std::string>& extra) const {
    detail::saveTrainerState(path, "svj-pair-state-1", *m_impl->optimizer, m_impl->random, extra);
}

std::map<std::string, std::string> PairTrainer::loadState(const std::string& path) {
    return detail::loadTrainerState(path, "svj-pair-state-1", *m_impl->optimizer, m_impl->random);
}

} // namespace svj::model
