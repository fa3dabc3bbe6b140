// `svj finetune`: stage 2 on pairwise human labels from a preference file. Wiring only: annotation/ reads
// the labels, media/ decodes each video once into the windows the judge sees, model/'s Stage2Trainer
// trains and model/'s metrics score the held-out pairs after every epoch.
#include "annotation/import_error.h"
#include "annotation/label_store.h"
#include "annotation/preference_file.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/preference_figures.h"
#include "app/cli/progress.h"
#include "app/cli/qt_application.h"
#include "app/cli/training_run.h"
#include "media/clip_sampler.h"
#include "media/media_error.h"
#include "media/video_reader.h"
#include "model/checkpoint_set.h"
#include "model/default_judge.h"
#include "model/json_text.h"
#include "model/judge.h"
#include "model/model_error.h"
#include "model/stage2_trainer.h"
#include "training/video_judging.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>

namespace svj::cli {
namespace {

model::PairVerdict toPairVerdict(annotation::Verdict verdict) {
    switch (verdict) {
    case annotation::Verdict::A:
        return model::PairVerdict::A;
    case annotation::Verdict::B:
        return model::PairVerdict::B;
    case annotation::Verdict::Tie:
    case annotation::Verdict::BothBad: // neither is preferred: for the preference model, a tie
        break;
    }
    return model::PairVerdict::Tie;
}

// The judge's view of one video: its windows, decoded once, and its index in the trainer.
struct VideoEntry {
    std::string path;
    int trainerIndex = -1;
    std::vector<model::TrainingClip> windows;
};

struct Split {
    std::vector<size_t> train; // indices into the file's pairs
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

} // namespace

int runFinetune(const Arguments& arguments) {
    CommandLine commandLine(
        "finetune",
        {{"pairs", "FILE", "the labelled pairs (A / B / tie / both-bad, optional per-aspect verdicts)"},
         {"db", "WORKSPACE", "the standing labels of a workspace instead of a file"},
         {"format", "NAME", kPreferenceFormatsHelp, "jsonl"},
         {"from", "CKPT", "the judge to start from (default: the shipped one)"},
         {"out", "CKPT", "where to write the fine-tuned judge (.safetensors)"},
         {"aspects", "A,B,...", "the aspect head's aspects (default: those the file rates, else 'overall')"},
         {"epochs", "N", "passes over the training pairs", "4"},
         {"batch", "N", "pairs per step", "8"},
         {"lr", "X", "peak learning rate (auto: 0.003 for tiny and small, 0.0001 for cogvideox-2b)", "auto"},
         {"warmup", "N", "warm-up steps", "10"},
         {"aspect-weight", "X", "weight of the per-aspect preference loss", "0.5"},
         {"holdout", "FRACTION", "pairs held out and scored after every epoch", "0.2"},
         {"seed", "N", "seed of everything random", "1"},
         {"threads", "N", "CPU threads (0 = one per core)", "0"},
         {"device", "NAME", "cpu or cuda", "cpu"},
         {"resume", "", "continue the run that wrote --out"},
         {"progress", "MODE", "bar, json or none", "bar"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj finetune --pairs FILE [--format NAME] | --db WORKSPACE [--from CKPT] --out CKPT "
                     "[options]\n\n"
                     "Stage 2 of GT-SVJ: fine-tunes a judge on pairwise human labels. The stage-1 LoRA keeps\n"
                     "training, a new aspect head scores each aspect and sums them into a reward, and a\n"
                     "Bradley-Terry model with ties (Davidson) fits the verdicts; both-bad counts as a tie. Each\n"
                     "video is decoded once. Part of the pairs is held out and scored after every epoch: accuracy\n"
                     "with ties (threshold swept) and without ties, overall and per aspect. Ctrl-C finishes the\n"
                     "step, writes a checkpoint and stops; --resume continues exactly where it stopped.\n"
                     "With --db the labels are a workspace's standing labels (`svj db`), one training pair each.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::optional<std::string> db = commandLine.value("db");
    const std::optional<std::string> pairsFile = db ? db : commandLine.value("pairs");
    const std::optional<std::string> out = commandLine.value("out");
    if (!pairsFile || !out || (db && commandLine.value("pairs"))) {
        throw UsageError("finetune needs --pairs FILE or --db WORKSPACE (one of them), and --out CKPT");
    }
    const std::optional<annotation::PreferenceFormat> format =
        annotation::parsePreferenceFormat(QString::fromStdString(commandLine.valueOr("format", "jsonl")));
    if (!format) {
        throw UsageError("unknown --format '" + commandLine.valueOr("format", "") + "'");
    }
    const ProgressMode mode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    const bool resume = commandLine.flag("resume");
    const int epochs = commandLine.intValue("epochs", 4);
    model::Stage2Options options;
    options.batchSize = commandLine.intValue("batch", 8);
    const bool autoRate = commandLine.valueOr("lr", "auto") == "auto";
    options.learningRate = autoRate ? 1.0 : commandLine.doubleValue("lr", 1.0); // auto: set once the judge is known
    options.warmupSteps = commandLine.intValue("warmup", 10);
    options.aspectWeight = commandLine.doubleValue("aspect-weight", 0.5);
    options.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    const double holdout = commandLine.doubleValue("holdout", 0.2);
    if (epochs < 1 || options.batchSize < 1 || !(options.learningRate > 0) || options.warmupSteps < 0 ||
        options.aspectWeight < 0) {
        throw UsageError("--epochs, --batch and --lr must be positive, --warmup and --aspect-weight not negative");
    }
    if (!(holdout >= 0 && holdout < 1)) {
        throw UsageError("--holdout must be in [0, 1)");
    }
    model::JudgeOptions judgeOptions;
    judgeOptions.threads = commandLine.intValue("threads", 0);
    judgeOptions.device = commandLine.valueOr("device", "cpu");
    judgeOptions.seed = options.seed;

    // The labels, and every video they name, before anything is trained.
    annotation::PreferenceFile file;
    const auto application = ensureQtApplication();
    try {
        if (db) {
            annotation::Workspace workspace = annotation::Workspace::open(QString::fromStdString(*db), true);
            file = annotation::workspacePreferences(annotation::LabelStore(workspace));
            file.path = QString::fromStdString(*db);
        } else {
            file = annotation::readPreferenceFile(QString::fromStdString(*pairsFile), *format);
            for (const QString& note : file.notes) {
                printNote(note.toStdString());
            }
        }
    } catch (const annotation::ImportError& error) {
        printError(error.what());
        return kExitBadInput;
    } catch (const annotation::WorkspaceError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    // Where a pair comes from, for messages: FILE:LINE, or the workspace.
    const auto where = [&](const annotation::PreferencePair& pair) {
        return pair.line > 0 ? *pairsFile + ":" + std::to_string(pair.line) + ": " : *pairsFile + ": ";
    };
    if (file.pairs.empty()) {
        printError(*pairsFile + ": no labelled pairs");
        return kExitBadInput;
    }
    for (const annotation::PreferencePair& pair : file.pairs) {
        for (const QString& video : {pair.videoA, pair.videoB}) {
            if (!QFileInfo::exists(video)) {
                printError(where(pair) + video.toStdString() + " does not exist");
                return kExitBadInput;
            }
        }
    }
    std::vector<std::string> aspects;
    if (commandLine.value("aspects")) {
        std::string name;
        for (const char c : *commandLine.value("aspects") + ",") {
            if (c != ',') {
                name += c;
            } else if (!name.empty()) {
                aspects.push_back(name);
                name.clear();
            }
        }
    } else {
        for (const QString& name : file.aspectNames) {
            aspects.push_back(name.toStdString());
        }
    }
    if (aspects.empty()) {
        aspects = {"overall"};
    }

    std::string from;
    try {
        from = commandLine.value("from") ? *commandLine.value("from") : model::defaultJudgePath();
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    const nlohmann::json settings = {{db ? "db" : "pairs", *pairsFile},
                                     {"format", commandLine.valueOr("format", "jsonl")},
                                     {"from", from},
                                     {"aspects", aspects},
                                     {"epochs", epochs},
                                     {"batch", options.batchSize},
                                     {"lr", commandLine.valueOr("lr", "auto")},
                                     {"warmup", options.warmupSteps},
                                     {"aspect_weight", options.aspectWeight},
                                     {"holdout", holdout},
                                     {"seed", options.seed}};
    std::optional<model::Judge> judge;
    std::string statePath; // the training state a resume continues from
    nlohmann::json metrics = {{"epochs", nlohmann::json::array()}};
    try {
        if (resume) {
            statePath = model::stateOfCheckpoint(*out); // throws naming what is missing or mixed
            const nlohmann::json sidecar = nlohmann::json::parse(model::Judge::readCheckpointInfo(*out).sidecarJson);
            if (sidecar.value("training", nlohmann::json()) != settings) {
                printError(*out + ": the run that wrote it used other settings (" +
                           svj::model::jsonText(sidecar.value("training", nlohmann::json())) +
                           "); resume with the same options");
                return kExitBadInput;
            }
            metrics = sidecar.value("metrics", metrics);
            judge.emplace(model::Judge::loadForFineTune(*out, aspects, judgeOptions));
        } else {
            if (std::filesystem::exists(*out)) {
                printError(*out + " exists; choose another --out, delete it, or add --resume to continue its run");
                return kExitBadInput;
            }
            judge.emplace(model::Judge::loadForFineTune(from, aspects, judgeOptions));
        }
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    const model::JudgeConfig& config = judge->config();
    if (autoRate) {
        // The small presets' heads and LoRA learn from scratch-sized steps; the 2B LoRA wants the usual 1e-4.
        options.learningRate = config.preset == "cogvideox-2b" ? 1e-4 : 3e-3;
    }

    // Every video once, as the windows `svj score` would show the judge.
    const Split split = splitPairs(static_cast<size_t>(file.pairs.size()), holdout, options.seed);
    std::map<std::string, VideoEntry> videos;
    Progress loading(mode, "decode", static_cast<int64_t>(file.pairs.size()));
    int64_t pairsRead = 0;
    for (const annotation::PreferencePair& pair : file.pairs) {
        for (const QString& video : {pair.videoA, pair.videoB}) {
            const std::string path = video.toStdString();
            if (videos.count(path) != 0) {
                continue;
            }
            try {
                VideoEntry entry;
                entry.path = path;
                entry.windows = training::judgeWindows(path, config);
                videos.emplace(path, std::move(entry));
            } catch (const media::MediaError& error) {
                loading.finish();
                printError(where(pair) + error.what());
                return kExitBadInput;
            }
        }
        loading.update(++pairsRead);
    }
    loading.finish();

    const auto aspectVerdicts = [&](const annotation::PreferencePair& pair) {
        std::vector<int8_t> verdicts(aspects.size(), -1);
        for (size_t k = 0; k < aspects.size(); ++k) {
            const auto it = pair.aspects.find(QString::fromStdString(aspects[k]));
            if (it != pair.aspects.end()) {
                verdicts[k] = static_cast<int8_t>(toPairVerdict(it.value()));
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
            const annotation::PreferencePair& pair = file.pairs[static_cast<qsizetype>(index)];
            const std::string a = pair.videoA.toStdString();
            const std::string b = pair.videoB.toStdString();
            for (const std::string& path : {a, b}) {
                if (scores.count(path) == 0) {
                    scores[path] = scoreWindows(*judge, videos[path].windows);
                }
            }
            overall.push_back({annotation::preferenceSign(pair.verdict), scores[a].preference - scores[b].preference});
            const std::vector<int8_t> verdicts = aspectVerdicts(pair);
            for (size_t k = 0; k < aspects.size(); ++k) {
                const auto it = pair.aspects.find(QString::fromStdString(aspects[k]));
                if (it == pair.aspects.end()) {
                    continue;
                }
                const bool own = k < scores[a].aspects.size();
                const double margin =
                    own ? scores[a].aspects[k] - scores[b].aspects[k] : scores[a].preference - scores[b].preference;
                perAspect[aspects[k]].push_back({annotation::preferenceSign(it.value()), margin});
            }
        }
        nlohmann::json result = {{"overall", preferenceFigures(overall)}, {"aspects", nlohmann::json::object()}};
        for (const auto& [name, outcomes] : perAspect) {
            result["aspects"][name] = preferenceFigures(outcomes);
        }
        return result;
    };

    const auto batch = static_cast<size_t>(options.batchSize);
    const auto stepsPerEpoch = static_cast<int64_t>((split.train.size() + batch - 1) / batch);
    options.totalSteps = static_cast<int>(epochs * stepsPerEpoch);
    Progress progress(mode, "finetune", options.totalSteps, options.batchSize);
    progress.event("data",
                   {{"pairs", file.pairs.size()},
                    {"train_pairs", split.train.size()},
                    {"heldout_pairs", split.heldOut.size()},
                    {"videos", videos.size()},
                    {"aspects", aspects},
                    {"steps", options.totalSteps}},
                   "fine-tuning on " + std::to_string(split.train.size()) + " pairs (" + std::to_string(videos.size()) +
                       " videos), " + std::to_string(split.heldOut.size()) + " held out; " + std::to_string(epochs) +
                       " epochs of " + std::to_string(stepsPerEpoch) + " steps");
    if (!resume && !split.heldOut.empty()) {
        // Before any step: the starting judge as it is (its energy, or its reward when it is already stage 2).
        metrics["before"] = evaluate();
        progress.event("eval", {{"epoch", 0}, {"heldout", metrics["before"]}},
                       "before fine-tuning, held-out " + describeFigures("overall", metrics["before"]["overall"]));
    }

    model::Stage2Trainer trainer(*judge, options);
    std::set<std::string> heldOutVideos;
    for (const size_t index : split.heldOut) {
        heldOutVideos.insert(file.pairs[static_cast<qsizetype>(index)].videoA.toStdString());
        heldOutVideos.insert(file.pairs[static_cast<qsizetype>(index)].videoB.toStdString());
    }
    for (auto& [path, entry] : videos) {
        // The trainer keeps its own copy; only the held-out check needs the windows here afterwards.
        entry.trainerIndex =
            heldOutVideos.count(path) ? trainer.addVideo(entry.windows) : trainer.addVideo(std::move(entry.windows));
    }
    for (const size_t index : split.train) {
        const annotation::PreferencePair& pair = file.pairs[static_cast<qsizetype>(index)];
        trainer.addPair({videos[pair.videoA.toStdString()].trainerIndex, videos[pair.videoB.toStdString()].trainerIndex,
                         toPairVerdict(pair.verdict), aspectVerdicts(pair)});
    }
    if (resume) {
        try {
            trainer.loadState(statePath);
        } catch (const model::ModelError& error) {
            printError(error.what());
            return kExitBadInput;
        }
    }

    const auto writeCheckpoint = [&](const std::string& why) {
        const nlohmann::json sidecar = {
            {"stage", 2},
            {"parent", from},
            {"steps", trainer.stepsDone()},
            {"epochs_done", static_cast<double>(trainer.stepsDone()) / static_cast<double>(stepsPerEpoch)},
            {"training", settings},
            {"command", joinedCommand("finetune", arguments)},
            {"data",
             {{"pairs_file", *pairsFile},
              {"train_pairs", split.train.size()},
              {"heldout_pairs", split.heldOut.size()},
              {"videos", videos.size()}}},
            {"metrics", metrics}};
        model::saveCheckpointSet(
            *out, trainer.stepsDone(),
            [&](const std::string& path, const std::string& generation) {
                trainer.saveState(path, {{"generation", generation}});
            },
            [&](const std::string& generation) {
                nlohmann::json fields = sidecar;
                fields["generation"] = generation;
                judge->save(*out, svj::model::jsonText(fields));
            });
        progress.event("checkpoint", {{"path", *out}, {"step", trainer.stepsDone()}, {"why", why}},
                       "checkpoint (" + why + ", step " + std::to_string(trainer.stepsDone()) + ") -> " + *out);
    };

    installStopRequest();
    double epochLoss = 0.0;
    int64_t epochSteps = 0;
    while (trainer.stepsDone() < options.totalSteps) {
        const model::Stage2Step step = trainer.step();
        epochLoss += step.preferenceLoss;
        ++epochSteps;
        progress.update(step.step, {{"loss", step.loss},
                                    {"preference_loss", step.preferenceLoss},
                                    {"aspect_loss", step.aspectLoss},
                                    {"lr", step.learningRate},
                                    {"tie_strength", step.tieStrength},
                                    {"epoch", step.epoch + 1}});
        const bool epochEnd = step.step % stepsPerEpoch == 0;
        if (epochEnd) {
            nlohmann::json record = {{"epoch", step.step / stepsPerEpoch}, {"step", step.step}};
            // A resumed epoch's mean covers its steps since the resume.
            record["train_preference_loss"] = epochLoss / static_cast<double>(std::max<int64_t>(1, epochSteps));
            epochLoss = 0.0;
            epochSteps = 0;
            char loss[32];
            std::snprintf(loss, sizeof loss, "%.4f", record["train_preference_loss"].get<double>());
            std::string text = "epoch " + std::to_string(step.step / stepsPerEpoch) + " of " + std::to_string(epochs) +
                               ": training loss " + loss;
            if (!split.heldOut.empty()) {
                record["heldout"] = evaluate();
                text += ", held-out " + describeFigures("overall", record["heldout"]["overall"]);
            }
            metrics["epochs"].push_back(record);
            progress.event("eval", record, text);
        }
        if (stopRequested()) {
            writeCheckpoint(std::string("stopped by ") + stopSignalName());
            progress.finish();
            std::cerr << "stopped at step " << trainer.stepsDone() << " of " << options.totalSteps
                      << "; continue with the same command and --resume\n";
            return kExitOk;
        }
        if (epochEnd) {
            writeCheckpoint(step.step < options.totalSteps ? "epoch" : "final");
        }
    }
    if (!metrics["epochs"].empty() && metrics["epochs"].back().contains("heldout")) {
        const nlohmann::json& last = metrics["epochs"].back()["heldout"];
        std::string text = "held-out pairs after fine-tuning:\n  " + describeFigures("overall", last["overall"]);
        for (const auto& [name, figures] : last["aspects"].items()) {
            text += "\n  " + describeFigures(name, figures);
        }
        progress.event("summary", last, text);
    }
    progress.finish();
    return kExitOk;
}

} // namespace svj::cli
