#include "annotation/judge_scores.h"

#include "annotation/label_store.h"
#include "annotation/workspace_sql.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace svj::annotation {

qint64 storeJudgeScore(Workspace& workspace, const JudgeScoreRecord& score) {
    const WorkspaceSql sql(workspace);
    LabelStore store(workspace);
    qint64 id = 0;
    workspace.transaction([&] {
        const qint64 videoId = score.videoId > 0 ? score.videoId : store.addVideo(score.video).id;
        const QString checkpoint = QDir::cleanPath(QFileInfo(score.checkpoint).absoluteFilePath());
        const QString now = workspace.timestamp();
        sql.exec(QStringLiteral(
                     "INSERT INTO checkpoints (path, sidecar, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
                 {checkpoint, score.checkpointSidecar, now});
        const qint64 checkpointId =
            sql.scalar(QStringLiteral("SELECT id FROM checkpoints WHERE path = ?"), {checkpoint}).toLongLong();
        QJsonArray energies;
        for (const float value : score.frameEnergies) {
            energies.append(static_cast<double>(value));
        }
        QJsonArray windows;
        for (const QVector<qint64>& window : score.windows) {
            QJsonArray frames;
            for (const qint64 frame : window) {
                frames.append(frame);
            }
            windows.append(frames);
        }
        id = sql.insert(
            QStringLiteral("INSERT INTO judge_scores (video_id, checkpoint_id, energy, reward, frame_energies, "
                           "frame_indices, input_width, input_height, input_fps, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {videoId, checkpointId, score.energy, score.reward ? QVariant(*score.reward) : QVariant(),
             QString::fromUtf8(QJsonDocument(energies).toJson(QJsonDocument::Compact)),
             QString::fromUtf8(QJsonDocument(windows).toJson(QJsonDocument::Compact)), score.inputWidth,
             score.inputHeight, score.inputFps, now});
    });
    return id;
}

QVector<JudgeScoreRecord> judgeScoresOf(Workspace& workspace, const QString& video) {
    const QString hash = LabelStore::contentHash(video);
    QSqlQuery query = WorkspaceSql(workspace).exec(
        QStringLiteral("SELECT v.path, c.path, c.sidecar, s.energy, s.reward, s.frame_energies, s.frame_indices, "
                       "s.input_width, s.input_height, s.input_fps, s.created_at FROM judge_scores s "
                       "JOIN videos v ON v.id = s.video_id JOIN checkpoints c ON c.id = s.checkpoint_id "
                       "WHERE v.content_hash = ? AND s.id = (SELECT MAX(t.id) FROM judge_scores t "
                       "WHERE t.video_id = s.video_id AND t.checkpoint_id = s.checkpoint_id) ORDER BY s.id"),
        {hash});
    QVector<JudgeScoreRecord> result;
    while (query.next()) {
        JudgeScoreRecord record;
        record.video = query.value(0).toString();
        record.checkpoint = query.value(1).toString();
        record.checkpointSidecar = query.value(2).toString();
        record.energy = query.value(3).toDouble();
        if (!query.value(4).isNull()) {
            record.reward = query.value(4).toDouble();
        }
        for (const QJsonValue value : QJsonDocument::fromJson(query.value(5).toString().toUtf8()).array()) {
            record.frameEnergies.append(static_cast<float>(value.toDouble()));
        }
        for (const QJsonValue window : QJsonDocument::fromJson(query.value(6).toString().toUtf8()).array()) {
            QVector<qint64> frames;
            for (const QJsonValue frame : window.toArray()) {
                frames.append(static_cast<qint64>(frame.toDouble()));
            }
            record.windows.append(frames);
        }
        record.inputWidth = query.value(7).toInt();
        record.inputHeight = query.value(8).toInt();
        record.inputFps = query.value(9).toDouble();
        record.scoredAt = QDateTime::fromString(query.value(10).toString(), Qt::ISODateWithMs);
        record.scoredAt.setTimeSpec(Qt::UTC);
        result.append(record);
    }
    return result;
}

std::optional<JudgeScoreRecord> keptJudgeScore(Workspace& workspace, const QString& video, const QString& checkpoint) {
    const QFileInfo checkpointFile(checkpoint);
    const QString checkpointPath = QDir::cleanPath(checkpointFile.absoluteFilePath());
    const QDateTime written = checkpointFile.lastModified().toUTC();
    for (const JudgeScoreRecord& score : judgeScoresOf(workspace, video)) {
        if (score.checkpoint == checkpointPath && score.scoredAt > written && !score.frameEnergies.isEmpty()) {
            return score;
        }
    }
    return std::nullopt;
}

qint64 judgeScoreRows(Workspace& workspace) {
    return WorkspaceSql(workspace).scalar(QStringLiteral("SELECT COUNT(*) FROM judge_scores")).toLongLong();
}

} // namespace svj::annotation
