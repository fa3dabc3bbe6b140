// One annotator's labelling session on a workspace: the pair to show next in the chosen queue, votes stored at
// once (append-only), skip and flag, and undo / redo of all of them. The workbench's labelling panel drives it;
// it holds no widgets, so the whole loop is tested without a window.
#pragma once

#include "annotation/label_queue.h"
#include "annotation/label_store.h"
#include "annotation/review_queues.h"

#include <QElapsedTimer>
#include <QMap>
#include <QString>
#include <QVector>

#include <optional>

namespace svj::annotation {

// Contested: pairs whose annotators disagree; a vote there is the lead's final verdict (an adjudication),
// not one more label.
enum class QueueKind { Assigned, Gold, JudgeDisagreements, Flagged, Contested };

struct SessionItem {
    StoredPair pair;
    qint64 assignment = 0; // 0: not one of the annotator's assignments
    bool aOnLeft = true;
    QString reason; // why it is in the queue (review queues)
};

struct Vote {
    Verdict verdict = Verdict::Tie; // on A and B, whatever the sides shown
    QMap<QString, Verdict> aspects;
    QString comment;
    QString evidenceJson;
    double watchedA = -1.0;
    double watchedB = -1.0;
    double secondsSpent = -1.0;
};

class LabellingSession {
public:
    // Throws WorkspaceError for an empty annotator name.
    LabellingSession(Workspace& workspace, const QString& annotator);

    const QString& annotator() const { return m_annotator; }
    // Switches queue (a review queue is listed now, from the workspace). `checkpoint`: the judge of the
    // disagreement queue (empty: the one that scored the most videos).
    void setQueue(QueueKind kind, const QString& checkpoint = {});
    QueueKind queue() const { return m_kind; }
    // The item to show; none when the queue is done.
    const std::optional<SessionItem>& current() const { return m_current; }
    // The one after it, to load while the current one is shown.
    std::optional<SessionItem> following() const;
    // Items left in the queue, the current one included.
    int remaining() const;
    // Assigned, labelled, skipped, flagged and open items of the annotator.
    QueueProgress progress() const;
    // Votes of this session per hour of it.
    double itemsPerHour() const;
    int votesThisSession() const { return m_votes; }

    // Stores the vote on the current item and moves on; returns the label's id. Throws WorkspaceError.
    qint64 vote(const Vote& vote);
    // Leaves the current item for later (assigned queue: it is marked skipped; review queues: passed over).
    void skip();
    // Marks the current assignment for a lead's review; throws WorkspaceError when the pair is not assigned to
    // the annotator.
    void flag();

    bool canUndo() const { return !m_done.isEmpty(); }
    bool canRedo() const { return !m_undone.isEmpty(); }
    // Takes back the last vote, skip or flag; its item is shown again. Returns what was undone, for the
    // status line.
    QString undo();
    QString redo();

private:
    enum class ActionKind { Vote, Skip, Flag };
    struct Action {
        ActionKind kind = ActionKind::Vote;
        SessionItem item;
        Vote vote;
        qint64 labelId = 0;
        int listIndex = 0;
    };

    void apply(Action& action);
    void advance();
    SessionItem itemFor(qint64 pairId, qint64 assignment, bool aOnLeft, const QString& reason) const;
    std::optional<SessionItem> listItem(int index) const;
    QString describe(const Action& action) const;

    Workspace& m_workspace;
    LabelStore m_store;
    LabelQueue m_queue;
    QString m_annotator;
    QueueKind m_kind = QueueKind::Assigned;
    QVector<ReviewItem> m_list; // review queues
    int m_listIndex = 0;
    std::optional<SessionItem> m_current;
    QVector<Action> m_done;
    QVector<Action> m_undone;
    QElapsedTimer m_clock;
    int m_votes = 0;
};

} // namespace svj::annotation
