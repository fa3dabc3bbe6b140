#include "training/finetune_run.h"

#include "media/media_error.h"
#include "model/checkpoint_set.h"
#include "model/json_text.h"
#include "model/model_error.h"
#include "training/preference_figures.h"
#include "training/run_events.h"
#include "training/video_judging.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>

namespace svj::training {
namespace {

int preferenceSign(model::PairVerdict verdict) {
    return verdict == model::PairVerdict::A ? 1 : verdict == model::PairVerdict::B ? -1 : 0;
}

// The judge's view of one video: its windows, decoded once, and its index in the trainer.
struct VideoEntry {
    int trainerIndex = -1;
    std::vector<model::TrainingClip> windows;
};

struct Split {
    std::vector<size_t> train; // indices into the pairs
    std::vector<size_t> heldOut;
};

// A seeded split by pair: a resumed run holds out the same pairs.
Split splitPairs(size_t count, double fraction, uint64_t seed) {
    std::vector<size_t> order(count);
    for (size_t i = 0; i < count; ++i) {
        order[i] = i;
    }
    std::mt19937_64 random(seed);
    for (size_t i = count; i > 1; --i) {
        std::swap(order[i - 1], order[static_cast<size_t>(random() % i)]);
    }
    size_t held = 0;
    if (fraction > 0 && count >= 5) {
        held =
            std::clamp<size_t>(static_cast<size_t>(std::lround(fraction * static_cast<double>(count))), 1, count - 1);
    }
    Split split;
    split.heldOut.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(held));
    split.train.assign(order.begin() + static_cast<std::ptrdiff_t>(held), order.end());
    std::sort(split.heldOut.begin(), split.heldOut.end());
    std::sort(split.train.begin(), split.train.end());
    return split;
}

// Mean reward and aspect scores over a video's windows (stage 2), or minus the mean energy before it.
struct WindowScores {
    double preference = 0.0;
    std::vector<double> aspects;
};

WindowScores scoreWindows(model::Judge& judge, const std::vector<model::TrainingClip>& windows) {
    WindowScores result;
    for (const model::TrainingClip& window : windows) {
        const model::ScoreResult score = judge.score({window.rgb.data(), window.frames, window.height, window.width});
        const double weight = 1.0 / static_cast<double>(windows.size());
        result.preference += weight * (score.hasAspects ? score.reward : -score.energy);
        result.aspects.resize(score.aspectScores.size(), 0.0);
        for (size_t k = 0; k < score.aspectScores.size(); ++k) {
            result.aspects[k] += weight * score.aspectScores[k];
        }
    }
    return result;
}

// Whether `current` equals its sidecar's `recorded` settings once it takes their draws ("per_pair", or none: one
// stream); if so it takes them and the trainer is told: a resume continues as its run drew, whatever the default
// is now.
bool adoptRecordedDraws(const nlohmann::json& recorded, nlohmann::json& current, bool& drawsPerPair) {
    nlohmann::json adopted = current;
    adopted.erase("draws");
    if (recorded.is_object() && recorded.contains("draws")) {
        adopted["draws"] = recorded["draws"];
    }
    if (recorded != adopted) {
        return false;
    }
    current = adopted;
    drawsPerPair = adopted.contains("draws");
    return true;
}

} // namespace

FinetuneRun::FinetuneRun(FinetuneOptions options)
    : m_options(std::move(options)) {
    if (m_options.aspects.empty()) {
        m_options.aspects = {"overall"};
    }
}

bool FinetuneRun::run(const FinetuneListener& listener, const std::atomic<bool>& stop) {
    const FinetuneOptions& o = m_options;
    const bool lead = !m_group || m_group->rank() == 0;
    const auto say = [&](FinetuneEventKind kind, nlohmann::json fields, std::string text) {
        if (lead) {
            tellListener<FinetuneEvent>(listener, kind, std::move(fields), std::move(text));
        }
    };
    if (o.pairs.empty()) {
        throw FinetuneError(o.pairsSource + ": no labelled pairs");
    }
    for (const LabelledPair& pair : o.pairs) {
        for (const std::string& video : {pair.videoA, pair.videoB}) {
            if (!std::filesystem::exists(video)) {
                throw FinetuneError(pair.where + video + " does not exist");
            }
        }
    }
    std::optional<model::Judge> judge;
    std::string statePath; // the training state a resume continues from
    nlohmann::json metrics = {{"epochs", nlohmann::json::array()}};
    try {
        if (o.resume) {
            statePath = model::stateOfCheckpoint(o.out); // throws naming what is missing or mixed
            const nlohmann::json sidecar = nlohmann::json::parse(model::Judge::readCheckpointInfo(o.out).sidecarJson);
            if (!adoptRecordedDraws(sidecar.value("training", nlohmann::json()), m_options.settings,
                                    m_options.trainer.drawsPerPair)) {
                throw FinetuneError(o.out + ": the run that wrote it used other settings (" +
                                    model::jsonText(sidecar.value("training", nlohmann::json())) +
                                    "); resume with the same options");
            }
            metrics = sidecar.value("metrics", metrics);
            judge.emplace(model::Judge::loadForFineTune(o.out, o.aspects, o.judge));
        } else {
            if (std::filesystem::exists(o.out)) {
                throw FinetuneError(o.out +
                                    " exists; choose another --out, delete it, or add --resume to continue its run");
            }
            judge.emplace(model::Judge::loadForFineTune(o.from, o.aspects, o.judge));
        }
    } catch (const model::ModelError& error) {
        throw FinetuneError(error.what());
    }
    if (m_group && !o.trainer.drawsPerPair) {
        throw FinetuneError("a run over several processes draws its windows per pair; this one draws them from one "
                            "stream (--draws stream): run it in one process");
    }
    if (m_group) {
        m_group->broadcastWeights(*judge);
    }
    model::Stage2Options trainerOptions = o.trainer; // after a resume may have taken the recorded draws
    const model::JudgeConfig& config = judge->config();
    if (o.autoLearningRate) {
        // The small presets' heads and LoRA learn from scratch-sized steps; the 2B LoRA wants the usual 1e-4.
        trainerOptions.learningRate = config.preset == "cogvideox-2b" ? 1e-4 : 3e-3;
    }

    // Every video once, as the windows `svj score` would show the judge.
    const Split split = splitPairs(o.pairs.size(), o.holdout, trainerOptions.seed);
    std::map<std::string, VideoEntry> videos;
    int64_t pairsRead = 0;
    for (const LabelledPair& pair : o.pairs) {
        for (const std::string& path : {pair.videoA, pair.videoB}) {
            if (videos.count(path) != 0) {
                continue;
            }
            try {
                videos[path].windows = judgeWindows(path, config);
            } catch (const media::MediaError& error) {
                throw FinetuneError(pair.where + error.what());
            }
        }
        if (listener && lead) {
            FinetuneEvent event;
            event.kind = FinetuneEventKind::Decode;
            event.done = ++pairsRead;
            event.total = static_cast<int64_t>(o.pairs.size());
            listener(event);
        }
    }

    const auto aspectVerdicts = [&](const LabelledPair& pair) {
        std::vector<int8_t> verdicts(o.aspects.size(), -1);
        for (size_t k = 0; k < o.aspects.size(); ++k) {
            const auto it = pair.aspects.find(o.aspects[k]);
            if (it != pair.aspects.end()) {
                verdicts[k] = static_cast<int8_t>(it->second);
            }
        }
        return verdicts;
    };

    // The held-out check: every held-out video scored, then accuracy over the held-out pairs.
    const auto evaluate = [&]() {
        std::map<std::string, WindowScores> scores;
        std::vector<model::PairOutcome> overall;
        std::map<std::string, std::vector<model::PairOutcome>> perAspect;
        for (const size_t index : split.heldOut) {
            const LabelledPair& pair = o.pairs[index];
            for (const std::string& path : {pair.videoA, pair.videoB}) {
                if (scores.count(path) == 0) {
                    scores[path] = scoreWindows(*judge, videos[path].windows);
                }
            }
            const WindowScores& a = scores[pair.videoA];
            const WindowScores& b = scores[pair.videoB];
            overall.push_back({preferenceSign(pair.verdict), a.preference - b.preference});
            for (size_t k = 0; k < o.aspects.size(); ++k) {
                const auto it = pair.aspects.find(o.aspects[k]);
                if (it == pair.aspects.end()) {
                    continue;
                }
                const bool own = k < a.aspects.size();
                const double margin = own ? a.aspects[k] - b.aspects[k] : a.preference - b.preference;
                perAspect[o.aspects[k]].push_back({preferenceSign(it->second), margin});
            }
        }
        nlohmann::json result = {{"overall", preferenceFigures(overall)}, {"aspects", nlohmann::json::object()}};
        for (const auto& [name, outcomes] : perAspect) {
            result["aspects"][name] = preferenceFigures(outcomes);
        }
        return result;
    };

    const auto batch = static_cast<size_t>(trainerOptions.batchSize);
    const auto stepsPerEpoch = static_cast<int64_t>((split.train.size() + batch - 1) / batch);
    trainerOptions.totalSteps = static_cast<int>(o.epochs * stepsPerEpoch);
    m_totalSteps = trainerOptions.totalSteps;
    say(FinetuneEventKind::Data,
        {{"pairs", o.pairs.size()},
         {"train_pairs", split.train.size()},
         {"heldout_pairs", split.heldOut.size()},
         {"videos", videos.size()},
         {"aspects", o.aspects},
         {"steps", trainerOptions.totalSteps}},
        "fine-tuning on " + std::to_string(split.train.size()) + " pairs (" + std::to_string(videos.size()) +
            " videos), " + std::to_string(split.heldOut.size()) + " held out; " + std::to_string(o.epochs) +
            " epochs of " + std::to_string(stepsPerEpoch) + " steps");
    if (lead && !o.resume && !split.heldOut.empty()) {
        // Before any step: the starting judge as it is (its energy, or its reward when it is already stage 2).
        metrics["before"] = evaluate();
        say(FinetuneEventKind::Eval, {{"epoch", 0}, {"heldout", metrics["before"]}},
            "before fine-tuning, held-out " + describeFigures("overall", metrics["before"]["overall"]));
    }
    if (m_group && !o.resume && !split.heldOut.empty()) {
        m_group->followLead("rank 0's held-out check before training");
    }

    model::Stage2Trainer trainer(*judge, trainerOptions);
    if (m_group) {
        trainer.distribute(*m_group, o.bucketBytes);
    }
    std::set<std::string> heldOutVideos;
    for (const size_t index : split.heldOut) {
        heldOutVideos.insert(o.pairs[index].videoA);
        heldOutVideos.insert(o.pairs[index].videoB);
    }
    for (auto& [path, entry] : videos) {
        // The trainer keeps its own copy; only the held-out check needs the windows here afterwards.
        entry.trainerIndex =
            heldOutVideos.count(path) ? trainer.addVideo(entry.windows) : trainer.addVideo(std::move(entry.windows));
    }
    for (const size_t index : split.train) {
        const LabelledPair& pair = o.pairs[index];
        trainer.addPair(
            {videos[pair.videoA].trainerIndex, videos[pair.videoB].trainerIndex, pair.verdict, aspectVerdicts(pair)});
    }
    if (o.resume) {
        try {
            trainer.loadState(statePath);
        } catch (const model::ModelError& error) {
            throw FinetuneError(error.what());
        }
    }
    m_stepsDone = trainer.stepsDone();

    // Rank 0 writes; the other ranks wait at the barrier until the files are in place.
    const auto writeCheckpoint = [&](const std::string& why) {
        if (!lead) {
            m_group->barrier("the checkpoint's barrier");
            return;
        }
        const nlohmann::json sidecar = {
            {"stage", 2},
            {"parent", o.from},
            {"steps", trainer.stepsDone()},
            {"epochs_done", static_cast<double>(trainer.stepsDone()) / static_cast<double>(stepsPerEpoch)},
            {"training", o.settings},
            {"command", o.command},
            {"data",
             {{"pairs_file", o.pairsSource},
              {"train_pairs", split.train.size()},
              {"heldout_pairs", split.heldOut.size()},
              {"videos", videos.size()}}},
            {"metrics", metrics}};
        model::saveCheckpointSet(
            o.out, trainer.stepsDone(),
            [&](const std::string& path, const std::string& generation) {
                trainer.saveState(path, {{"generation", generation}});
            },
            [&](const std::string& generation) {
                nlohmann::json fields = sidecar;
                fields["generation"] = generation;
                judge->save(o.out, model::jsonText(fields));
            });
        say(FinetuneEventKind::Checkpoint, {{"path", o.out}, {"step", trainer.stepsDone()}, {"why", why}},
            "checkpoint (" + why + ", step " + std::to_string(trainer.stepsDone()) + ") -> " + o.out);
        if (m_group) {
            m_group->barrier("the checkpoint's barrier");
        }
    };

    double epochLoss = 0.0;
    int64_t epochSteps = 0;
    while (trainer.stepsDone() < trainerOptions.totalSteps) {
        const model::Stage2Step step = trainer.step();
        m_stepsDone = step.step;
        epochLoss += step.preferenceLoss;
        ++epochSteps;
        if (listener && lead) {
            FinetuneEvent event;
            event.kind = FinetuneEventKind::Step;
            event.step = step;
            listener(event);
        }
        // A stop asked on any rank stops every rank after this step.
        const bool stopAll =
            m_group ? m_group->sum({stop.load() ? 1.0 : 0.0}, "the stop request's all-reduce")[0] > 0 : stop.load();
        if (m_group && o.agreementEvery > 0 && step.step % o.agreementEvery == 0) {
            trainer.checkAgreement();
        }
        const bool epochEnd = step.step % stepsPerEpoch == 0;
        if (epochEnd && lead) {
            nlohmann::json record = {{"epoch", step.step / stepsPerEpoch}, {"step", step.step}};
            // A resumed epoch's mean covers its steps since the resume.
            record["train_preference_loss"] = epochLoss / static_cast<double>(std::max<int64_t>(1, epochSteps));
            epochLoss = 0.0;
            epochSteps = 0;
            char loss[32];
            std::snprintf(loss, sizeof loss, "%.4f", record["train_preference_loss"].get<double>());
            std::string text = "epoch " + std::to_string(step.step / stepsPerEpoch) + " of " +
                               std::to_string(o.epochs) + ": training loss " + loss;
            if (!split.heldOut.empty()) {
                record["heldout"] = evaluate();
                text += ", held-out " + describeFigures("overall", record["heldout"]["overall"]);
            }
            metrics["epochs"].push_back(record);
            say(FinetuneEventKind::Eval, record, text);
        }
        if (epochEnd && m_group && !split.heldOut.empty()) {
            m_group->followLead("rank 0's held-out check of the epoch");
        }
        if (stopAll) {
            writeCheckpoint("stopped");
            return false;
        }
        if (epochEnd) {
            writeCheckpoint(step.step < trainerOptions.totalSteps ? "epoch" : "final");
        }
    }
    if (!metrics["epochs"].empty() && metrics["epochs"].back().contains("heldout")) {
        const nlohmann::json& last = metrics["epochs"].back()["heldout"];
        std::string text = "held-out pairs after fine-tuning:\n  " + describeFigures("overall", last["overall"]);
        for (const auto& [name, figures] : last["aspects"].items()) {
            text += "\n  " + describeFigures(name, figures);
        }
        say(FinetuneEventKind::Summary, last, text);
    }
    return true;
}

} // namespace svj::training
