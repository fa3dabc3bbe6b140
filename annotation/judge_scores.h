// The judge's scores of a workspace's videos: per-frame energies with the exact frames, size and rate the
// judge consumed, and the checkpoint that gave them (docs/label-store.md, `judge_scores` and `checkpoints`).
#pragma once

#include "annotation/workspace.h"

#include <QDateTime>
#include <QString>
#include <QVector>

#include <optional>

namespace svj::annotation {

struct JudgeScoreRecord {
    QString video;      // the file; added to the workspace (probed, hashed) when new
    qint64 videoId = 0; // when not 0: the workspace's video it is (nothing probed or hashed)
    QString checkpoint;
    QString checkpointSidecar; // the checkpoint's sidecar JSON, kept with it
    double energy = 0.0;
    std::optional<double> reward;     // stage-2 judges
    QVector<float> frameEnergies;     // one per source frame
    QVector<QVector<qint64>> windows; // the source frames of each window the judge saw
    int inputWidth = 0;
    int inputHeight = 0;
    double inputFps = 0.0;
    QDateTime scoredAt; // UTC; set by judgeScoresOf
};

// Appends a score in one transaction; returns its id. Throws WorkspaceError, media::MediaError.
qint64 storeJudgeScore(Workspace& workspace, const JudgeScoreRecord& score);
// The newest score of each (video, checkpoint) for `video` (a path; found by content).
QVector<JudgeScoreRecord> judgeScoresOf(Workspace& workspace, const QString& video);
// The newest score of `video` by `checkpoint` (a path) when it is still good: stored after the checkpoint file
// was last written (a checkpoint rewritten in place is scored again).
std::optional<JudgeScoreRecord> keptJudgeScore(Workspace& workspace, const QString& video, const QString& checkpoint);
// Every stored score, older ones included.
qint64 judgeScoreRows(Workspace& workspace);

} // namespace svj::annotation
