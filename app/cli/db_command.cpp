// `svj db`: the label store from the command line: create a workspace, import preference files, label,
// undo, export, check. Wiring only: annotation/ does the work.
#include "annotation/gold_pairs.h"
#include "annotation/import_error.h"
#include "annotation/judge_scores.h"
#include "annotation/label_store.h"
#include "annotation/pairing.h"
#include "annotation/preference_file.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "annotation/workspace_statistics.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/db_actions.h"
#include "app/cli/fault_list.h"
#include "app/cli/progress.h"
#include "app/cli/qt_application.h"
#include "media/media_error.h"
#include "media/video_files.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace svj::cli {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

std::string workspaceArgument(const CommandLine& commandLine, const char* action) {
    if (commandLine.positional().empty()) {
        throw UsageError(std::string("db ") + action + " needs the WORKSPACE (a file, or a postgresql:// URL)");
    }
    return commandLine.positional().front();
}

namespace {

using annotation::Workspace;

int runInit(const Arguments& arguments) {
    CommandLine commandLine("db init", {{"aspects", "A,B,...", "the aspects annotators rate", "VQ,MQ,TA"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db init WORKSPACE [--aspects VQ,MQ,TA]\n\nCreates an empty workspace: a new SQLite "
                     "file, or the tables in an\nempty PostgreSQL database (postgresql://user[:password]@host[:port]/"
                     "database).\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "init");
    Workspace workspace = Workspace::create(qs(path));
    workspace.setAspects(qs(commandLine.valueOr("aspects", "VQ,MQ,TA")).split(QLatin1Char(','), Qt::SkipEmptyParts));
    std::cout << "created " << path << " (schema version " << workspace.schemaVersion() << "; aspects "
              << workspace.aspects().join(QStringLiteral(", ")).toStdString() << ")\n";
    return kExitOk;
}

int runImport(const Arguments& arguments) {
    CommandLine commandLine("db import", {{"pairs", "FILE", "a preference file"},
                                          {"videos", "DIR|MANIFEST",
                                           "videos alone: DIR/MODEL/PROMPT.mp4, or a CSV/JSONL (path, model, prompt)"},
                                          {"format", "NAME", kPreferenceFormatsHelp, "jsonl"},
                                          {"annotator", "NAME", "who the votes are from (default: import:FILE NAME)"},
                                          {"progress", "MODE", "bar, json or none", "bar"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db import WORKSPACE --pairs FILE [--format NAME] [--annotator NAME] | --videos "
                     "DIR|MANIFEST\n\n"
                     "Adds the file's videos (probed, content-hashed), pairs and votes in one transaction: all rows\n"
                     "or none. Importing the same file again adds nothing.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "import");
    const std::optional<std::string> pairs = commandLine.value("pairs");
    const ProgressMode mode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    std::optional<Progress> progress;
    const annotation::ImportProgress onProgress = [&](int done, int total) {
        if (!progress) {
            progress.emplace(mode, "import", total);
        }
        progress->update(done);
    };
    if (const std::optional<std::string> videos = commandLine.value("videos")) {
        Workspace workspace = Workspace::open(qs(path));
        const annotation::VideoImportReport done = annotation::importVideos(workspace, qs(*videos), onProgress);
        if (progress) {
            progress->finish();
        }
        std::cout << *videos << ": " << done.videos << " videos, " << done.newVideos << " new\n";
        return kExitOk;
    }
    if (!pairs) {
        throw UsageError("db import needs --pairs FILE or --videos DIR|MANIFEST");
    }
    const std::optional<annotation::PreferenceFormat> format =
        annotation::parsePreferenceFormat(qs(commandLine.valueOr("format", "jsonl")));
    if (!format) {
        throw UsageError("unknown --format '" + commandLine.valueOr("format", "") + "'");
    }
    const annotation::PreferenceFile file = annotation::readPreferenceFile(qs(*pairs), *format);
    for (const QString& note : file.notes) {
        printNote(note.toStdString());
    }
    Workspace workspace = Workspace::open(qs(path));
    const annotation::ImportReport imported =
        annotation::importPreferenceFile(workspace, file, qs(commandLine.valueOr("annotator", "")), onProgress);
    if (progress) {
        progress->finish();
    }
    const annotation::ImportReport& report = imported;
    std::cout << *pairs << ": " << report.rows << " rows; new: " << report.newVideos << " videos, " << report.newPairs
              << " pairs, " << report.newLabels << " labels; " << report.unchangedLabels << " labels already there\n";
    return kExitOk;
}

int runPairs(const Arguments& arguments) {
    CommandLine commandLine("db pairs", {{"mode", "NAME", "same-prompt, round-robin or uncertain", "same-prompt"},
                                         {"limit", "N", "at most this many new pairs (0: all)", "0"},
                                         {"seed", "N", "seed of the draws", "1"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db pairs WORKSPACE [--mode same-prompt|round-robin|uncertain] [--limit N]\n\n"
                     "Pairs the workspace's videos: the same prompt from different models, every two models in\n"
                     "turn, or the same-prompt pairs the judge is least sure about first (after `svj score --db`).\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "pairs");
    annotation::PairingOptions options;
    const std::string mode = commandLine.valueOr("mode", "same-prompt");
    if (mode == "same-prompt") {
        options.mode = annotation::PairingMode::SamePrompt;
    } else if (mode == "round-robin") {
        options.mode = annotation::PairingMode::RoundRobin;
    } else if (mode == "uncertain") {
        options.mode = annotation::PairingMode::Uncertain;
    } else {
        throw UsageError("unknown --mode '" + mode + "'");
    }
    options.limit = commandLine.intValue("limit", 0);
    options.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    Workspace workspace = Workspace::open(qs(path));
    std::cout << annotation::makePairs(workspace, options) << " new pairs\n";
    return kExitOk;
}

int runGold(const Arguments& arguments) {
    CommandLine commandLine("db gold",
                            {{"videos", "DIR|MANIFEST", "clean footage"},
                             {"out", "FOLDER", "where the clean and broken clips are written"},
                             {"frames", "N", "clips are cut to this many frames", "96"},
                             {"faults", "NAMES", "the faults to use in turn (default: all, a family at a time)"},
                             {"seed", "N", "seed of the faults and sides", "1"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db gold WORKSPACE --videos DIR|MANIFEST --out FOLDER\n\n"
                     "Gold pairs: each clean clip against a copy broken with a known fault (30 faults of five\n"
                     "families: temporal sampling, temporal blending, compression, spatial, photometric; one\n"
                     "family after the other), sides at random; the answer is known, so `svj db stats` reports\n"
                     "each annotator's gold accuracy.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "gold");
    const std::optional<std::string> videos = commandLine.value("videos");
    const std::optional<std::string> out = commandLine.value("out");
    if (!videos || !out) {
        throw UsageError("db gold needs --videos and --out");
    }
    QStringList files;
    for (const std::string& file : media::listVideoFiles(*videos)) {
        files << qs(file);
    }
    annotation::GoldOptions options;
    options.outputFolder = qs(*out);
    options.maxFrames = commandLine.intValue("frames", 96);
    for (const media::VideoFault fault : faultsOption(commandLine, "faults")) {
        options.faults.push_back(static_cast<int>(fault));
    }
    options.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    Workspace workspace = Workspace::open(qs(path));
    const annotation::GoldReport report = annotation::makeGoldPairs(workspace, files, options);
    std::cout << report.pairs << " gold pairs; clips in " << *out << "\n";
    return kExitOk;
}

int runExport(const Arguments& arguments) {
    CommandLine commandLine("db export", {{"format", "NAME", kPreferenceFormatsHelp, "jsonl"},
                                          {"out", "FILE", "where to write (.jsonl / .json: JSON lines, else CSV)"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db export WORKSPACE --format NAME --out FILE\n\nWrites every standing label, one "
                     "row each, in a preference format (atomically).\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "export");
    const std::optional<annotation::PreferenceFormat> format =
        annotation::parsePreferenceFormat(qs(commandLine.valueOr("format", "jsonl")));
    const std::optional<std::string> out = commandLine.value("out");
    if (!format || !out) {
        throw UsageError("db export needs a known --format and --out FILE");
    }
    Workspace workspace = Workspace::open(qs(path), true);
    annotation::LabelStore store(workspace);
    const annotation::PreferenceFile file = annotation::workspacePreferences(store);
    annotation::writePreferenceFile(file, qs(*out), *format);
    std::cout << "wrote " << file.pairs.size() << " labels to " << *out << "\n";
    return kExitOk;
}

int runCheck(const Arguments& arguments) {
    CommandLine commandLine("db check", {});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db check WORKSPACE\n\nRuns SQLite's full integrity check (PostgreSQL: every table is "
                     "there) and counts what is\nthere.\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "check");
    Workspace workspace = Workspace::open(qs(path), true);
    const QString check = workspace.integrityCheck(true);
    annotation::LabelStore store(workspace);
    std::cout << path << ": schema version " << workspace.schemaVersion() << ", integrity " << check.toStdString()
              << "; " << store.videoRows() << " videos, " << store.pairRows() << " pairs, "
              << store.currentLabels().size() << " standing labels (" << store.labelRows() << " label rows), "
              << annotation::judgeScoreRows(workspace) << " judge scores\n";
    return check == QLatin1String("ok") ? kExitOk : kExitFailure;
}

QJsonValue number(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

std::string figure(double value) {
    if (!std::isfinite(value)) {
        return "n/a";
    }
    char text[16];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

int runStats(const Arguments& arguments) {
    CommandLine commandLine("db stats", {{"json", "", "print the figures as one JSON object"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db stats WORKSPACE [--json]\n\n"
                     "Agreement between annotators on the standing labels (A, B, tie and both-bad as categories):\n"
                     "Cohen's kappa for each pair of annotators, Fleiss' kappa, Krippendorff's alpha, overall and per\n"
                     "aspect, with the judge as one more rater where it scored both videos (`svj score --db`); each\n"
                     "annotator's gold accuracy and left-pick rate; a leaderboard of the generators (Bradley-Terry\n"
                     "with ties, 95 % intervals).\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "stats");
    Workspace workspace = Workspace::open(qs(path), true);
    const annotation::WorkspaceStatistics statistics = annotation::computeStatistics(workspace);
    QJsonObject json{{QStringLiteral("pairs"), statistics.pairs},
                     {QStringLiteral("labels"), statistics.labels},
                     {QStringLiteral("judge"), statistics.judge}};
    QJsonArray agreement;
    for (const annotation::AgreementFigures& figures : statistics.agreement) {
        QJsonArray pairs;
        for (const annotation::RaterPairAgreement& pair : figures.pairs) {
            pairs.append(QJsonObject{{QStringLiteral("first"), pair.first},
                                     {QStringLiteral("second"), pair.second},
                                     {QStringLiteral("items"), pair.items},
                                     {QStringLiteral("cohen_kappa"), number(pair.kappa)}});
        }
        agreement.append(QJsonObject{{QStringLiteral("aspect"), figures.aspect},
                                     {QStringLiteral("items"), figures.items},
                                     {QStringLiteral("fleiss_kappa"), number(figures.fleissKappa)},
                                     {QStringLiteral("fleiss_items"), figures.fleissItems},
                                     {QStringLiteral("krippendorff_alpha"), number(figures.krippendorffAlpha)},
                                     {QStringLiteral("cohen"), pairs}});
    }
    json.insert(QStringLiteral("agreement"), agreement);
    QJsonArray annotators;
    for (const annotation::AnnotatorFigures& figures : statistics.annotators) {
        annotators.append(QJsonObject{{QStringLiteral("name"), figures.name},
                                      {QStringLiteral("labels"), figures.labels},
                                      {QStringLiteral("gold_labels"), figures.goldLabels},
                                      {QStringLiteral("gold_accuracy"), number(figures.goldAccuracy)},
                                      {QStringLiteral("left_pick_rate"), number(figures.leftPickRate)},
                                      {QStringLiteral("sided_decisive_labels"), figures.sidedDecisive}});
    }
    json.insert(QStringLiteral("annotators"), annotators);
    QJsonArray leaderboard;
    for (const annotation::GeneratorRank& rank : statistics.leaderboard) {
        leaderboard.append(QJsonObject{{QStringLiteral("model"), rank.model},
                                       {QStringLiteral("score"), rank.entry.score},
                                       {QStringLiteral("low"), number(rank.entry.low)},
                                       {QStringLiteral("high"), number(rank.entry.high)},
                                       {QStringLiteral("comparisons"), rank.entry.comparisons},
                                       {QStringLiteral("wins"), rank.entry.wins},
                                       {QStringLiteral("ties"), rank.entry.ties}});
    }
    json.insert(QStringLiteral("leaderboard"), leaderboard);
    if (commandLine.flag("json")) {
        std::cout << QJsonDocument(json).toJson(QJsonDocument::Compact).toStdString() << "\n";
        return kExitOk;
    }
    std::cout << path << ": " << statistics.pairs << " pairs, " << statistics.labels << " standing labels\n\n";
    for (const annotation::AgreementFigures& figures : statistics.agreement) {
        std::cout << figures.aspect.toStdString() << ": " << figures.items << " pairs rated twice or more; "
                  << "Krippendorff alpha " << figure(figures.krippendorffAlpha) << ", Fleiss kappa "
                  << figure(figures.fleissKappa) << " (" << figures.fleissItems << " pairs)\n";
        for (const annotation::RaterPairAgreement& pair : figures.pairs) {
            std::cout << "  Cohen kappa " << pair.first.toStdString() << " / " << pair.second.toStdString() << ": "
                      << figure(pair.kappa) << " (" << pair.items << " pairs)\n";
        }
    }
    std::cout << "\nannotators:\n";
    for (const annotation::AnnotatorFigures& figures : statistics.annotators) {
        std::cout << "  " << figures.name.toStdString() << ": " << figures.labels << " labels, gold accuracy "
                  << figure(figures.goldAccuracy) << " (" << figures.goldLabels << "), left-pick rate "
                  << figure(figures.leftPickRate) << " (" << figures.sidedDecisive << ")\n";
    }
    if (!statistics.leaderboard.isEmpty()) {
        std::cout << "\ngenerators (Bradley-Terry with ties, tie strength " << figure(statistics.tieStrength) << "):\n";
        for (const annotation::GeneratorRank& rank : statistics.leaderboard) {
            std::cout << "  " << rank.model.toStdString() << "  " << figure(rank.entry.score) << "  ["
                      << figure(rank.entry.low) << ", " << figure(rank.entry.high) << "]  " << rank.entry.wins
                      << " wins, " << rank.entry.ties << " ties in " << rank.entry.comparisons << "\n";
        }
    }
    return kExitOk;
}

} // namespace

int runDb(const Arguments& arguments) {
    static const std::vector<std::pair<std::string, int (*)(const Arguments&)>> actions = {
        {"pairs", runPairs}, {"gold", runGold},     {"assign", runAssign}, {"next", runNext},     {"queue", runQueue},
        {"skip", runSkip},   {"flag", runFlag},     {"init", runInit},     {"import", runImport}, {"label", runLabel},
        {"undo", runUndo},   {"export", runExport}, {"check", runCheck},   {"stats", runStats}};
    if (arguments.empty() || arguments.front() == "--help" || arguments.front() == "-h") {
        std::cout << "Usage: svj db ACTION WORKSPACE [options]\n\n"
                     "The label store. Actions: init, import, pairs, gold, assign, queue,\n"
                     "next, label, undo, skip, flag, export, check, stats ('svj db ACTION --help').\n"
                     "WORKSPACE is an SQLite file, or a PostgreSQL database for a team:\n"
                     "postgresql://user[:password]@host[:port]/database[?sslmode=require].\n";
        return arguments.empty() ? kExitBadInput : kExitOk;
    }
    const auto application = ensureQtApplication();
    for (const auto& [name, run] : actions) {
        if (arguments.front() == name) {
            try {
                return run(Arguments(arguments.begin() + 1, arguments.end()));
            } catch (const annotation::WorkspaceError& error) {
                printError(error.what());
                return kExitBadInput;
            } catch (const annotation::ImportError& error) {
                printError(error.what());
                return kExitBadInput;
            } catch (const media::MediaError& error) {
                printError(error.what());
                return kExitBadInput;
            }
        }
    }
    throw UsageError("unknown db action '" + arguments.front() + "'");
}

} // namespace svj::cli
