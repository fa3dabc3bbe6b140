// `svj db`: the label store from the command line: create a workspace, import preference files, label,
// undo, export, check. Wiring only: annotation/ does the work.
#include "annotation/import_error.h"
#include "annotation/label_store.h"
#include "annotation/preference_file.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/qt_application.h"

#include <iostream>
#include <memory>

namespace svj::cli {
namespace {

using annotation::Workspace;

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

std::string workspaceArgument(const CommandLine& commandLine, const char* action) {
    if (commandLine.positional().empty()) {
        throw UsageError(std::string("db ") + action + " needs the WORKSPACE file");
    }
    return commandLine.positional().front();
}

int runInit(const Arguments& arguments) {
    CommandLine commandLine("db init", {});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db init WORKSPACE\n\nCreates an empty workspace (an SQLite file).\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "init");
    Workspace workspace = Workspace::create(qs(path));
    std::cout << "created " << path << " (schema version " << workspace.schemaVersion() << ")\n";
    return kExitOk;
}

int runImport(const Arguments& arguments) {
    CommandLine commandLine("db import",
                            {{"pairs", "FILE", "a preference file"},
                             {"format", "NAME", "genai-bench, videogen-rewardbench, monetbench, jsonl or csv", "jsonl"},
                             {"annotator", "NAME", "who the votes are from (default: import:FILE NAME)"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db import WORKSPACE --pairs FILE [--format NAME] [--annotator NAME]\n\n"
                     "Adds the file's videos (probed, content-hashed), pairs and votes in one transaction: all rows\n"
                     "or none. Importing the same file again adds nothing.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "import");
    const std::optional<std::string> pairs = commandLine.value("pairs");
    if (!pairs) {
        throw UsageError("db import needs --pairs FILE");
    }
    const std::optional<annotation::PreferenceFormat> format =
        annotation::parsePreferenceFormat(qs(commandLine.valueOr("format", "jsonl")));
    if (!format) {
        throw UsageError("unknown --format '" + commandLine.valueOr("format", "") + "'");
    }
    const annotation::PreferenceFile file = annotation::readPreferenceFile(qs(*pairs), *format);
    Workspace workspace = Workspace::open(qs(path));
    const annotation::ImportReport report =
        annotation::importPreferenceFile(workspace, file, qs(commandLine.valueOr("annotator", "")));
    std::cout << *pairs << ": " << report.rows << " rows; new: " << report.newVideos << " videos, " << report.newPairs
              << " pairs, " << report.newLabels << " labels; " << report.unchangedLabels << " labels already there\n";
    return kExitOk;
}

int runLabel(const Arguments& arguments) {
    CommandLine commandLine("db label", {{"pair", "ID", "the pair"},
                                         {"annotator", "NAME", "who labels"},
                                         {"verdict", "V", "A, B, tie or both-bad"},
                                         {"aspect", "NAME=V,...", "per-aspect verdicts (VQ=A,MQ=tie)"},
                                         {"comment", "TEXT", "a note"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db label WORKSPACE --pair ID --annotator NAME --verdict A|B|tie|both-bad\n\n"
                     "Appends a label (a new one on a pair the annotator labelled before supersedes it) and prints\n"
                     "its id once it is committed.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "label");
    annotation::LabelInput label;
    label.pairId = commandLine.intValue("pair", 0);
    label.annotator = qs(commandLine.valueOr("annotator", ""));
    const std::optional<annotation::Verdict> verdict = annotation::parseVerdict(qs(commandLine.valueOr("verdict", "")));
    if (label.pairId <= 0 || label.annotator.isEmpty() || !verdict) {
        throw UsageError("db label needs --pair ID, --annotator NAME and --verdict A|B|tie|both-bad");
    }
    label.verdict = *verdict;
    for (const QString& item : qs(commandLine.valueOr("aspect", "")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::optional<annotation::Verdict> aspect = annotation::parseVerdict(item.section(QLatin1Char('='), 1));
        if (!item.contains(QLatin1Char('=')) || !aspect) {
            throw UsageError("--aspect takes NAME=VERDICT pairs, got '" + item.toStdString() + "'");
        }
        label.aspects.insert(item.section(QLatin1Char('='), 0, 0).trimmed(), *aspect);
    }
    label.comment = qs(commandLine.valueOr("comment", ""));
    label.source = QStringLiteral("svj db label");
    Workspace workspace = Workspace::open(qs(path));
    annotation::LabelStore store(workspace);
    qint64 id = 0;
    workspace.transaction([&] { id = store.addLabel(label); });
    std::cout << id << std::endl;
    return kExitOk;
}

int runUndo(const Arguments& arguments) {
    CommandLine commandLine("db undo", {{"label", "ID", "the label to take back"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db undo WORKSPACE --label ID\n\nTakes a label back: a new row supersedes it (nothing "
                     "is deleted).\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "undo");
    const int labelId = commandLine.intValue("label", 0);
    if (labelId <= 0) {
        throw UsageError("db undo needs --label ID");
    }
    Workspace workspace = Workspace::open(qs(path));
    annotation::LabelStore store(workspace);
    qint64 id = 0;
    workspace.transaction([&] { id = store.undoLabel(labelId); });
    std::cout << id << std::endl;
    return kExitOk;
}

int runExport(const Arguments& arguments) {
    CommandLine commandLine("db export",
                            {{"format", "NAME", "genai-bench, videogen-rewardbench, monetbench, jsonl or csv", "jsonl"},
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
        std::cout << "Usage: svj db check WORKSPACE\n\nRuns SQLite's full integrity check and counts what is there.\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "check");
    Workspace workspace = Workspace::open(qs(path), true);
    const QString check = workspace.integrityCheck(true);
    annotation::LabelStore store(workspace);
    std::cout << path << ": schema version " << workspace.schemaVersion() << ", integrity " << check.toStdString()
              << "; " << workspace.scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toLongLong() << " videos, "
              << workspace.scalar(QStringLiteral("SELECT COUNT(*) FROM pairs")).toLongLong() << " pairs, "
              << store.currentLabels().size() << " standing labels (" << store.labelRows() << " label rows), "
              << workspace.scalar(QStringLiteral("SELECT COUNT(*) FROM judge_scores")).toLongLong()
              << " judge scores\n";
    return check == QLatin1String("ok") ? kExitOk : kExitFailure;
}

} // namespace

int runDb(const Arguments& arguments) {
    static const std::vector<std::pair<std::string, int (*)(const Arguments&)>> actions = {
        {"init", runInit}, {"import", runImport}, {"label", runLabel},
        {"undo", runUndo}, {"export", runExport}, {"check", runCheck}};
    if (arguments.empty() || arguments.front() == "--help" || arguments.front() == "-h") {
        std::cout << "Usage: svj db ACTION WORKSPACE [options]\n\n"
                     "The label store. Actions: init, import, label, undo, export, check ('svj db ACTION --help').\n";
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
            }
        }
    }
    throw UsageError("unknown db action '" + arguments.front() + "'");
}

} // namespace svj::cli
