// `svj finetune`: stage 2 on pairwise human labels from a preference file or a workspace. Wiring only:
// annotation/ reads the labels, training/'s FinetuneRun does the run, this file maps flags to its options and
// prints its events.
#include "annotation/import_error.h"
#include "annotation/label_store.h"
#include "annotation/preference_file.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress.h"
#include "app/cli/qt_application.h"
#include "app/cli/training_run.h"
#include "model/default_judge.h"
#include "model/model_error.h"
#include "training/finetune_run.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>

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

// The labels as the run takes them; `source` names where they came from in messages ("FILE:LINE: ").
std::vector<training::LabelledPair> labelledPairs(const annotation::PreferenceFile& file, const std::string& source) {
    std::vector<training::LabelledPair> pairs;
    pairs.reserve(static_cast<size_t>(file.pairs.size()));
    for (const annotation::PreferencePair& pair : file.pairs) {
        training::LabelledPair labelled;
        labelled.videoA = pair.videoA.toStdString();
        labelled.videoB = pair.videoB.toStdString();
        labelled.verdict = toPairVerdict(pair.verdict);
        for (auto it = pair.aspects.begin(); it != pair.aspects.end(); ++it) {
            labelled.aspects[it.key().toStdString()] = toPairVerdict(it.value());
        }
        labelled.where = pair.line > 0 ? source + ":" + std::to_string(pair.line) + ": " : source + ": ";
        pairs.push_back(std::move(labelled));
    }
    return pairs;
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
    training::FinetuneOptions run;
    run.epochs = epochs;
    run.holdout = holdout;
    run.trainer = options;
    run.autoLearningRate = autoRate;
    run.resume = resume;
    run.out = *out;
    run.judge.threads = commandLine.intValue("threads", 0);
    run.judge.device = commandLine.valueOr("device", "cpu");
    run.judge.seed = options.seed;
    run.command = joinedCommand("finetune", arguments);
    run.pairsSource = *pairsFile;

    // The labels, before anything is loaded or trained.
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
    run.pairs = labelledPairs(file, *pairsFile);
    if (commandLine.value("aspects")) {
        run.aspects = splitCommaList(*commandLine.value("aspects"));
    } else {
        for (const QString& name : file.aspectNames) {
            run.aspects.push_back(name.toStdString());
        }
    }
    if (run.aspects.empty()) {
        run.aspects = {"overall"};
    }
    try {
        run.from = commandLine.value("from") ? *commandLine.value("from") : model::defaultJudgePath();
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    run.settings = {{db ? "db" : "pairs", *pairsFile},
                    {"format", commandLine.valueOr("format", "jsonl")},
                    {"from", run.from},
                    {"aspects", run.aspects},
                    {"epochs", epochs},
                    {"batch", options.batchSize},
                    {"lr", commandLine.valueOr("lr", "auto")},
                    {"warmup", options.warmupSteps},
                    {"aspect_weight", options.aspectWeight},
                    {"holdout", holdout},
                    {"seed", options.seed}};

    std::optional<Progress> loading;
    std::optional<Progress> progress;
    const std::atomic<bool>& stop = installStopRequest();
    training::FinetuneRun finetune(run);
    const auto show = [&](const training::FinetuneEvent& event) {
        using Kind = training::FinetuneEventKind;
        if (event.kind == Kind::Decode) {
            if (!loading) {
                loading.emplace(mode, "decode", event.total);
            }
            loading->update(event.done);
            return;
        }
        if (loading) {
            loading->finish();
            loading.reset();
        }
        if (!progress) {
            progress.emplace(mode, "finetune", finetune.totalSteps(), options.batchSize);
        }
        switch (event.kind) {
        case Kind::Decode:
            break;
        case Kind::Step:
            progress->update(event.step.step, {{"loss", event.step.loss},
                                               {"preference_loss", event.step.preferenceLoss},
                                               {"aspect_loss", event.step.aspectLoss},
                                               {"lr", event.step.learningRate},
                                               {"tie_strength", event.step.tieStrength},
                                               {"epoch", event.step.epoch + 1}});
            break;
        case Kind::Data:
            progress->event(protocol::ProgressEvent::Data, event.fields, event.text);
            break;
        case Kind::Eval:
            progress->event(protocol::ProgressEvent::Eval, event.fields, event.text);
            break;
        case Kind::Checkpoint: {
            nlohmann::json fields = event.fields;
            std::string text = event.text;
            if (fields.value("why", std::string()) == "stopped") {
                // The run knows it was asked to stop; this side knows by what.
                fields["why"] = std::string("stopped by ") + stopSignalName();
                text = "checkpoint (" + fields["why"].get<std::string>() + ", step " +
                       std::to_string(fields.value("step", 0)) + ") -> " + *out;
            }
            progress->event(protocol::ProgressEvent::Checkpoint, fields, text);
            break;
        }
        case Kind::Summary:
            progress->event(protocol::ProgressEvent::Summary, event.fields, event.text);
            break;
        }
    };
    bool finished = false;
    try {
        finished = finetune.run(show, stop);
    } catch (const training::FinetuneError& error) {
        if (loading) {
            loading->finish();
        }
        printError(error.what());
        return kExitBadInput;
    }
    if (progress) {
        progress->finish();
    }
    if (!finished) {
        std::cerr << "stopped at step " << finetune.stepsDone() << " of " << finetune.totalSteps()
                  << "; continue with the same command and --resume\n";
    }
    return kExitOk;
}

} // namespace svj::cli
