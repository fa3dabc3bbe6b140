#include "annotation/effort_figures.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace svj::annotation {
namespace {

// The q-quantile by linear interpolation between the closest ranks (q = 0.5: the median).
double quantile(std::vector<double> values, double q) {
    if (values.empty()) {
        return NAN;
    }
    std::sort(values.begin(), values.end());
    const double position = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<size_t>(std::floor(position));
    const size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (values[above] - values[below]) * (position - static_cast<double>(below));
}

} // namespace

EffortFigures effortOf(const QString& name, const std::vector<LabelEffort>& labels) {
    EffortFigures figures;
    figures.name = name;
    figures.labels = static_cast<int>(labels.size());
    std::vector<double> seconds;
    double watchedSum = 0.0;
    for (const LabelEffort& label : labels) {
        if (label.seconds >= 0) {
            seconds.push_back(label.seconds);
        }
        if (label.watchedA >= 0 && label.watchedB >= 0) {
            const double least = std::min(label.watchedA, label.watchedB);
            ++figures.watchedKnown;
            watchedSum += least;
            figures.unwatchedVotes += label.decisive && least < kWatchedEnough ? 1 : 0;
        }
    }
    figures.timed = static_cast<int>(seconds.size());
    figures.medianSeconds = quantile(seconds, 0.5);
    figures.p90Seconds = quantile(seconds, 0.9);
    const double total = std::accumulate(seconds.begin(), seconds.end(), 0.0);
    figures.itemsPerHour = total > 0 ? 3600.0 * static_cast<double>(seconds.size()) / total : NAN;
    figures.meanWatched = figures.watchedKnown > 0 ? watchedSum / figures.watchedKnown : NAN;
    return figures;
}

QVector<PairEffort> slowestPairs(const std::vector<LabelEffort>& labels, int count) {
    std::map<qint64, std::vector<double>> byPair;
    for (const LabelEffort& label : labels) {
        if (label.seconds >= 0) {
            byPair[label.pair].push_back(label.seconds);
        }
    }
    QVector<PairEffort> pairs;
    for (const auto& [pair, seconds] : byPair) {
        pairs.append({pair, static_cast<int>(seconds.size()), quantile(seconds, 0.5)});
    }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const PairEffort& x, const PairEffort& y) { return x.medianSeconds > y.medianSeconds; });
    pairs.resize(std::min<qsizetype>(pairs.size(), count));
    return pairs;
}

} // namespace svj::annotation
