// Several workers scoring one workspace's videos at once, each video exactly once: a worker claims the next
// video without a score by the checkpoint in one statement the database arbitrates (a lease that runs out, so a
// crashed worker's video is claimed again), and stores the score only while the claim is still its own.
#pragma once

#include "annotation/judge_scores.h"
#include "annotation/workspace.h"

#include <QString>
#include <QVector>

#include <optional>

namespace svj::annotation {

struct ScoreClaim {
    qint64 videoId = 0;
    QString path;  // the video as the workspace knows it
    QString token; // this claim's, unique
};

// The claim is no longer the worker's: its lease ran out and another worker took the video (whose score counts).
class ClaimLost : public WorkspaceError {
public:
    using WorkspaceError::WorkspaceError;
};

class ScoreClaims {
public:
    // `checkpoint`: a path (compared as an absolute path, as judge_scores keeps it); `worker`: a name shown in
    // `svj db scores --missing`. Throws WorkspaceError for a lease that is not positive.
    ScoreClaims(Workspace& workspace, const QString& checkpoint, const QString& worker, int leaseSeconds);

    // The next video with no score by the checkpoint and no live claim, now claimed by this worker; nothing when
    // none is left.
    std::optional<ScoreClaim> next();
    // Extends the lease (call it while a long video is being scored). Throws ClaimLost.
    void renew(const ScoreClaim& claim);
    // Stores `score` and marks the claim done, in one transaction, only while the claim is this worker's.
    // Throws ClaimLost (nothing stored), WorkspaceError, media::MediaError.
    void complete(const ScoreClaim& claim, const JudgeScoreRecord& score);
    // The worker stops before the video is scored: another may claim it at once.
    void release(const ScoreClaim& claim);
    // The video could not be scored: no worker claims it again (until `svj db scores --retry-failed`).
    void fail(const ScoreClaim& claim, const QString& message);
    // When next() found nothing: the seconds until the first live claim of another worker runs out (a crashed
    // worker's video becomes claimable then), or nothing when no video without a score is claimed by anyone.
    std::optional<double> secondsUntilAClaimRunsOut() const;

private:
    bool stillOurs(const ScoreClaim& claim) const;

    Workspace& m_workspace;
    QString m_checkpoint;
    QString m_worker;
    int m_leaseSeconds;
};

struct UnscoredVideo {
    QString path;
    QString state; // "left" (nobody has it), "claimed" (until `until`, by `worker`), "failed" (`message`)
    QString worker;
    QString until;
    QString message;
};

// The workspace's videos without a score by `checkpoint`, in id order, with the claim on each.
QVector<UnscoredVideo> unscoredVideos(Workspace& workspace, const QString& checkpoint);
// Failed claims of `checkpoint` released, so workers try those videos again; returns how many.
int retryFailedClaims(Workspace& workspace, const QString& checkpoint);
// How many of the workspace's videos have a score by `checkpoint`, and how many scores it has stored (more than
// the videos when some were scored twice).
qint64 scoredVideoCount(Workspace& workspace, const QString& checkpoint);
qint64 scoreRowCount(Workspace& workspace, const QString& checkpoint);

} // namespace svj::annotation
