#include "annotation/review_queues.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace svj::annotation {
namespace {

const char* const kStandingLabel =
    "l.verdict <> 'undone' AND NOT EXISTS (SELECT 1 FROM labels s WHERE s.supersedes = l.id)";

// The side the annotator was (or will be) shown for a pair: theirs when assigned, else A on the left.
void addSide(Workspace& workspace, const QString& annotator, ReviewItem& item) {
    QSqlQuery query = workspace.exec(
        QStringLiteral("SELECT a.id, a.a_on_left FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                       "WHERE a.pair_id = ? AND n.name = ?"),
        {item.pairId, annotator});
    if (query.next()) {
        item.assignment = query.value(0).toLongLong();
        item.aOnLeft = query.value(1).toInt() != 0;
    }
}

} // namespace

QVector<ReviewItem> goldChecks(Workspace& workspace, const QString& annotator) {
    QSqlQuery query = workspace.exec(
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
    for (ReviewItem& item : items) {
        addSide(workspace, annotator, item);
    }
    return items;
}

QVector<ReviewItem> judgeDisagreements(Workspace& workspace, const QString& annotator, const QString& checkpoint) {
    const QVariant checkpointId =
        checkpoint.isEmpty()
            ? workspace.scalar(QStringLiteral("SELECT checkpoint_id FROM judge_scores GROUP BY checkpoint_id "
                                              "ORDER BY COUNT(DISTINCT video_id) DESC, MAX(id) DESC LIMIT 1"))
            : workspace.scalar(QStringLiteral("SELECT id FROM checkpoints WHERE path = ?"),
                               {QDir::cleanPath(QFileInfo(checkpoint).absoluteFilePath())});
    QVector<ReviewItem> items;
    if (!checkpointId.isValid() || checkpointId.isNull()) {
        return items;
    }
    const QString score = QStringLiteral("(SELECT COALESCE(s.reward, -s.energy) FROM judge_scores s WHERE "
                                         "s.video_id = p.%1 AND s.checkpoint_id = ? ORDER BY s.id DESC LIMIT 1)");
    QSqlQuery query = workspace.exec(
        QStringLiteral("SELECT p.id, n.name, l.verdict, %1, %2 FROM labels l JOIN pairs p ON p.id = l.pair_id "
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
    for (ReviewItem& item : items) {
        addSide(workspace, annotator, item);
    }
    return items;
}

QVector<ReviewItem> flaggedItems(Workspace& workspace, const QString& annotator) {
    QSqlQuery query = workspace.exec(
        QStringLiteral("SELECT a.pair_id, n.name FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                       "WHERE a.state = 'flagged' ORDER BY a.id"));
    QVector<ReviewItem> items;
    while (query.next()) {
        ReviewItem item;
        item.pairId = query.value(0).toLongLong();
        item.reason = QStringLiteral("flagged by %1").arg(query.value(1).toString());
        items.append(item);
    }
    for (ReviewItem& item : items) {
        addSide(workspace, annotator, item);
    }
    return items;
}

} // namespace svj::annotation
