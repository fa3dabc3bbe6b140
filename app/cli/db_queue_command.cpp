// `svj db assign`, `next` and `queue`: assign pairs to annotators, hand out an annotator's next item, show
// where each queue stands. Wiring only: annotation/'s LabelQueue and LabelStore do the work.
#include "annotation/label_queue.h"
#include "annotation/label_store.h"
#include "annotation/workspace.h"
#include "app/cli/db_actions.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <iostream>
#include <optional>

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

} // namespace svj::cli
