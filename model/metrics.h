// Pairwise accuracy of a judge against human preferences, as VideoGen-RewardBench and GT-SVJ report it:
// with ties (Deutsch et al., "Ties Matter", EMNLP 2023: tie-calibrated, the tie threshold swept) and without.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace svj::model {

// One labelled pair: human = +1 (A preferred), -1 (B preferred), 0 (tie); margin = score(A) - score(B),
// higher scores better (for energies: score = -energy).
struct PairOutcome {
    int human = 0;
    double margin = 0.0;
};

struct TieAccuracy {
    double accuracy = 0.0; // best over thresholds
    double epsilon = -1.0; // the threshold that gives it (-1: the model predicts no tie)
    size_t pairs = 0;
};

// Three-way accuracy at threshold epsilon: |margin| <= epsilon is a predicted tie; a decisive prediction
// counts when its sign agrees with the human's.
double accuracyAtThreshold(const std::vector<PairOutcome>& pairs, double epsilon);

// The best accuracy over every distinct threshold |margin| (and -1), with the threshold. Exact: pairs whose
// |margin| is equal are always on the same side of the threshold.
TieAccuracy tieCalibratedAccuracy(const std::vector<PairOutcome>& pairs);

// VideoGen-RewardBench's reference procedure: start at epsilon = -1 and turn pairs into predicted ties one
// at a time in increasing |margin| (stable in input order), evaluating after each. With repeated |margin|
// values it also visits states between two real thresholds and can report a little more than any single
// threshold gives; with continuous scores it equals tieCalibratedAccuracy. Use it to match published numbers.
TieAccuracy referenceTieCalibratedAccuracy(const std::vector<PairOutcome>& pairs);

// Binary accuracy over the pairs the human did not call a tie, at epsilon = -1: a margin of exactly 0
// counts as wrong (as in the reference implementation). NaN when there is no such pair.
double accuracyWithoutTies(const std::vector<PairOutcome>& pairs);

} // namespace svj::model
