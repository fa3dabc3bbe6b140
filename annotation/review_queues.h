// The queues besides an annotator's own assignments: gold checks still to answer, pairs where the judge
// contradicts a human label (most confident first), and flagged items. Each item says why it is there.
#pragma once

#include "annotation/verdict.h"
#include "annotation/workspace.h"

#include <QString>
#include <QVector>

#include <optional>

namespace svj::annotation {

struct ReviewItem {
    qint64 pairId = 0;
    qint64 assignment = 0; // the annotator's assignment of the pair (its side), 0 when there is none
    bool aOnLeft = true;
    QString reason;      // why the pair is in the queue, for the panel
    double margin = 0.0; // judge queue: the judge's preference for A minus B (reward, else −energy)
};

// Gold pairs `annotator` has no standing label on, in pair order.
QVector<ReviewItem> goldChecks(Workspace& workspace, const QString& annotator);
// Standing human labels (A or B) the judge's scores contradict, the largest |margin| first. `checkpoint` is a
// checkpoint path; empty: the one that scored the most videos. Pairs without both scores are left out.
QVector<ReviewItem> judgeDisagreements(Workspace& workspace, const QString& annotator, const QString& checkpoint = {});
// Flagged assignments of every annotator, oldest first.
QVector<ReviewItem> flaggedItems(Workspace& workspace, const QString& annotator);
// Pairs whose standing labels disagree (two or more verdicts) and that have no final verdict yet, for a lead;
// the reason lists every vote ("ana: A, ben: tie").
QVector<ReviewItem> contestedPairs(Workspace& workspace, const QString& annotator);

// A lead's final verdict on a pair (replacing an earlier one); `undo` removes it. Throws WorkspaceError.
void adjudicate(Workspace& workspace, qint64 pairId, Verdict verdict, const QString& lead, const QString& comment = {});
void removeAdjudication(Workspace& workspace, qint64 pairId);
std::optional<Verdict> adjudication(Workspace& workspace, qint64 pairId);

} // namespace svj::annotation
