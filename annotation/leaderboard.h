// A ranking of generators from pairwise human verdicts: Davidson's Bradley-Terry model with ties fitted
// by maximum likelihood (Newton's method, a weak ridge prior so every model has a finite score), with
// 95 % confidence intervals from the observed information. Plain std code.
#pragma once

#include <string>
#include <vector>

namespace svj::annotation {

struct Comparison {
    int a = 0; // model indices
    int b = 0;
    int outcome = 0; // 0: a preferred, 1: b preferred, 2: tie
};

struct LeaderboardEntry {
    int model = 0;
    double score = 0.0; // log-strength, centred on the mean over models
    double low = 0.0;   // 95 % interval
    double high = 0.0;
    int comparisons = 0;
    int wins = 0;
    int ties = 0;
};

struct Leaderboard {
    std::vector<LeaderboardEntry> entries; // best first
    double tieStrength = 0.0;              // Davidson's nu
    int iterations = 0;
    bool converged = false;
};

// `models` models; comparisons between them. `ridge` is the prior's precision on each log-strength.
Leaderboard fitLeaderboard(int models, const std::vector<Comparison>& comparisons, double ridge = 1e-3);

} // namespace svj::annotation
