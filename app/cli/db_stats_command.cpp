// `svj db stats`: agreement, gold accuracy, position bias and the generators' leaderboard of a workspace, as
// text or one JSON object. Wiring only: annotation/'s computeStatistics and statisticsJson do the work.
#include "annotation/statistics_json.h"
#include "annotation/workspace.h"
#include "annotation/workspace_statistics.h"
#include "app/cli/db_actions.h"

#include <QJsonDocument>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

namespace svj::cli {

using annotation::Workspace;

namespace {

std::string figure(double value) {
    if (!std::isfinite(value)) {
        return "n/a";
    }
    char text[16];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

} // namespace

int runStats(const Arguments& arguments) {
    CommandLine commandLine("db stats", {{"json", "", "print the figures as one JSON object"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db stats WORKSPACE [--json]\n\n"
                     "Agreement between annotators on the standing labels (A, B, tie and both-bad as categories):\n"
                     "Cohen's kappa for each pair of annotators, Fleiss' kappa, Krippendorff's alpha, overall and per\n"
                     "aspect, with the judge as one more rater where it scored both videos (`svj score --db`); each\n"
                     "annotator's gold accuracy and left-pick rate; a leaderboard of the generators (Bradley-Terry\n"
                     "with ties, 95 % intervals).\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "stats");
    Workspace workspace = Workspace::open(qs(path), true);
    const annotation::WorkspaceStatistics statistics = annotation::computeStatistics(workspace);
    if (commandLine.flag("json")) {
        std::cout << QJsonDocument(annotation::statisticsJson(statistics)).toJson(QJsonDocument::Compact).toStdString()
                  << "\n";
        return kExitOk;
    }
    std::cout << path << ": " << statistics.pairs << " pairs, " << statistics.labels << " standing labels\n\n";
    for (const annotation::AgreementFigures& figures : statistics.agreement) {
        std::cout << figures.aspect.toStdString() << ": " << figures.items << " pairs rated twice or more; "
                  << "Krippendorff alpha " << figure(figures.krippendorffAlpha) << ", Fleiss kappa "
                  << figure(figures.fleissKappa) << " (" << figures.fleissItems << " pairs)\n";
        for (const annotation::RaterPairAgreement& pair : figures.pairs) {
            std::cout << "  Cohen kappa " << pair.first.toStdString() << " / " << pair.second.toStdString() << ": "
                      << figure(pair.kappa) << " (" << pair.items << " pairs)\n";
        }
    }
    std::cout << "\nannotators:\n";
    for (const annotation::AnnotatorFigures& figures : statistics.annotators) {
        std::cout << "  " << figures.name.toStdString() << ": " << figures.labels << " labels, gold accuracy "
                  << figure(figures.goldAccuracy) << " (" << figures.goldLabels << "), left-pick rate "
                  << figure(figures.leftPickRate) << " (" << figures.sidedDecisive << ")\n";
    }
    std::cout << "\neffort (seconds an item; the smaller share of the two videos watched; decisive votes with less "
                 "than a quarter of either seen):\n";
    for (const annotation::EffortFigures& figures : statistics.effort) {
        std::cout << "  " << figures.name.toStdString() << ": median " << figure(figures.medianSeconds) << " s, p90 "
                  << figure(figures.p90Seconds) << " s, " << figure(figures.itemsPerHour) << " items/h ("
                  << figures.timed << " timed), watched " << figure(figures.meanWatched) << ", "
                  << figures.unwatchedVotes << " votes without watching\n";
    }
    if (!statistics.slowestPairs.isEmpty()) {
        std::cout << "  slowest pairs:";
        for (const annotation::PairEffort& pair : statistics.slowestPairs) {
            std::cout << " " << pair.pair << " (" << figure(pair.medianSeconds) << " s)";
        }
        std::cout << "\n";
    }
    if (!statistics.judge.isEmpty()) {
        std::cout << "\njudge " << statistics.judge.toStdString() << ": accuracy with ties "
                  << figure(statistics.judgeAccuracyWithTies) << " on " << statistics.judgeComparedLabels
                  << " labels at tie threshold " << figure(statistics.judgeTieThreshold)
                  << " (both-bad as a tie; the judge rates with it above)\n";
    }
    if (!statistics.leaderboard.isEmpty()) {
        std::cout << "\ngenerators (Bradley-Terry with ties, tie strength " << figure(statistics.tieStrength) << "):\n";
        for (const annotation::GeneratorRank& rank : statistics.leaderboard) {
            std::cout << "  " << rank.model.toStdString() << "  " << figure(rank.entry.score) << "  ["
                      << figure(rank.entry.low) << ", " << figure(rank.entry.high) << "]  " << rank.entry.wins
                      << " wins, " << rank.entry.ties << " ties in " << rank.entry.comparisons << "\n";
        }
    }
    return kExitOk;
}

} // namespace svj::cli
