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
    TieAccuracy best;
    best.pairs = pairs.size();
    if (pairs.empty()) {
        best.accuracy = std::numeric_limits<double>::quiet_NaN();
        return best;
    }
    Sweep sweep = startSweep(pairs);
    const double total = static_cast<double>(pairs.size());
    best.accuracy = sweep.correct / total;
    double correct = sweep.correct;
    for (size_t i = 0; i < sweep.order.size();) {
        // Every pair with this |margin| crosses the threshold together.
        const double level = std::abs(pairs[sweep.order[i]].margin);
        for (; i < sweep.order.size() && std::abs(pairs[sweep.order[i]].margin) == level; ++i) {
            correct += tieGain(pairs[sweep.order[i]]);
        }
        if (correct / total > best.accuracy) {
            best.accuracy = correct / total;
            best.epsilon = level;
        }
    }
    return best;
}

TieAccuracy referenceTieCalibratedAccuracy(const std::vector<PairOutcome>& pairs) {
    TieAccuracy best;
    best.pairs = pairs.size();
    if (pairs.empty()) {
        best.accuracy = std::numeric_limits<double>::quiet_NaN();
        return best;
    }
    Sweep sweep = startSweep(pairs);
    const double total = static_cast<double>(pairs.size());
    best.accuracy = sweep.correct / total;
    double correct = sweep.correct;
    for (const size_t index : sweep.order) {
        correct += tieGain(pairs[index]);
        if (correct / total > best.accuracy) {
            best.accuracy = correct / total;
            best.epsilon = std::abs(pairs[index].margin);
        }
    }
    return best;
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
