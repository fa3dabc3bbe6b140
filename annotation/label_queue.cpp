#include "annotation/label_queue.h"

#include "annotation/workspace_sql.h"

#include <algorithm>
#include <map>
#include <random>

namespace svj::annotation {
namespace {

// An assignment is done when the annotator has a standing label on its pair.
const char* const kStanding =
    "EXISTS (SELECT 1 FROM labels l WHERE l.pair_id = a.pair_id AND l.annotator_id = a.annotator_id "
    "AND l.verdict <> 'undone' AND NOT EXISTS (SELECT 1 FROM labels s WHERE s.supersedes = l.id))";

QueueItem itemFrom(const QSqlQuery& query) {
    return {query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toInt(),
            query.value(3).toInt() != 0};
}

} // namespace

LabelQueue::LabelQueue(Workspace& workspace)
    : m_workspace(workspace) {}

int LabelQueue::assign(const QStringList& annotators, int overlap, uint64_t seed) {
    const WorkspaceSql sql(m_workspace);
    if (annotators.isEmpty() || overlap < 1) {
        throw WorkspaceError(m_workspace.path(),
                             QStringLiteral("assigning needs annotators and an overlap of 1 or more"));
    }
    int made = 0;
    m_workspace.transaction([&] {
        std::mt19937_64 random(seed);
        std::map<QString, qint64> ids;
        std::map<QString, int> load;
        std::map<QString, int> nextPosition;
        for (const QString& name : annotators) {
            sql.exec(QStringLiteral("INSERT INTO annotators (name) VALUES (?) ON CONFLICT DO NOTHING"), {name});
            ids[name] = sql.scalar(QStringLiteral("SELECT id FROM annotators WHERE name = ?"), {name}).toLongLong();
            load[name] =
                sql.scalar(QStringLiteral("SELECT COUNT(*) FROM assignments WHERE annotator_id = ?"), {ids[name]})
                    .toInt();
            nextPosition[name] =
                sql.scalar(QStringLiteral("SELECT COALESCE(MAX(position) + 1, 0) FROM assignments WHERE "
                                          "annotator_id = ?"),
                           {ids[name]})
                    .toInt();
        }
        // Pairs short of annotators, and who has each already.
        QSqlQuery pairs = sql.exec(QStringLiteral("SELECT p.id FROM pairs p ORDER BY p.id"));
        std::vector<qint64> pairIds;
        while (pairs.next()) {
            pairIds.push_back(pairs.value(0).toLongLong());
        }
        std::shuffle(pairIds.begin(), pairIds.end(), random);
        std::map<QString, std::vector<qint64>> fresh;
        for (const qint64 pair : pairIds) {
            QSqlQuery holders = sql.exec(
                QStringLiteral("SELECT an.name FROM assignments a JOIN annotators an ON an.id = a.annotator_id "
                               "WHERE a.pair_id = ?"),
                {pair});
            QStringList have;
            while (holders.next()) {
                have << holders.value(0).toString();
            }
            std::vector<QString> candidates;
            for (const QString& name : annotators) {
                if (!have.contains(name)) {
                    candidates.push_back(name);
                }
            }
            std::shuffle(candidates.begin(), candidates.end(), random);
            std::stable_sort(candidates.begin(), candidates.end(),
                             [&](const QString& x, const QString& y) { return load[x] < load[y]; });
            for (int k = static_cast<int>(have.size()); k < overlap && !candidates.empty(); ++k) {
                const QString name = candidates.front();
                candidates.erase(candidates.begin());
                fresh[name].push_back(pair);
                ++load[name];
            }
        }
        for (auto& [name, list] : fresh) {
            std::shuffle(list.begin(), list.end(), random);
            for (const qint64 pair : list) {
                const bool aOnLeft = std::uniform_int_distribution<int>(0, 1)(random) == 0;
                sql.exec(QStringLiteral("INSERT INTO assignments (pair_id, annotator_id, position, a_on_left) "
                                        "VALUES (?, ?, ?, ?)"),
                         {pair, ids[name], nextPosition[name]++, aOnLeft ? 1 : 0});
                ++made;
            }
        }
    });
    return made;
}

std::optional<QueueItem> LabelQueue::next(const QString& annotator) const {
    const QVector<QueueItem> items = upcoming(annotator, 1);
    return items.isEmpty() ? std::nullopt : std::optional<QueueItem>(items.front());
}

QVector<QueueItem> LabelQueue::upcoming(const QString& annotator, int count) const {
    const WorkspaceSql sql(m_workspace);
    QSqlQuery query = sql.exec(
        QStringLiteral("SELECT a.id, a.pair_id, a.position, a.a_on_left FROM assignments a "
                       "WHERE a.annotator_id = (SELECT id FROM annotators WHERE name = ?) AND a.state = 'open' "
                       "AND NOT %1 ORDER BY a.position LIMIT %2")
            .arg(QLatin1String(kStanding))
            .arg(std::max(1, count)),
        {m_workspace.identity(annotator)});
    QVector<QueueItem> items;
    while (query.next()) {
        items.append(itemFrom(query));
    }
    return items;
}

std::optional<QueueItem> LabelQueue::assignmentOf(const QString& annotator, qint64 pairId) const {
    const WorkspaceSql sql(m_workspace);
    QSqlQuery query =
        sql.exec(QStringLiteral("SELECT a.id, a.pair_id, a.position, a.a_on_left FROM assignments a "
                                "WHERE a.annotator_id = (SELECT id FROM annotators WHERE name = ?) AND a.pair_id = ?"),
                 {m_workspace.identity(annotator), pairId});
    if (!query.next()) {
        return std::nullopt;
    }
    return itemFrom(query);
}

void LabelQueue::setState(qint64 assignment, const char* state) {
    const WorkspaceSql sql(m_workspace);
    m_workspace.transaction([&] {
        if (!sql.scalar(QStringLiteral("SELECT id FROM assignments WHERE id = ?"), {assignment}).isValid()) {
            throw WorkspaceError(m_workspace.path(), QStringLiteral("no assignment %1").arg(assignment));
        }
        const QSqlQuery updated = sql.exec(QStringLiteral("UPDATE assignments SET state = ? WHERE id = ?"),
                                           {QString::fromLatin1(state), assignment});
        if (updated.numRowsAffected() == 0) { // a team workspace's policy hid another annotator's assignment
            throw WorkspaceError(m_workspace.path(),
                                 QStringLiteral("you can skip or flag only your own assignments (assignment %1 is "
                                                "not yours; you are %2)")
                                     .arg(assignment)
                                     .arg(m_workspace.teamRole()));
        }
    });
}

void LabelQueue::skip(qint64 assignment) {
    setState(assignment, "skipped");
}

void LabelQueue::flag(qint64 assignment) {
    setState(assignment, "flagged");
}

void LabelQueue::reopen(qint64 assignment) {
    setState(assignment, "open");
}

QueueProgress LabelQueue::progress(const QString& annotator) const {
    const WorkspaceSql sql(m_workspace);
    QueueProgress progress;
    QSqlQuery query = sql.exec(QStringLiteral("SELECT a.state, %1 FROM assignments a WHERE a.annotator_id = "
                                              "(SELECT id FROM annotators WHERE name = ?)")
                                   .arg(QLatin1String(kStanding)),
                               {annotator});
    while (query.next()) {
        ++progress.assigned;
        const QString state = query.value(0).toString();
        if (query.value(1).toBool()) {
            ++progress.labelled;
        } else if (state == QLatin1String("skipped")) {
            ++progress.skipped;
        } else if (state == QLatin1String("flagged")) {
            ++progress.flagged;
        } else {
            ++progress.open;
        }
    }
    return progress;
}

} // namespace svj::annotation

namespace svj::annotation {

QStringList LabelQueue::annotators() const {
    const WorkspaceSql sql(m_workspace);
    QSqlQuery query = sql.exec(QStringLiteral("SELECT DISTINCT an.name FROM assignments a JOIN annotators an "
                                              "ON an.id = a.annotator_id ORDER BY an.name"));
    QStringList names;
    while (query.next()) {
        names << query.value(0).toString();
    }
    return names;
}

} // namespace svj::annotation
