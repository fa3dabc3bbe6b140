#include "model/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace svj::model {
namespace {

int sign(double value) {
    return (value > 0) - (value < 0);
}

// Counts at epsilon = -1, then the change each pair makes when it becomes a predicted tie.
struct Sweep {
    std::vector<size_t> order; // pairs by |margin|, stable
    double correct = 0;        // decisive and right, plus predicted ties the human also called ties
};

Sweep startSweep(const std::vector<PairOutcome>& pairs) {
    Sweep sweep;
    sweep.order.resize(pairs.size());
    std::iota(sweep.order.begin(), sweep.order.end(), 0);
    std::stable_sort(sweep.order.begin(), sweep.order.end(),
                     [&](size_t a, size_t b) { return std::abs(pairs[a].margin) < std::abs(pairs[b].margin); });
    for (const PairOutcome& pair : pairs) {
        if (pair.human != 0 && sign(pair.margin) == pair.human) {
            sweep.correct += 1;
        }
    }
    return sweep;
}

// How a pair's contribution changes when the model stops deciding it and calls it a tie.
double tieGain(const PairOutcome& pair) {
    if (pair.human == 0) {
        return 1.0; // a human tie, now matched
    }
    return sign(pair.margin) == pair.human ? -1.0 : 0.0; // a right call lost, or a wrong one neutralised
}

// Raises the threshold through the sorted |margin|s. `together`: every pair with the same |margin| crosses
// at once (a real threshold); otherwise one pair at a time, as the reference implementation does.
TieAccuracy sweepThresholds(const std::vector<PairOutcome>& pairs, bool together) {
    TieAccuracy best;
    best.pairs = pairs.size();
    if (pairs.empty()) {
        best.accuracy = std::numeric_limits<double>::quiet_NaN();
        return best;
    }
    const Sweep sweep = startSweep(pairs);
    const double total = static_cast<double>(pairs.size());
    best.accuracy = sweep.correct / total;
    double correct = sweep.correct;
    for (size_t i = 0; i < sweep.order.size();) {
        const double level = std::abs(pairs[sweep.order[i]].margin);
        do {
            correct += tieGain(pairs[sweep.order[i]]);
            ++i;
        } while (together && i < sweep.order.size() && std::abs(pairs[sweep.order[i]].margin) == level);
        if (correct / total > best.accuracy) {
            best.accuracy = correct / total;
            best.epsilon = level;
        }
    }
    return best;
}

} // namespace

double accuracyAtThreshold(const std::vector<PairOutcome>& pairs, double epsilon) {
    if (pairs.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    double correct = 0;
    for (const PairOutcome& pair : pairs) {
        const bool predictedTie = std::abs(pair.margin) <= epsilon;
        if (predictedTie) {
            correct += pair.human == 0 ? 1 : 0;
        } else if (pair.human != 0 && sign(pair.margin) == pair.human) {
            correct += 1;
        }
    }
    return correct / static_cast<double>(pairs.size());
}

TieAccuracy tieCalibratedAccuracy(const std::vector<PairOutcome>& pairs) {
    return sweepThresholds(pairs, true);
}

TieAccuracy referenceTieCalibratedAccuracy(const std::vector<PairOutcome>& pairs) {
    return sweepThresholds(pairs, false);
}

double accuracyWithoutTies(const std::vector<PairOutcome>& pairs) {
    double counted = 0;
    double correct = 0;
    for (const PairOutcome& pair : pairs) {
        if (pair.human == 0) {
            continue;
        }
        counted += 1;
        correct += sign(pair.margin) == pair.human ? 1 : 0;
    }
    return counted == 0 ? std::numeric_limits<double>::quiet_NaN() : correct / counted;
}

} // namespace svj::model
