#include "annotation/score_claims.h"

#include "annotation/workspace_sql.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUuid>

namespace svj::annotation {
namespace {

QString absoluteCheckpoint(const QString& checkpoint) {
    return QDir::cleanPath(QFileInfo(checkpoint).absoluteFilePath());
}

// Videos of the workspace with no score by the checkpoint (bound twice: the score and the claim).
const char* const kUnscored = "FROM videos v WHERE NOT EXISTS (SELECT 1 FROM judge_scores s JOIN checkpoints c ON "
                              "c.id = s.checkpoint_id WHERE s.video_id = v.id AND c.path = ?) ";

} // namespace

ScoreClaims::ScoreClaims(Workspace& workspace, const QString& checkpoint, const QString& worker, int leaseSeconds)
    : m_workspace(workspace)
    , m_checkpoint(absoluteCheckpoint(checkpoint))
    , m_worker(worker)
    , m_leaseSeconds(leaseSeconds) {
    if (leaseSeconds <= 0) {
        throw WorkspaceError(workspace.path(), QStringLiteral("a score claim's lease must be positive"));
    }
}

std::optional<ScoreClaim> ScoreClaims::next() {
    const WorkspaceSql sql(m_workspace);
    std::optional<ScoreClaim> claimed;
    m_workspace.transaction([&] {
        const QString now = m_workspace.timestamp();
        const QString until =
            QDateTime::fromString(now, Qt::ISODateWithMs).addSecs(m_leaseSeconds).toUTC().toString(Qt::ISODateWithMs);
        // A few candidates: another worker may win one between this read and the claim below.
        QSqlQuery candidates =
            sql.exec(QStringLiteral("SELECT v.id, v.path ") + QLatin1String(kUnscored) +
                         QStringLiteral(
                             "AND NOT EXISTS (SELECT 1 FROM score_claims k WHERE k.video_id = v.id AND "
                             "k.checkpoint = ? AND (k.state <> 'claimed' OR k.expires_at > ?)) ORDER BY v.id LIMIT 8"),
                     {m_checkpoint, m_checkpoint, now});
        QVector<QPair<qint64, QString>> videos;
        while (candidates.next()) {
            videos.append({candidates.value(0).toLongLong(), candidates.value(1).toString()});
        }
        for (const auto& [id, path] : videos) {
            const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
            // One statement the database arbitrates: a new claim, or one whose lease ran out taken over; a live
            // claim another worker made meanwhile is left as it is (then the token read back is not ours).
            sql.run(QStringLiteral("INSERT INTO score_claims (video_id, checkpoint, worker, token, claimed_at, "
                                   "expires_at, state) VALUES (?, ?, ?, ?, ?, ?, 'claimed') "
                                   "ON CONFLICT (video_id, checkpoint) DO UPDATE SET worker = excluded.worker, "
                                   "token = excluded.token, claimed_at = excluded.claimed_at, "
                                   "expires_at = excluded.expires_at WHERE score_claims.state = 'claimed' AND "
                                   "score_claims.expires_at <= excluded.claimed_at"),
                    {id, m_checkpoint, m_worker, token, now, until});
            const QVariant holder =
                sql.scalar(QStringLiteral("SELECT token FROM score_claims WHERE video_id = ? AND checkpoint = ?"),
                           {id, m_checkpoint});
            if (holder.toString() == token) {
                claimed = ScoreClaim{id, path, token};
                return;
            }
        }
    });
    return claimed;
}

bool ScoreClaims::stillOurs(const ScoreClaim& claim) const {
    const QVariant holder =
        WorkspaceSql(m_workspace)
            .scalar(QStringLiteral(
                        "SELECT token FROM score_claims WHERE video_id = ? AND checkpoint = ? AND state = 'claimed'"),
                    {claim.videoId, m_checkpoint});
    return holder.toString() == claim.token;
}

void ScoreClaims::renew(const ScoreClaim& claim) {
    m_workspace.transaction([&] {
        if (!stillOurs(claim)) {
            throw ClaimLost(m_workspace.path(),
                            QStringLiteral("%1: the claim ran out and another worker took the video").arg(claim.path));
        }
        const QString until = QDateTime::fromString(m_workspace.timestamp(), Qt::ISODateWithMs)
                                  .addSecs(m_leaseSeconds)
                                  .toUTC()
                                  .toString(Qt::ISODateWithMs);
        WorkspaceSql(m_workspace)
            .run(QStringLiteral("UPDATE score_claims SET expires_at = ? WHERE video_id = ? AND checkpoint = ? AND "
                                "token = ?"),
                 {until, claim.videoId, m_checkpoint, claim.token});
    });
}

void ScoreClaims::complete(const ScoreClaim& claim, const JudgeScoreRecord& score) {
    m_workspace.transaction([&] {
        if (!stillOurs(claim)) {
            throw ClaimLost(m_workspace.path(),
                            QStringLiteral("%1: the claim ran out and another worker took the video; this score "
                                           "is not stored (the video is scored once)")
                                .arg(claim.path));
        }
        JudgeScoreRecord claimed = score;
        claimed.videoId = claim.videoId;       // the claimed row, not re-hashed under the write lock
        storeJudgeScore(m_workspace, claimed); // joins this transaction
        WorkspaceSql(m_workspace)
            .run(QStringLiteral("UPDATE score_claims SET state = 'done' WHERE video_id = ? AND checkpoint = ? AND "
                                "token = ?"),
                 {claim.videoId, m_checkpoint, claim.token});
    });
}

void ScoreClaims::release(const ScoreClaim& claim) {
    m_workspace.transaction([&] {
        WorkspaceSql(m_workspace)
            .run(QStringLiteral("DELETE FROM score_claims WHERE video_id = ? AND checkpoint = ? AND token = ? AND "
                                "state = 'claimed'"),
                 {claim.videoId, m_checkpoint, claim.token});
    });
}

void ScoreClaims::fail(const ScoreClaim& claim, const QString& message) {
    m_workspace.transaction([&] {
        WorkspaceSql(m_workspace)
            .run(QStringLiteral("UPDATE score_claims SET state = 'failed', message = ? WHERE video_id = ? AND "
                                "checkpoint = ? AND token = ?"),
                 {message, claim.videoId, m_checkpoint, claim.token});
    });
}

std::optional<double> ScoreClaims::secondsUntilAClaimRunsOut() const {
    const QString now = m_workspace.timestamp();
    const QVariant first =
        WorkspaceSql(m_workspace)
            .scalar(QStringLiteral(
                        "SELECT MIN(k.expires_at) FROM score_claims k WHERE k.checkpoint = ? AND k.state = 'claimed' "
                        "AND k.expires_at > ? AND NOT EXISTS (SELECT 1 FROM judge_scores s JOIN checkpoints c ON "
                        "c.id = s.checkpoint_id WHERE s.video_id = k.video_id AND c.path = ?)"),
                    {m_checkpoint, now, m_checkpoint});
    if (first.isNull() || !first.isValid()) {
        return std::nullopt;
    }
    const qint64 ms = QDateTime::fromString(now, Qt::ISODateWithMs)
                          .msecsTo(QDateTime::fromString(first.toString(), Qt::ISODateWithMs));
    return std::max<qint64>(0, ms) / 1000.0;
}

QVector<UnscoredVideo> unscoredVideos(Workspace& workspace, const QString& checkpoint) {
    const QString path = absoluteCheckpoint(checkpoint);
    const QString now = workspace.timestamp();
    QString unscored = QString::fromLatin1(kUnscored);
    unscored.replace(
        QStringLiteral("FROM videos v"),
        QStringLiteral("FROM videos v LEFT JOIN score_claims k ON k.video_id = v.id AND k.checkpoint = ?"));
    QSqlQuery query =
        WorkspaceSql(workspace).exec(QStringLiteral("SELECT v.path, k.state, k.worker, k.expires_at, k.message ") +
                                         unscored + QStringLiteral("ORDER BY v.id"),
                                     {path, path});
    QVector<UnscoredVideo> result;
    while (query.next()) {
        UnscoredVideo video;
        video.path = query.value(0).toString();
        const QString state = query.value(1).toString();
        const bool live = state == QLatin1String("claimed") && query.value(3).toString() > now;
        video.state = state == QLatin1String("failed") ? state
                      : live                           ? QStringLiteral("claimed")
                                                       : QStringLiteral("left");
        if (video.state != QLatin1String("left")) {
            video.worker = query.value(2).toString();
            video.until = query.value(3).toString();
            video.message = query.value(4).toString();
        }
        result.append(video);
    }
    return result;
}

int retryFailedClaims(Workspace& workspace, const QString& checkpoint) {
    int count = 0;
    workspace.transaction([&] {
        const WorkspaceSql sql(workspace);
        count =
            sql.scalar(QStringLiteral("SELECT COUNT(*) FROM score_claims WHERE checkpoint = ? AND state = 'failed'"),
                       {absoluteCheckpoint(checkpoint)})
                .toInt();
        sql.run(QStringLiteral("DELETE FROM score_claims WHERE checkpoint = ? AND state = 'failed'"),
                {absoluteCheckpoint(checkpoint)});
    });
    return count;
}

qint64 scoredVideoCount(Workspace& workspace, const QString& checkpoint) {
    return WorkspaceSql(workspace)
        .scalar(QStringLiteral("SELECT COUNT(DISTINCT s.video_id) FROM judge_scores s JOIN checkpoints c ON c.id = "
                               "s.checkpoint_id WHERE c.path = ?"),
                {absoluteCheckpoint(checkpoint)})
        .toLongLong();
}

qint64 scoreRowCount(Workspace& workspace, const QString& checkpoint) {
    return WorkspaceSql(workspace)
        .scalar(QStringLiteral("SELECT COUNT(*) FROM judge_scores s JOIN checkpoints c ON c.id = s.checkpoint_id "
                               "WHERE c.path = ?"),
                {absoluteCheckpoint(checkpoint)})
        .toLongLong();
}

} // namespace svj::annotation
