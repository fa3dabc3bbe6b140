#include "annotation/labelling_session.h"

#include <QHash>

#include <algorithm>

namespace svj::annotation {

LabellingSession::LabellingSession(Workspace& workspace, const QString& annotator)
    : m_workspace(workspace)
    , m_store(workspace)
    , m_queue(workspace)
    , m_annotator(workspace.identity(annotator.trimmed())) {
    if (m_annotator.isEmpty()) {
        throw WorkspaceError(workspace.path(), QStringLiteral("labelling needs an annotator name"));
    }
    m_clock.start();
    setQueue(QueueKind::Assigned);
}

void LabellingSession::setQueue(QueueKind kind, const QString& checkpoint) {
    m_kind = kind;
    m_listIndex = 0;
    switch (kind) {
    case QueueKind::Assigned:
        m_list.clear();
        break;
    case QueueKind::Gold:
        m_list = goldChecks(m_workspace, m_annotator);
        break;
    case QueueKind::JudgeDisagreements:
        m_list = judgeDisagreements(m_workspace, m_annotator, checkpoint);
        break;
    case QueueKind::Flagged:
        m_list = flaggedItems(m_workspace, m_annotator);
        break;
    case QueueKind::Contested:
        m_list = contestedPairs(m_workspace, m_annotator);
        break;
    }
    // Undo crosses queues badly (an item of another queue would come back here): a new queue, a new history.
    m_done.clear();
    m_undone.clear();
    advance();
}

SessionItem LabellingSession::itemFor(qint64 pairId, qint64 assignment, bool aOnLeft, const QString& reason) const {
    SessionItem item;
    const std::optional<StoredPair> pair = m_store.pair(pairId);
    if (!pair) {
        throw WorkspaceError(m_workspace.path(), QStringLiteral("no pair %1 in this workspace").arg(pairId));
    }
    item.pair = *pair;
    item.assignment = assignment;
    // Without an assignment the side is still drawn per annotator and pair, and the same each time it is shown.
    item.aOnLeft =
        assignment != 0 ? aOnLeft : (qHash(m_annotator) ^ static_cast<size_t>(pairId * 2654435761u)) % 2 == 0;
    item.reason = reason;
    return item;
}

std::optional<SessionItem> LabellingSession::listItem(int index) const {
    if (index < 0 || index >= m_list.size()) {
        return std::nullopt;
    }
    const ReviewItem& review = m_list[index];
    return itemFor(review.pairId, review.assignment, review.aOnLeft, review.reason);
}

void LabellingSession::advance() {
    if (m_kind == QueueKind::Assigned) {
        const std::optional<QueueItem> next = m_queue.next(m_annotator);
        m_current = next ? std::optional<SessionItem>(itemFor(next->pairId, next->assignment, next->aOnLeft, {}))
                         : std::nullopt;
    } else {
        m_current = listItem(m_listIndex);
    }
}

std::optional<SessionItem> LabellingSession::following() const {
    if (m_kind != QueueKind::Assigned) {
        return listItem(m_listIndex + 1);
    }
    const QVector<QueueItem> upcoming = m_queue.upcoming(m_annotator, 2);
    for (const QueueItem& item : upcoming) {
        if (!m_current || item.assignment != m_current->assignment) {
            return itemFor(item.pairId, item.assignment, item.aOnLeft, {});
        }
    }
    return std::nullopt;
}

int LabellingSession::remaining() const {
    if (m_kind == QueueKind::Assigned) {
        return progress().open;
    }
    return std::max(0, static_cast<int>(m_list.size()) - m_listIndex);
}

QueueProgress LabellingSession::progress() const {
    return m_queue.progress(m_annotator);
}

double LabellingSession::itemsPerHour() const {
    const double hours = static_cast<double>(m_clock.elapsed()) / 3.6e6;
    return hours > 0.0 ? m_votes / hours : 0.0;
}

void LabellingSession::apply(Action& action) {
    switch (action.kind) {
    case ActionKind::Vote: {
        if (m_kind == QueueKind::Contested) {
            adjudicate(m_workspace, action.item.pair.id, action.vote.verdict, m_annotator, action.vote.comment);
            ++m_votes;
            break;
        }
        LabelInput input;
        input.pairId = action.item.pair.id;
        input.annotator = m_annotator;
        input.verdict = action.vote.verdict;
        input.aspects = action.vote.aspects;
        input.comment = action.vote.comment;
        input.evidenceJson = action.vote.evidenceJson;
        input.watchedA = action.vote.watchedA;
        input.watchedB = action.vote.watchedB;
        input.secondsSpent = action.vote.secondsSpent;
        input.aOnLeft = action.item.aOnLeft;
        input.source = QStringLiteral("workbench");
        m_workspace.transaction([&] { action.labelId = m_store.addLabel(input); });
        ++m_votes;
        break;
    }
    case ActionKind::Skip:
        if (m_kind == QueueKind::Assigned && action.item.assignment != 0) {
            m_queue.skip(action.item.assignment);
        }
        break;
    case ActionKind::Flag:
        m_queue.flag(action.item.assignment);
        break;
    }
    if (m_kind != QueueKind::Assigned) {
        m_listIndex = action.listIndex + 1;
    }
}

qint64 LabellingSession::vote(const Vote& vote) {
    if (!m_current) {
        throw WorkspaceError(m_workspace.path(), QStringLiteral("nothing to vote on: the queue is done"));
    }
    Action action{ActionKind::Vote, *m_current, vote, 0, m_listIndex};
    apply(action);
    m_done.append(action);
    m_undone.clear();
    advance();
    return action.labelId;
}

void LabellingSession::skip() {
    if (!m_current) {
        return;
    }
    Action action{ActionKind::Skip, *m_current, {}, 0, m_listIndex};
    apply(action);
    m_done.append(action);
    m_undone.clear();
    advance();
}

void LabellingSession::flag() {
    if (!m_current) {
        return;
    }
    if (m_current->assignment == 0) {
        throw WorkspaceError(m_workspace.path(),
                             QStringLiteral("pair %1 is not assigned to %2: only assigned items can be flagged")
                                 .arg(m_current->pair.id)
                                 .arg(m_annotator));
    }
    Action action{ActionKind::Flag, *m_current, {}, 0, m_listIndex};
    apply(action);
    m_done.append(action);
    m_undone.clear();
    advance();
}

QString LabellingSession::describe(const Action& action) const {
    switch (action.kind) {
    case ActionKind::Vote:
        return QStringLiteral("vote %1 on pair %2").arg(verdictName(action.vote.verdict)).arg(action.item.pair.id);
    case ActionKind::Skip:
        return QStringLiteral("skip of pair %1").arg(action.item.pair.id);
    case ActionKind::Flag:
        return QStringLiteral("flag on pair %1").arg(action.item.pair.id);
    }
    return {};
}

QString LabellingSession::undo() {
    if (m_done.isEmpty()) {
        return {};
    }
    Action action = m_done.takeLast();
    switch (action.kind) {
    case ActionKind::Vote:
        if (m_kind == QueueKind::Contested) {
            removeAdjudication(m_workspace, action.item.pair.id);
        } else {
            m_workspace.transaction([&] { m_store.undoLabel(action.labelId); });
        }
        --m_votes;
        break;
    case ActionKind::Skip:
    case ActionKind::Flag:
        if (action.item.assignment != 0 && (m_kind == QueueKind::Assigned || action.kind == ActionKind::Flag)) {
            m_queue.reopen(action.item.assignment);
        }
        break;
    }
    m_undone.append(action);
    m_listIndex = action.listIndex;
    m_current = action.item; // shown again, whatever its place in the queue
    return describe(action);
}

QString LabellingSession::redo() {
    if (m_undone.isEmpty()) {
        return {};
    }
    Action action = m_undone.takeLast();
    apply(action);
    m_done.append(action);
    advance();
    return describe(action);
}

} // namespace svj::annotation
