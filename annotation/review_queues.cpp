#include "annotation/review_queues.h"

#include "annotation/workspace_sql.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace svj::annotation {
namespace {

const char* const kStandingLabel =
    "l.verdict <> 'undone' AND NOT EXISTS (SELECT 1 FROM labels s WHERE s.supersedes = l.id)";

// The annotator's assignment and side for each item that has one (one query for the whole list; the session
// draws a side for the others).
void addSides(Workspace& workspace, const QString& annotator, QVector<ReviewItem>& items) {
    if (items.isEmpty()) {
        return;
    }
    QSqlQuery query = WorkspaceSql(workspace).exec(
        QStringLiteral("SELECT a.pair_id, a.id, a.a_on_left FROM assignments a JOIN annotators n ON n.id = "
                       "a.annotator_id WHERE n.name = ?"),
        {annotator});
    QHash<qint64, std::pair<qint64, bool>> assigned;
    while (query.next()) {
        assigned.insert(query.value(0).toLongLong(), {query.value(1).toLongLong(), query.value(2).toInt() != 0});
    }
    for (ReviewItem& item : items) {
        if (const auto it = assigned.constFind(item.pairId); it != assigned.constEnd()) {
            item.assignment = it->first;
            item.aOnLeft = it->second;
        }
    }
}

} // namespace

QVector<ReviewItem> goldChecks(Workspace& workspace, const QString& annotator) {
    QSqlQuery query = WorkspaceSql(workspace).exec(
        QStringLiteral("SELECT p.id FROM pairs p WHERE p.origin = 'gold' AND NOT EXISTS (SELECT 1 FROM labels l "
                       "JOIN annotators n ON n.id = l.annotator_id WHERE l.pair_id = p.id AND n.name = ? AND %1) "
                       "ORDER BY p.id")
            .arg(QLatin1String(kStandingLabel)),
        {annotator});
    QVector<ReviewItem> items;
    while (query.next()) {
        ReviewItem item;
        item.pairId = query.value(0).toLongLong();
        item.reason = QStringLiteral("gold check");
        items.append(item);
    }
    addSides(workspace, annotator, items);
    return items;
}

QVector<ReviewItem> judgeDisagreements(Workspace& workspace, const QString& annotator, const QString& checkpoint) {
    const WorkspaceSql sql(workspace);
    const QVariant checkpointId =
        checkpoint.isEmpty()
            ? sql.scalar(QStringLiteral("SELECT checkpoint_id FROM judge_scores GROUP BY checkpoint_id "
                                        "ORDER BY COUNT(DISTINCT video_id) DESC, MAX(id) DESC LIMIT 1"))
            : sql.scalar(QStringLiteral("SELECT id FROM checkpoints WHERE path = ?"),
                         {QDir::cleanPath(QFileInfo(checkpoint).absoluteFilePath())});
    QVector<ReviewItem> items;
    if (!checkpointId.isValid() || checkpointId.isNull()) {
        return items;
    }
    const QString score = QStringLiteral("(SELECT COALESCE(s.reward, -s.energy) FROM judge_scores s WHERE "
                                         "s.video_id = p.%1 AND s.checkpoint_id = ? ORDER BY s.id DESC LIMIT 1)");
    QSqlQuery query =
        sql.exec(QStringLiteral("SELECT p.id, n.name, l.verdict, %1, %2 FROM labels l JOIN pairs p ON p.id = l.pair_id "
                                "JOIN annotators n ON n.id = l.annotator_id WHERE l.verdict IN ('A', 'B') AND %3")
                     .arg(score.arg(QStringLiteral("video_a")), score.arg(QStringLiteral("video_b")),
                          QLatin1String(kStandingLabel)),
                 {checkpointId, checkpointId});
    while (query.next()) {
        if (query.value(3).isNull() || query.value(4).isNull()) {
            continue;
        }
        const double margin = query.value(3).toDouble() - query.value(4).toDouble();
        const bool humanSaysA = query.value(2).toString() == QLatin1String("A");
        if (margin == 0.0 || (margin > 0) == humanSaysA) {
            continue;
        }
        ReviewItem item;
        item.pairId = query.value(0).toLongLong();
        item.margin = margin;
        item.reason = QStringLiteral("%1 chose %2; the judge prefers %3 by %4")
                          .arg(query.value(1).toString(), query.value(2).toString(),
                               margin > 0 ? QStringLiteral("A") : QStringLiteral("B"))
                          .arg(std::fabs(margin), 0, 'f', 3);
        items.append(item);
    }
    std::stable_sort(items.begin(), items.end(), [](const ReviewItem& x, const ReviewItem& y) {
        return std::fabs(x.margin) > std::fabs(y.margin);
    });
    addSides(workspace, annotator, items);
    return items;
}

QVector<ReviewItem> flaggedItems(Workspace& workspace, const QString& annotator) {
    QSqlQuery query = WorkspaceSql(workspace).exec(
        QStringLiteral("SELECT a.pair_id, n.name FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                       "WHERE a.state = 'flagged' ORDER BY a.id"));
    QVector<ReviewItem> items;
    while (query.next()) {
        ReviewItem item;
        item.pairId = query.value(0).toLongLong();
        item.reason = QStringLiteral("flagged by %1").arg(query.value(1).toString());
        items.append(item);
    }
    addSides(workspace, annotator, items);
    return items;
}

QVector<ReviewItem> contestedPairs(Workspace& workspace, const QString& annotator) {
    QSqlQuery query = WorkspaceSql(workspace).exec(
        QStringLiteral("SELECT l.pair_id, n.name, l.verdict FROM labels l JOIN annotators n ON n.id = l.annotator_id "
                       "WHERE %1 AND NOT EXISTS (SELECT 1 FROM adjudications d WHERE d.pair_id = l.pair_id) "
                       "ORDER BY l.pair_id, n.name")
            .arg(QLatin1String(kStandingLabel)));
    QVector<ReviewItem> items;
    qint64 current = 0;
    QStringList votes;
    QSet<QString> verdicts;
    const auto close = [&] {
        if (current != 0 && verdicts.size() > 1) {
            ReviewItem item;
            item.pairId = current;
            item.reason = QStringLiteral("votes: ") + votes.join(QStringLiteral(", "));
            items.append(item);
        }
        votes.clear();
        verdicts.clear();
    };
    while (query.next()) {
        if (query.value(0).toLongLong() != current) {
            close();
            current = query.value(0).toLongLong();
        }
        votes << QStringLiteral("%1: %2").arg(query.value(1).toString(), query.value(2).toString());
        verdicts.insert(query.value(2).toString());
    }
    close();
    addSides(workspace, annotator, items);
    return items;
}

void adjudicate(Workspace& workspace, qint64 pairId, Verdict verdict, const QString& requested,
                const QString& comment) {
    const WorkspaceSql sql(workspace);
    const QString lead = workspace.identity(requested);
    workspace.transaction([&] {
        if (!sql.scalar(QStringLiteral("SELECT id FROM pairs WHERE id = ?"), {pairId}).isValid()) {
            throw WorkspaceError(workspace.path(), QStringLiteral("no pair %1 in this workspace").arg(pairId));
        }
        sql.run(QStringLiteral("INSERT INTO annotators (name) VALUES (?) ON CONFLICT DO NOTHING"), {lead});
        const QVariant leadId = sql.scalar(QStringLiteral("SELECT id FROM annotators WHERE name = ?"), {lead});
        sql.run(QStringLiteral("INSERT INTO adjudications (pair_id, verdict, annotator_id, comment, created_at) "
                               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (pair_id) DO UPDATE SET verdict = "
                               "excluded.verdict, annotator_id = excluded.annotator_id, comment = "
                               "excluded.comment, created_at = excluded.created_at"),
                {pairId, verdictName(verdict), leadId, comment.isEmpty() ? QVariant() : QVariant(comment),
                 workspace.timestamp()});
    });
}

void removeAdjudication(Workspace& workspace, qint64 pairId) {
    workspace.transaction(
        [&] { WorkspaceSql(workspace).run(QStringLiteral("DELETE FROM adjudications WHERE pair_id = ?"), {pairId}); });
}

std::optional<Verdict> adjudication(Workspace& workspace, qint64 pairId) {
    const QVariant verdict =
        WorkspaceSql(workspace).scalar(QStringLiteral("SELECT verdict FROM adjudications WHERE pair_id = ?"), {pairId});
    return verdict.isValid() ? parseVerdict(verdict.toString()) : std::nullopt;
}

} // namespace svj::annotation
