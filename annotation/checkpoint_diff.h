// Which labelled pairs a new judge gets right that an old one got wrong, and the reverse: the fine-tune panel's
// checkpoint diff, from both judges' scores kept in the workspace (`svj score --db`).
#pragma once

#include "annotation/verdict.h"
#include "annotation/workspace.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace svj::annotation {

struct JudgedLabel {
    qint64 pairId = 0;
    QString annotator;
    Verdict verdict = Verdict::A; // the human's, A or B
    double oldMargin = 0.0;       // each judge's preference for A minus B (reward, else −energy)
    double newMargin = 0.0;
};

struct CheckpointDiff {
    QVector<JudgedLabel> gained; // the new judge agrees with the human, the old one did not
    QVector<JudgedLabel> lost;   // the reverse
    int bothRight = 0;
    int bothWrong = 0;
    int unscored = 0; // decisive labels whose videos lack a score by either judge
};

// Over every standing decisive (A or B) label; checkpoints are paths as stored by `svj score --db`. A margin
// of exactly zero counts as wrong. Lists are in pair order.
CheckpointDiff diffCheckpoints(Workspace& workspace, const QString& oldCheckpoint, const QString& newCheckpoint);
// The videos of the pairs with a decisive (A or B) label, in path order: what both judges must have scored first.
QStringList decisivelyLabelledVideos(Workspace& workspace);

} // namespace svj::annotation
