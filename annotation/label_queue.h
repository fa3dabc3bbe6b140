// Who labels what, in which order and with which side on the left: assignments with k-way overlap (no
// annotator gets a pair twice), each annotator's order and sides drawn at random and recorded, the next item
// for an annotator, skip and flag. Resumable: the queue is the database. An item is `done` once its annotator
// labels the pair (LabelStore keeps that state, and an undo reopens it), so the next item is found without
// scanning the finished ones.
#pragma once

#include "annotation/label_store.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>
#include <optional>

namespace svj::annotation {

struct QueueItem {
    qint64 assignment = 0;
    qint64 pairId = 0;
    int position = 0;
    bool aOnLeft = true; // show video A on the left
};

struct QueueProgress {
    int assigned = 0;
    int labelled = 0; // with a standing label by the annotator
    int skipped = 0;
    int flagged = 0;
    int open = 0; // still to do
};

class LabelQueue {
public:
    explicit LabelQueue(Workspace& workspace);

    // Gives every pair that has fewer than `overlap` annotators more, to the annotators with the fewest
    // assignments; each annotator's new items go after the ones they have, in a random order, each with a
    // random side. Returns how many assignments were made. One transaction.
    int assign(const QStringList& annotators, int overlap, uint64_t seed);
    // The annotator's first open item (by position) without a standing label from them; none when done.
    std::optional<QueueItem> next(const QString& annotator) const;
    // The annotator's first `count` open items, in order (the GUI loads the second while the first is shown).
    QVector<QueueItem> upcoming(const QString& annotator, int count) const;
    // The annotator's assignment of a pair (for the side it was shown on), if any.
    std::optional<QueueItem> assignmentOf(const QString& annotator, qint64 pairId) const;
    void skip(qint64 assignment);
    void flag(qint64 assignment);
    void reopen(qint64 assignment);
    QueueProgress progress(const QString& annotator) const;
    // Everyone with assignments, by name.
    QStringList annotators() const;

private:
    void setState(qint64 assignment, const char* state);
    Workspace& m_workspace;
};

} // namespace svj::annotation
