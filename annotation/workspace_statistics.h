// What the labels of a workspace say: agreement between annotators (Cohen's kappa per pair of annotators,
// Fleiss' kappa, Krippendorff's alpha; ties and both-bad as categories; overall and per aspect, the judge as
// one more rater where it scored both videos), each annotator's gold accuracy and left-pick rate, and a
// leaderboard of the generators.
#pragma once

#include "annotation/effort_figures.h"
#include "annotation/label_store.h"
#include "annotation/leaderboard.h"

#include <QString>
#include <QVector>

namespace svj::annotation {

struct RaterPairAgreement {
    QString first;
    QString second;
    int items = 0;
    double kappa = 0.0; // NaN when undefined
};

struct AgreementFigures {
    QString aspect;           // "overall" or the aspect's name
    int items = 0;            // pairs with two or more ratings
    double fleissKappa = 0.0; // over the items with the most common number of ratings
    int fleissItems = 0;
    double krippendorffAlpha = 0.0;
    QVector<RaterPairAgreement> pairs;
};

struct AnnotatorFigures {
    QString name;
    int labels = 0;
    int goldLabels = 0;
    double goldAccuracy = 0.0; // NaN without gold labels
    int sidedDecisive = 0;     // decisive labels whose screen side is known
    double leftPickRate = 0.0; // NaN without them; 0.5 = no position bias
};

struct GeneratorRank {
    QString model;
    LeaderboardEntry entry;
};

struct WorkspaceStatistics {
    int pairs = 0;
    int labels = 0;
    // "overall" (annotators only) first, then "overall, judge as a rater" when the judge scored pairs, then
    // each aspect (annotators only).
    QVector<AgreementFigures> agreement;
    QVector<AnnotatorFigures> annotators;
    QVector<GeneratorRank> leaderboard;
    double tieStrength = 0.0;
    QString judge; // the checkpoint rated as "judge" (its newest scores), empty when none
    // The judge's margin within this much of zero is a tie: the threshold that makes its accuracy with ties on
    // the standing labels highest (both-bad counts as a tie), as VideoGen-RewardBench sweeps it.
    double judgeTieThreshold = 0.0;
    double judgeAccuracyWithTies = 0.0; // NaN without a judge
    int judgeComparedLabels = 0;        // standing labels on pairs the judge scored both videos of
    // Effort: everyone first, then each annotator by name; the pairs that take longest.
    QVector<EffortFigures> effort;
    QVector<PairEffort> slowestPairs;
};

WorkspaceStatistics computeStatistics(const Workspace& workspace);

} // namespace svj::annotation
