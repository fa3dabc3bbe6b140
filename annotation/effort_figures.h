// What a lead wants to know of the annotators' work beside agreement: how long an item takes (median, p90), items
// per hour, how much of each video was watched before the vote, and who voted without watching; per annotator,
// for everyone, and the pairs that take longest. From what every label records (seconds_spent, watched_a/b).
#pragma once

#include <QString>
#include <QVector>

#include <vector>

namespace svj::annotation {

// A vote counts as "without watching" when either video was seen less than this share of its length.
inline constexpr double kWatchedEnough = 0.25;

struct LabelEffort {
    qint64 pair = 0;
    double seconds = -1.0;  // on the item, -1 unknown
    double watchedA = -1.0; // share of A watched before the vote, -1 unknown
    double watchedB = -1.0;
    bool decisive = false; // A or B (a tie or both-bad says less about not having watched)
};

struct EffortFigures {
    QString name;               // the annotator, or "everyone"
    int labels = 0;             // standing labels
    int timed = 0;              // of them with the time known
    double medianSeconds = 0.0; // NaN without timed labels
    double p90Seconds = 0.0;
    double itemsPerHour = 0.0; // 3600 / mean seconds on an item
    int watchedKnown = 0;      // labels with both watched shares known
    double meanWatched = 0.0;  // mean of the smaller share of the two videos; NaN without them
    int unwatchedVotes = 0;    // decisive votes with a share below kWatchedEnough
};

struct PairEffort {
    qint64 pair = 0;
    int timed = 0;
    double medianSeconds = 0.0;
};

EffortFigures effortOf(const QString& name, const std::vector<LabelEffort>& labels);
// The `count` pairs whose timed labels took longest (by median), longest first.
QVector<PairEffort> slowestPairs(const std::vector<LabelEffort>& labels, int count);

} // namespace svj::annotation
