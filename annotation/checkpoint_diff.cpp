#include "annotation/checkpoint_diff.h"

#include "annotation/workspace_sql.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

namespace svj::annotation {
namespace {

QVariant checkpointId(Workspace& workspace, const QString& checkpoint) {
    return WorkspaceSql(workspace).scalar(QStringLiteral("SELECT id FROM checkpoints WHERE path = ?"),
                                          {QDir::cleanPath(QFileInfo(checkpoint).absoluteFilePath())});
}

} // namespace

CheckpointDiff diffCheckpoints(Workspace& workspace, const QString& oldCheckpoint, const QString& newCheckpoint) {
    const QVariant oldId = checkpointId(workspace, oldCheckpoint);
    const QVariant newId = checkpointId(workspace, newCheckpoint);
    const QString score = QStringLiteral("(SELECT COALESCE(s.reward, -s.energy) FROM judge_scores s WHERE "
                                         "s.video_id = p.%1 AND s.checkpoint_id = ? ORDER BY s.id DESC LIMIT 1)");
    QSqlQuery query = WorkspaceSql(workspace).exec(
        QStringLiteral("SELECT p.id, n.name, l.verdict, %1, %2, %3, %4 FROM labels l JOIN pairs p ON p.id = l.pair_id "
                       "JOIN annotators n ON n.id = l.annotator_id WHERE l.verdict IN ('A', 'B') AND NOT EXISTS "
                       "(SELECT 1 FROM labels s WHERE s.supersedes = l.id) ORDER BY p.id, n.name")
            .arg(score.arg(QStringLiteral("video_a")), score.arg(QStringLiteral("video_b")),
                 score.arg(QStringLiteral("video_a")), score.arg(QStringLiteral("video_b"))),
        {oldId.isValid() ? oldId : QVariant(-1), oldId.isValid() ? oldId : QVariant(-1),
         newId.isValid() ? newId : QVariant(-1), newId.isValid() ? newId : QVariant(-1)});
    CheckpointDiff diff;
    while (query.next()) {
        if (query.value(3).isNull() || query.value(4).isNull() || query.value(5).isNull() || query.value(6).isNull()) {
            ++diff.unscored;
            continue;
        }
        JudgedLabel label;
        label.pairId = query.value(0).toLongLong();
        label.annotator = query.value(1).toString();
        label.verdict = query.value(2).toString() == QLatin1String("A") ? Verdict::A : Verdict::B;
        label.oldMargin = query.value(3).toDouble() - query.value(4).toDouble();
        label.newMargin = query.value(5).toDouble() - query.value(6).toDouble();
        const double sign = label.verdict == Verdict::A ? 1.0 : -1.0;
        const bool oldRight = sign * label.oldMargin > 0.0;
        const bool newRight = sign * label.newMargin > 0.0;
        if (oldRight && newRight) {
            ++diff.bothRight;
        } else if (!oldRight && !newRight) {
            ++diff.bothWrong;
        } else {
            (newRight ? diff.gained : diff.lost).append(label);
        }
    }
    return diff;
}

QStringList decisivelyLabelledVideos(Workspace& workspace) {
    QSqlQuery videos = WorkspaceSql(workspace).exec(
        QStringLiteral("SELECT DISTINCT v.path FROM labels l JOIN pairs p ON p.id = l.pair_id JOIN videos v ON v.id IN "
                       "(p.video_a, p.video_b) WHERE l.verdict IN ('A', 'B') ORDER BY v.path"));
    QStringList paths;
    while (videos.next()) {
        paths << videos.value(0).toString();
    }
    return paths;
}

} // namespace svj::annotation
