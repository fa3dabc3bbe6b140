// `svj db` actions around labelling: assign pairs to annotators, hand out the next item, label, undo, skip,
// flag. Wiring only: annotation/'s LabelQueue and LabelStore do the work.
#include "annotation/label_queue.h"
#include "annotation/label_store.h"
#include "annotation/workspace.h"
#include "app/cli/db_actions.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <iostream>

namespace svj::cli {

using annotation::Workspace;

int runAssign(const Arguments& arguments) {
    CommandLine commandLine("db assign", {{"annotators", "A,B,...", "who labels"},
                                          {"overlap", "K", "annotators per pair", "2"},
                                          {"seed", "N", "seed of the order and the sides", "1"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db assign WORKSPACE --annotators A,B,... [--overlap K]\n\n"
                     "Gives every pair K annotators (never one pair twice to the same person), each annotator's\n"
                     "items in their own random order, each with a random side for A. Pairs added later are\n"
                     "assigned by running it again.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "assign");
    const QStringList annotators =
        qs(commandLine.valueOr("annotators", "")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (annotators.isEmpty()) {
        throw UsageError("db assign needs --annotators A,B,...");
    }
    Workspace workspace = Workspace::open(qs(path));
    const int made = annotation::LabelQueue(workspace).assign(annotators, commandLine.intValue("overlap", 2),
                                                              static_cast<uint64_t>(commandLine.intValue("seed", 1)));
    std::cout << made << " new assignments\n";
    return kExitOk;
}

int runNext(const Arguments& arguments) {
    CommandLine commandLine("db next", {{"annotator", "NAME", "whose queue"}, {"json", "", "print one JSON object"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db next WORKSPACE --annotator NAME [--json]\n\nThe annotator's next pair: the "
                     "videos as they are to be shown (left, right) and the pair id to label.\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "next");
    const QString annotator = qs(commandLine.valueOr("annotator", ""));
    if (annotator.isEmpty()) {
        throw UsageError("db next needs --annotator NAME");
    }
    Workspace workspace = Workspace::open(qs(path), true);
    annotation::LabelQueue queue(workspace);
    const std::optional<annotation::QueueItem> item = queue.next(annotator);
    const annotation::QueueProgress progress = queue.progress(annotator);
    if (!item) {
        std::cout << (commandLine.flag("json") ? "{\"done\": true}" : "nothing left") << "\n";
        return kExitOk;
    }
    const annotation::StoredPair pair = *annotation::LabelStore(workspace).pair(item->pairId);
    const QString left = item->aOnLeft ? pair.videoA.path : pair.videoB.path;
    const QString right = item->aOnLeft ? pair.videoB.path : pair.videoA.path;
    if (commandLine.flag("json")) {
        const QJsonObject object{{QStringLiteral("pair"), pair.id},
                                 {QStringLiteral("assignment"), item->assignment},
                                 {QStringLiteral("left"), left},
                                 {QStringLiteral("right"), right},
                                 {QStringLiteral("a_on_left"), item->aOnLeft},
                                 {QStringLiteral("prompt"), pair.prompt},
                                 {QStringLiteral("open"), progress.open},
                                 {QStringLiteral("labelled"), progress.labelled}};
        std::cout << QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString() << "\n";
    } else {
        std::cout << "pair " << pair.id << " (assignment " << item->assignment << "; " << progress.open << " open, "
                  << progress.labelled << " labelled)\n  left:  " << left.toStdString()
                  << "\n  right: " << right.toStdString() << "\n  (A is the " << (item->aOnLeft ? "left" : "right")
                  << " one)\n";
    }
    return kExitOk;
}

int runQueue(const Arguments& arguments) {
    CommandLine commandLine("db queue", {{"annotator", "NAME", "only this annotator's queue"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db queue WORKSPACE [--annotator NAME]\n\nWhere each annotator's queue stands: "
                     "assigned, labelled, open, skipped, flagged.\n(Fill queues with 'svj db assign', take items "
                     "with 'svj db next'.)\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "queue");
    Workspace workspace = Workspace::open(qs(path), true);
    annotation::LabelQueue queue(workspace);
    const QString only = qs(commandLine.valueOr("annotator", ""));
    const QStringList names = only.isEmpty() ? queue.annotators() : QStringList{only};
    if (names.isEmpty()) {
        std::cout << "no assignments yet (svj db assign " << path << " --annotators A,B --overlap 2)\n";
        return kExitOk;
    }
    for (const QString& name : names) {
        const annotation::QueueProgress progress = queue.progress(name);
        std::cout << name.toStdString() << ": " << progress.assigned << " assigned, " << progress.labelled
                  << " labelled, " << progress.open << " open, " << progress.skipped << " skipped, " << progress.flagged
                  << " flagged\n";
    }
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

namespace {

int setAssignmentState(const Arguments& arguments, const char* action, bool flag) {
    CommandLine commandLine(std::string("db ") + action, {{"assignment", "ID", "the queue item"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db " << action << " WORKSPACE --assignment ID\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, action);
    const int assignment = commandLine.intValue("assignment", 0);
    if (assignment <= 0) {
        throw UsageError(std::string("db ") + action + " needs --assignment ID");
    }
    Workspace workspace = Workspace::open(qs(path));
    annotation::LabelQueue queue(workspace);
    flag ? queue.flag(assignment) : queue.skip(assignment);
    return kExitOk;
}

} // namespace

int runSkip(const Arguments& arguments) {
    return setAssignmentState(arguments, "skip", false);
}

int runFlag(const Arguments& arguments) {
    return setAssignmentState(arguments, "flag", true);
}

} // namespace svj::cli
