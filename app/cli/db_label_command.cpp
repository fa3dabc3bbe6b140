// `svj db label` and `undo`: append a label, take one back. Wiring only: annotation/'s LabelStore (and the queue,
// for the side a queued pair was shown on) do the work.
#include "annotation/label_queue.h"
#include "annotation/label_store.h"
#include "annotation/verdict.h"
#include "annotation/workspace.h"
#include "app/cli/db_actions.h"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

namespace svj::cli {

using annotation::Workspace;

int runLabel(const Arguments& arguments) {
    CommandLine commandLine("db label", {{"pair", "ID", "the pair"},
                                         {"annotator", "NAME", "who labels"},
                                         {"verdict", "V", "A, B, tie or both-bad"},
                                         {"aspect", "NAME=V,...", "per-aspect verdicts (VQ=A,MQ=tie)"},
                                         {"comment", "TEXT", "a note"},
                                         {"seconds", "S", "time spent on the item (a labelling tool's own)"},
                                         {"watched", "A,B", "shares of A and B watched before the vote (0..1)"}});
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
    label.secondsSpent = commandLine.doubleValue("seconds", -1.0);
    if (const std::optional<std::string> watched = commandLine.value("watched")) {
        const std::vector<std::string> shares = splitCommaList(*watched);
        const auto share = [&](size_t i) {
            char* end = nullptr;
            const double value = i < shares.size() ? std::strtod(shares[i].c_str(), &end) : -2.0;
            return end != nullptr && *end == '\0' && shares.size() == 2 ? value : -2.0;
        };
        label.watchedA = share(0);
        label.watchedB = share(1);
        if (!(label.watchedA >= 0 && label.watchedA <= 1 && label.watchedB >= 0 && label.watchedB <= 1)) {
            throw UsageError("--watched takes two shares from 0 to 1, A's and B's: 1,0.5");
        }
    }
    label.source = QStringLiteral("svj db label");
    Workspace workspace = Workspace::open(qs(path));
    annotation::LabelStore store(workspace);
    // A pair from the annotator's queue was shown with the side the queue drew: record it.
    if (const auto item = annotation::LabelQueue(workspace).assignmentOf(label.annotator, label.pairId)) {
        label.aOnLeft = item->aOnLeft;
    }
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

} // namespace svj::cli
