#include "app/cli/finetune_options.h"

#include "annotation/label_store.h"
#include "annotation/preference_file.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "app/cli/distributed_option.h"
#include "app/cli/format_option.h"
#include "app/cli/training_run.h"
#include "app/cli/workspace_location.h"
#include "model/default_judge.h"

#include <QString>

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

CommandLine finetuneCommandLine() {
    std::vector<OptionSpec> specs{
        {"pairs", "FILE", "the labelled pairs (A / B / tie / both-bad, optional per-aspect verdicts)"},
        {"db", "WORKSPACE", "the standing labels of a workspace instead of a file"},
        formatOption(),
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
        {"progress", "MODE", "bar, json or none", "bar"}};
    const std::vector<OptionSpec> distributed = distributedOptionSpecs();
    specs.insert(specs.end() - 1, distributed.begin(), distributed.end());
    return CommandLine("finetune", specs);
}

training::FinetuneOptions finetuneOptions(const CommandLine& commandLine, const Arguments& arguments) {
    const std::optional<std::string> db =
        commandLine.value("db") ? std::optional(acceptedLocation(*commandLine.value("db"))) : std::nullopt;
    const std::optional<std::string> pairsFile = db ? db : commandLine.value("pairs");
    const std::optional<std::string> out = commandLine.value("out");
    if (!pairsFile || !out || (db && commandLine.value("pairs"))) {
        throw UsageError("finetune needs --pairs FILE or --db WORKSPACE (one of them), and --out CKPT");
    }
    const annotation::PreferenceFormat format = chosenFormat(commandLine);
    const bool resume = commandLine.flag("resume");
    const int epochs = commandLine.intValue("epochs", 4);
    model::Stage2Options options;
    options.batchSize = commandLine.intValue("batch", 8);
    const bool autoRate = commandLine.valueOr("lr", "auto") == "auto";
    options.learningRate = autoRate ? 1.0 : commandLine.doubleValue("lr", 1.0); // auto: set once the judge is known
    options.warmupSteps = commandLine.intValue("warmup", 10);
    options.aspectWeight = commandLine.doubleValue("aspect-weight", 0.5);
    options.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    options.drawsPerPair = drawsPerPair(commandLine);
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
    run.judge.threads = threadsPerRank(commandLine.intValue("threads", 0));
    run.agreementEvery = commandLine.intValue("agreement-every", run.agreementEvery);
    run.bucketBytes = bucketBytes(commandLine);
    run.judge.device = deviceForRank(commandLine.valueOr("device", "cpu"));
    run.judge.seed = options.seed;
    run.command = joinedCommand("finetune", withoutPasswords(arguments));
    run.pairsSource = *pairsFile;

    // The labels, before anything is loaded or trained.
    annotation::PreferenceFile file;
    if (db) {
        annotation::Workspace workspace = annotation::Workspace::open(QString::fromStdString(*db), true);
        file = annotation::workspacePreferences(annotation::LabelStore(workspace));
        file.path = QString::fromStdString(*db);
    } else {
        file = annotation::readPreferenceFile(QString::fromStdString(*pairsFile), format);
        for (const QString& note : file.notes) {
            printNote(note.toStdString());
        }
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
    run.from = commandLine.value("from") ? *commandLine.value("from") : model::defaultJudgePath();
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
    if (options.drawsPerPair) {
        run.settings["draws"] = "per_pair"; // absent for one stream, as runs before the choice drew
    }
    return run;
}

} // namespace svj::cli
