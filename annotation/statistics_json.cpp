#include "annotation/statistics_json.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>

namespace svj::annotation {
namespace {

QJsonValue number(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

} // namespace

QJsonObject statisticsJson(const WorkspaceStatistics& statistics) {
    QJsonObject json{{QStringLiteral("pairs"), statistics.pairs},
                     {QStringLiteral("labels"), statistics.labels},
                     {QStringLiteral("judge"), statistics.judge}};
    QJsonArray agreement;
    for (const AgreementFigures& figures : statistics.agreement) {
        QJsonArray pairs;
        for (const RaterPairAgreement& pair : figures.pairs) {
            pairs.append(QJsonObject{{QStringLiteral("first"), pair.first},
                                     {QStringLiteral("second"), pair.second},
                                     {QStringLiteral("items"), pair.items},
                                     {QStringLiteral("cohen_kappa"), number(pair.kappa)}});
        }
        agreement.append(QJsonObject{{QStringLiteral("aspect"), figures.aspect},
                                     {QStringLiteral("items"), figures.items},
                                     {QStringLiteral("fleiss_kappa"), number(figures.fleissKappa)},
                                     {QStringLiteral("fleiss_items"), figures.fleissItems},
                                     {QStringLiteral("krippendorff_alpha"), number(figures.krippendorffAlpha)},
                                     {QStringLiteral("cohen"), pairs}});
    }
    json.insert(QStringLiteral("agreement"), agreement);
    QJsonArray annotators;
    for (const AnnotatorFigures& figures : statistics.annotators) {
        annotators.append(QJsonObject{{QStringLiteral("name"), figures.name},
                                      {QStringLiteral("labels"), figures.labels},
                                      {QStringLiteral("gold_labels"), figures.goldLabels},
                                      {QStringLiteral("gold_accuracy"), number(figures.goldAccuracy)},
                                      {QStringLiteral("left_pick_rate"), number(figures.leftPickRate)},
                                      {QStringLiteral("sided_decisive_labels"), figures.sidedDecisive}});
    }
    json.insert(QStringLiteral("annotators"), annotators);
    QJsonArray leaderboard;
    for (const GeneratorRank& rank : statistics.leaderboard) {
        leaderboard.append(QJsonObject{{QStringLiteral("model"), rank.model},
                                       {QStringLiteral("score"), rank.entry.score},
                                       {QStringLiteral("low"), number(rank.entry.low)},
                                       {QStringLiteral("high"), number(rank.entry.high)},
                                       {QStringLiteral("comparisons"), rank.entry.comparisons},
                                       {QStringLiteral("wins"), rank.entry.wins},
                                       {QStringLiteral("ties"), rank.entry.ties}});
    }
    json.insert(QStringLiteral("leaderboard"), leaderboard);
    QJsonArray effort;
    for (const EffortFigures& figures : statistics.effort) {
        effort.append(QJsonObject{{QStringLiteral("name"), figures.name},
                                  {QStringLiteral("labels"), figures.labels},
                                  {QStringLiteral("timed_labels"), figures.timed},
                                  {QStringLiteral("median_seconds"), number(figures.medianSeconds)},
                                  {QStringLiteral("p90_seconds"), number(figures.p90Seconds)},
                                  {QStringLiteral("items_per_hour"), number(figures.itemsPerHour)},
                                  {QStringLiteral("watched_known"), figures.watchedKnown},
                                  {QStringLiteral("mean_least_watched"), number(figures.meanWatched)},
                                  {QStringLiteral("votes_without_watching"), figures.unwatchedVotes}});
    }
    json.insert(QStringLiteral("effort"), effort);
    QJsonArray slowest;
    for (const PairEffort& pair : statistics.slowestPairs) {
        slowest.append(QJsonObject{{QStringLiteral("pair"), pair.pair},
                                   {QStringLiteral("timed_labels"), pair.timed},
                                   {QStringLiteral("median_seconds"), number(pair.medianSeconds)}});
    }
    json.insert(QStringLiteral("slowest_pairs"), slowest);
    json.insert(QStringLiteral("judge_tie_threshold"), statistics.judgeTieThreshold);
    json.insert(QStringLiteral("judge_accuracy_with_ties"), number(statistics.judgeAccuracyWithTies));
    json.insert(QStringLiteral("judge_compared_labels"), statistics.judgeComparedLabels);
    return json;
}

} // namespace svj::annotation
