#include "training/pretrain_run.h"

#include "model/checkpoint_set.h"
#include "model/json_text.h"
#include "model/model_error.h"
#include "training/footage.h"
#include "training/run_events.h"
#include "training/seeds.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <stdexcept>

namespace svj::training {
namespace {

nlohmann::json bankJson(const BankSettings& b) {
    return {{"region", b.regionSize},
            {"frames", b.frames},
            {"stride", b.clipStride},
            {"max_clips", b.maxClipsPerVideo},
            {"regions", b.regionsPerClip},
            {"low_rate_share", b.lowRateShare},
            {"clips_per_photo", b.clipsPerPhoto},
            {"object_share", b.objectShare},
            {"seed", b.seed}};
}

nlohmann::json samplerJson(const PairSamplerSettings& s) {
    std::vector<std::string> faults;
    for (const media::VideoFault fault : s.faults) {
        faults.emplace_back(media::videoFaultName(fault));
    }
    return {{"look_ahead", s.lookAhead},
            {"margin", s.margin},
            {"family_weights", s.familyWeights},
            {"faults", faults},
            {"latent_share", s.latentShare},
            {"benign_share", s.benignShare},
            {"strength", {s.minStrength, s.maxStrength}},
            {"max_region", s.maxRegion},
            {"flip", s.flip},
            {"seed", s.seed}};
}

// The schedule always spans the run's own steps, whatever the options carried in.
nlohmann::json trainerJson(const model::PairTrainerOptions& t, int64_t totalSteps) {
    return {{"lr", t.learningRate},
            {"weight_decay", t.weightDecay},
            {"warmup", t.warmupSteps},
            {"steps", totalSteps},
            {"min_lr", t.minLearningRateFraction},
            {"clip", t.gradientClip},
            {"loss", t.loss == model::PairLoss::Ranking ? "ranking" : "contrastive"},
            {"temperature", t.temperature},
            {"beta", t.beta},
            {"local", t.localWeight},
            {"outside", t.outsideWeight},
            {"flat", t.flatWeight},
            {"tie", t.tieWeight},
            {"seed", t.seed}};
}

} // namespace

nlohmann::json PretrainOptions::resumeKey() const {
    std::vector<std::string> kinds;
    for (const FootageKind kind : trainKinds) {
        kinds.emplace_back(footageKindName(kind));
    }
    nlohmann::json key = {{"footage", footage},
                          {"held_out_fraction", heldOutFraction},
                          {"held_out_sources", heldOutSources},
                          {"steps", steps},
                          {"batch", batch},
                          {"seed", seed},
                          {"focus", {focus, focusInterval}},
                          {"bank", bankJson(bank)},
                          {"sampler", samplerJson(sampler)},
                          {"trainer", trainerJson(trainer, steps)}};
    if (!kinds.empty()) {
        key["train_kinds"] = kinds; // absent when all are trained on: keys of earlier runs stay as they were
    }
    if (drawsPerPair) {
        key["draws"] = "per_pair"; // absent for the one stream, as runs before the choice drew
    }
    return key;
}

PretrainRun::PretrainRun(PretrainOptions options)
    : m_options(std::move(options)) {}

bool PretrainRun::run(const PretrainListener& listener, const std::atomic<bool>& stop) {
    const PretrainOptions& o = m_options;
    const int rank = m_group ? m_group->rank() : 0;
    const int world = m_group ? m_group->worldSize() : 1;
    const bool lead = rank == 0;
    const auto say = [&](PretrainEventKind kind, nlohmann::json fields, std::string text) {
        if (lead) {
            tellListener<PretrainEvent>(listener, kind, std::move(fields), std::move(text));
        }
    };
    if (world > o.batch) {
        throw PretrainError("--batch " + std::to_string(o.batch) + " is the whole step's batch and must give each of " +
                            std::to_string(world) + " processes at least one pair");
    }
    namespace fs = std::filesystem;
    nlohmann::json key = o.resumeKey();
    std::optional<model::Judge> judge;
    std::string statePath;                            // the training state a resume continues from
    nlohmann::json history = nlohmann::json::array(); // the held-out checks during the run, a resumed one's too
    if (o.resume) {
        try {
            statePath = model::stateOfCheckpoint(o.out);
        } catch (const model::ModelError& error) {
            throw PretrainError(error.what());
        }
        const model::CheckpointInfo info = model::Judge::readCheckpointInfo(o.out);
        const nlohmann::json sidecar = nlohmann::json::parse(info.sidecarJson);
        nlohmann::json recorded = sidecar.value("training", nlohmann::json());
        if (recorded.is_object() && recorded.contains("draws") != key.contains("draws")) {
            // A resume continues as its run drew (one stream before the choice existed, or per pair).
            nlohmann::json adopted = key;
            adopted.erase("draws");
            if (recorded.contains("draws")) {
                adopted["draws"] = recorded["draws"];
            }
            if (adopted == recorded) {
                m_options.drawsPerPair = recorded.contains("draws");
                key = adopted;
            }
        }
        if (recorded != key) {
            throw PretrainError(o.out + ": the run that wrote it used other settings; resume with the same options");
        }
        if (sidecar.contains("history") && sidecar["history"].is_array()) {
            history = sidecar["history"];
        }
        judge.emplace(model::Judge::load(o.out, o.judge));
    } else {
        if (fs::exists(o.out)) {
            throw PretrainError(o.out +
                                " exists; choose another --out, delete it, or add --resume to continue its run");
        }
        judge.emplace(model::Judge::create(o.config, o.judge));
    }
    if (world > 1 && !o.drawsPerPair) {
        throw PretrainError("a run over several processes draws its latent perturbations per pair; this one draws "
                            "them from one stream (--draws stream): run it in one process");
    }
    if (m_group) {
        m_group->broadcastWeights(*judge); // the same start on every rank, whatever each one's seed did
    }
    const model::JudgeConfig& config = judge->config();
    if (config.inputView != model::InputView::Tiles || config.inputWidth != config.inputHeight) {
        throw PretrainError("pretraining needs a judge that looks at square tiles (input view 'tiles')");
    }

    // Footage, split by source.
    std::vector<FootageItem> items;
    try {
        items = readFootage(o.footage);
    } catch (const std::runtime_error& error) {
        throw PretrainError(error.what());
    }
    FootageSplit split = splitBySource(items, o.heldOutFraction, o.seed, o.heldOutSources);
    if (!o.trainKinds.empty()) {
        std::erase_if(split.train, [&](const FootageItem& item) {
            // Objects go with the photographs they cross.
            const FootageKind kind = item.kind == FootageKind::Object ? FootageKind::Photo : item.kind;
            return std::find(o.trainKinds.begin(), o.trainKinds.end(), kind) == o.trainKinds.end();
        });
    }
    if (split.train.empty()) {
        throw PretrainError(o.footage + ": no footage is left for training");
    }
    say(PretrainEventKind::Message, {{"footage", o.footage}, {"items", items.size()}},
        "building the clip bank from " + std::to_string(split.train.size()) + " training items ...");
    const auto bankStart = std::chrono::steady_clock::now();
    BankSettings bankSettings;
    try {
        bankSettings = bankSettingsForJudge(config, o.bank, o.sampler.lookAhead);
    } catch (const std::invalid_argument& error) {
        throw PretrainError(error.what());
    }
    const ClipBank bank = buildClipBank(split.train, bankSettings, [&](const std::string& message) {
        say(PretrainEventKind::Message, {{"message", message}}, message);
    });
    if (bank.size() == 0) {
        throw PretrainError(o.footage + ": no training item gave a clip of " + std::to_string(bankSettings.frames) +
                            " frames of at least " + std::to_string(bankSettings.minRegionSize) + " pixels");
    }
    const double bankSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - bankStart).count();
    std::vector<std::string> trainSources = sourcesOf(split.train);
    std::vector<std::string> heldSources = sourcesOf(split.heldOut);
    nlohmann::json data = {{"train_sources", trainSources},
                           {"heldout_sources", heldSources},
                           {"bank_clips", bank.size()},
                           {"bank_megabytes", bank.bytes() / (1024.0 * 1024.0)},
                           {"bank_seconds", bankSeconds}};
    if (world > 1) {
        data["world_size"] = world;
        data["backend"] = m_group->backend();
    }
    say(PretrainEventKind::Data, data,
        "training on " + std::to_string(bank.size()) + " clips (" + std::to_string(bank.bytes() >> 20) + " MiB) of " +
            std::to_string(trainSources.size()) + " sources; " + std::to_string(heldSources.size()) +
            " sources held out");

    // The held-out check: a few clips during the run, all of them at the end.
    std::vector<CheckClip> checkClips;
    if (lead && !split.heldOut.empty() && (o.evalEvery > 0 || o.finalCheck)) {
        checkClips = loadCheckClips(split.heldOut, o.checkClips, [&](const std::string& message) {
            say(PretrainEventKind::Message, {{"message", message}}, message);
        });
    }
    // Subsets spread evenly over the held-out clips (sources, kinds and sizes all come in).
    const auto spreadOut = [&](int count) {
        if (count <= 0 || static_cast<size_t>(count) >= checkClips.size()) {
            return checkClips;
        }
        std::vector<CheckClip> picked;
        for (int i = 0; i < count; ++i) {
            picked.push_back(checkClips[static_cast<size_t>(i) * checkClips.size() / static_cast<size_t>(count)]);
        }
        return picked;
    };
    const std::vector<CheckClip> quickClips = spreadOut(o.quickCheckClips);
    // Held-out tile pairs: a bank of the held-out sources cut like the training bank, pairs drawn once.
    std::optional<ClipBank> heldOutBank;
    std::optional<PairCheck> pairCheck;
    if (lead && o.pairCheckEvery > 0 && !split.heldOut.empty()) {
        heldOutBank.emplace(buildClipBank(split.heldOut, bankSettings, {}));
        if (heldOutBank->size() > 0) {
            PairSamplerSettings checkSettings = o.sampler;
            checkSettings.tileSize = config.inputWidth;
            checkSettings.frames = config.inputFrames;
            pairCheck.emplace(*heldOutBank, checkSettings, o.pairCheckPerFault, detail::mixSeeds(o.seed, 0x7a1e),
                              std::max(1, o.dataThreads));
            say(PretrainEventKind::Message, {{"message", "held-out tile pairs"}, {"pairs", pairCheck->size()}},
                std::to_string(pairCheck->size()) + " held-out tile pairs from " + std::to_string(heldOutBank->size()) +
                    " clips of the held-out sources");
        }
    }
    const std::vector<CheckClip> finalClips = spreadOut(o.finalCheckClips);
    if (m_group) {
        m_group->followLead("rank 0's loading of the held-out clips");
    }

    PairSamplerSettings samplerSettings = o.sampler;
    samplerSettings.tileSize = config.inputWidth;
    samplerSettings.frames = config.inputFrames;
    const PairSampler sampler = [&] {
        try {
            return PairSampler(bank, samplerSettings);
        } catch (const std::invalid_argument& error) {
            throw PretrainError(error.what());
        }
    }();
    model::PairTrainerOptions trainerOptions = o.trainer;
    trainerOptions.totalSteps = o.steps;
    model::PairTrainer trainer(*judge, trainerOptions);
    if (m_group) {
        trainer.distribute(*m_group, o.bucketBytes);
    }
    FaultFocus focus(o.focusInterval, o.focus, media::allVideoFaults().size());
    if (o.resume) {
        const std::map<std::string, std::string> saved = trainer.loadState(statePath);
        const auto it = saved.find("fault_focus");
        if (it != saved.end()) {
            focus.restore(it->second);
        }
    }

    nlohmann::json metrics = nlohmann::json::object();
    // Rank 0 writes; in a run over several processes the others wait until the files are in place (`together`:
    // every rank calls this, as all do inside the loop).
    const auto writeCheckpoint = [&](const std::string& why, bool together) {
        if (!lead) {
            m_group->barrier("the checkpoint's barrier");
            return;
        }
        nlohmann::json training = {{"fault_accuracy", nlohmann::json::object()}};
        for (const media::VideoFault fault : media::allVideoFaults()) {
            training["fault_accuracy"][media::videoFaultName(fault)] = focus.accuracy()[static_cast<size_t>(fault)];
        }
        const nlohmann::json sidecar = {{"stage", 1},
                                        {"training_figures", training},
                                        {"steps", trainer.stepsDone()},
                                        {"training", key},
                                        {"command", o.command},
                                        {"data", data},
                                        {"metrics", metrics},
                                        {"history", history}};
        model::saveCheckpointSet(
            o.out, trainer.stepsDone(),
            [&](const std::string& path, const std::string& generation) {
                trainer.saveState(path, {{"fault_focus", focus.save()}, {"generation", generation}});
            },
            [&](const std::string& generation) {
                nlohmann::json fields = sidecar;
                fields["generation"] = generation;
                judge->save(o.out, svj::model::jsonText(fields));
            });
        say(PretrainEventKind::Checkpoint, {{"path", o.out}, {"step", trainer.stepsDone()}, {"why", why}},
            "checkpoint (" + why + ", step " + std::to_string(trainer.stepsDone()) + ") -> " + o.out);
        if (m_group && together) {
            m_group->barrier("the checkpoint's barrier");
        }
    };
    const auto check = [&](const std::vector<CheckClip>& clips, const char* what) {
        nlohmann::json result;
        try {
            result = runFaultCheck(&*judge, clips, o.check, &stop);
        } catch (const model::Cancelled&) {
            return nlohmann::json(); // stopped: the loop writes the checkpoint
        }
        say(PretrainEventKind::Eval, {{"step", trainer.stepsDone()}, {"what", what}, {"heldout", result}},
            std::string("held-out check (") + what + ", step " + std::to_string(trainer.stepsDone()) + "):\n" +
                describeFaultCheck(result));
        result.erase("pair_margins"); // in the event (a run's log) only: the sidecar keeps the tables
        return result;
    };

    const auto checkPairs = [&]() {
        if (!pairCheck) {
            return;
        }
        nlohmann::json result;
        try {
            result = pairCheck->run(*judge, 32, &stop);
        } catch (const model::Cancelled&) {
            return;
        }
        std::string text = "held-out tile pairs (step " + std::to_string(trainer.stepsDone()) +
                           "): " + std::to_string(result["accuracy"].get<double>()).substr(0, 5) + " of " +
                           std::to_string(result["pairs"].get<int>());
        for (const auto& [family, row] : result["families"].items()) {
            text += "; " + family + " " + std::to_string(row["accuracy"].get<double>()).substr(0, 5);
        }
        say(PretrainEventKind::Eval, {{"step", trainer.stepsDone()}, {"what", "pairs"}, {"pairs", result}}, text);
        history.push_back({{"step", trainer.stepsDone()}, {"pairs", result}});
    };

    const int threads = std::max(1, o.dataThreads);
    // This rank's share of each step's batch; the pairs' seeds are their indices in the whole batch.
    const int shareBegin = o.batch * rank / world;
    const int shareEnd = o.batch * (rank + 1) / world;
    std::future<std::vector<SampledPair>> next;
    const auto draw = [&](int64_t step) {
        return std::async(std::launch::async,
                          [&sampler, step, shareBegin, shareEnd, threads, weights = focus.weightsFor(step)] {
                              return sampler.batch(step, shareBegin, shareEnd, threads, weights);
                          });
    };
    if (trainer.stepsDone() < o.steps) {
        next = draw(trainer.stepsDone());
    }
    while (trainer.stepsDone() < o.steps) {
        const std::vector<SampledPair> pairs = next.get();
        if (trainer.stepsDone() + 1 < o.steps) {
            next = draw(trainer.stepsDone() + 1); // the next batch is drawn while this one trains
        }
        PretrainEvent event;
        event.kind = PretrainEventKind::Step;
        std::vector<model::TrainingPair> views = trainingPairs(pairs, samplerSettings.tileSize, samplerSettings.frames);
        if (o.drawsPerPair) {
            for (size_t i = 0; i < views.size(); ++i) {
                const uint64_t index = static_cast<uint64_t>(shareBegin) + i;
                views[i].drawSeed = detail::mixSeeds(detail::mixSeeds(o.trainer.seed ^ 0x5eedd4a3,
                                                                      static_cast<uint64_t>(trainer.stepsDone())),
                                                     index) |
                                    1; // never 0, which means the stream
            }
        }
        event.step = trainer.step(views);
        std::vector<int> faults;
        for (const SampledPair& pair : pairs) {
            faults.push_back(pair.fault);
        }
        bool stopAll = stop.load();
        if (m_group) {
            // Every rank learns the whole batch's margins and faults (the focus must stay the same everywhere)
            // and whether any rank was asked to stop.
            std::vector<double> whole(2 * static_cast<size_t>(o.batch) + 1, 0.0);
            for (size_t i = 0; i < pairs.size() && i < event.step.margins.size(); ++i) {
                whole[static_cast<size_t>(shareBegin) + i] = event.step.margins[i];
                whole[static_cast<size_t>(o.batch + shareBegin) + i] = pairs[i].fault;
            }
            whole.back() = stopAll ? 1.0 : 0.0;
            whole = m_group->sum(whole, "the step's margins' all-reduce");
            event.step.margins.assign(whole.begin(), whole.begin() + o.batch);
            faults.assign(whole.begin() + o.batch, whole.begin() + 2 * o.batch); // exact: small integers
            stopAll = whole.back() > 0.0;
            event.communicationSeconds = m_group->takeCommunicationSeconds();
        }
        for (size_t i = 0; i < faults.size() && i < event.step.margins.size(); ++i) {
            focus.record(faults[i], event.step.margins[i] > 0);
        }
        const int64_t done = trainer.stepsDone();
        focus.stepDone(done);
        if (m_group && o.agreementEvery > 0 && done % o.agreementEvery == 0) {
            trainer.checkAgreement();
        }
        if (listener && lead) {
            listener(event);
        }
        if (o.evalEvery > 0 && done % o.evalEvery == 0 && done < o.steps) {
            if (lead && !quickClips.empty()) {
                const nlohmann::json result = check(quickClips, "quick");
                if (!result.is_null()) {
                    history.push_back(
                        {{"step", done}, {"overall", result["overall"]}, {"families", result["families"]}});
                }
            }
            if (m_group) {
                m_group->followLead("rank 0's quick held-out check");
            }
        }
        if (o.pairCheckEvery > 0 && done % o.pairCheckEvery == 0 && done < o.steps) {
            checkPairs(); // nothing where there is no pair check (the other ranks)
            if (m_group) {
                m_group->followLead("rank 0's held-out tile pairs");
            }
        }
        if (m_group ? stopAll : stop.load()) {
            if (next.valid()) {
                next.wait();
            }
            writeCheckpoint("stopped", true);
            return false;
        }
        if (done % std::max(1, o.checkpointEvery) == 0 && done < o.steps) {
            writeCheckpoint("periodic", true);
        }
    }
    if (!lead) {
        return true; // rank 0 checks the judge and writes the last checkpoint alone
    }
    const bool endedNow = !history.empty() && history.back().contains("pairs") &&
                          history.back()["step"].get<int64_t>() == trainer.stepsDone();
    if (!endedNow && o.pairCheckEvery > 0) {
        checkPairs(); // a resumed run that was stopped after its last steps has it already
    }
    if (o.finalCheck && !checkClips.empty()) {
        metrics = check(finalClips, "final");
        if (metrics.is_null()) {
            metrics = nlohmann::json::object();
            writeCheckpoint("stopped before the final check", false);
            return false;
        }
    }
    writeCheckpoint("final", false);
    say(PretrainEventKind::Finished, {{"step", trainer.stepsDone()}}, "done");
    return true;
}

std::vector<std::string> heldOutSourcesOf(const std::string& checkpoint) {
    const nlohmann::json sidecar = nlohmann::json::parse(model::Judge::readCheckpointInfo(checkpoint).sidecarJson);
    const nlohmann::json held = sidecar.contains("data")
                                    ? sidecar["data"].value("heldout_sources", nlohmann::json::array())
                                    : nlohmann::json::array();
    std::vector<std::string> sources;
    for (const auto& source : held) {
        sources.push_back(source.get<std::string>());
    }
    return sources;
}

} // namespace svj::training
