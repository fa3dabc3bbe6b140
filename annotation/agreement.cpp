#include "annotation/agreement.h"

#include <cmath>
#include <map>

namespace svj::annotation {

double cohenKappa(const std::vector<int>& a, const std::vector<int>& b, int categories) {
    if (a.empty() || a.size() != b.size() || categories < 1) {
        return NAN;
    }
    std::vector<double> marginalA(static_cast<size_t>(categories), 0.0);
    std::vector<double> marginalB(static_cast<size_t>(categories), 0.0);
    double agree = 0.0;
    for (size_t i = 0; i < a.size(); ++i) {
        marginalA[static_cast<size_t>(a[i])] += 1.0;
        marginalB[static_cast<size_t>(b[i])] += 1.0;
        agree += a[i] == b[i] ? 1.0 : 0.0;
    }
    const double n = static_cast<double>(a.size());
    double expected = 0.0;
    for (int c = 0; c < categories; ++c) {
        expected += (marginalA[static_cast<size_t>(c)] / n) * (marginalB[static_cast<size_t>(c)] / n);
    }
    if (expected >= 1.0) {
        return NAN;
    }
    return (agree / n - expected) / (1.0 - expected);
}

double fleissKappa(const std::vector<std::vector<int>>& counts) {
    if (counts.empty()) {
        return NAN;
    }
    const size_t categories = counts.front().size();
    int raters = 0;
    for (const int value : counts.front()) {
        raters += value;
    }
    if (raters < 2) {
        return NAN;
    }
    std::vector<double> totals(categories, 0.0);
    double meanAgreement = 0.0;
    for (const std::vector<int>& item : counts) {
        int sum = 0;
        double pairs = 0.0;
        for (size_t c = 0; c < categories; ++c) {
            sum += item[c];
            totals[c] += item[c];
            pairs += static_cast<double>(item[c]) * (item[c] - 1);
        }
        if (sum != raters || item.size() != categories) {
            return NAN; // Fleiss' kappa needs the same number of ratings on every item
        }
        meanAgreement += pairs / (static_cast<double>(raters) * (raters - 1));
    }
    const double items = static_cast<double>(counts.size());
    meanAgreement /= items;
    double expected = 0.0;
    for (const double total : totals) {
        const double share = total / (items * raters);
        expected += share * share;
    }
    if (expected >= 1.0) {
        return NAN;
    }
    return (meanAgreement - expected) / (1.0 - expected);
}

double krippendorffAlphaNominal(const std::vector<std::vector<int>>& ratings) {
    // The coincidence matrix: every ordered pair of values within a unit, weighted 1 / (m_u - 1).
    std::map<std::pair<int, int>, double> coincidences;
    std::map<int, double> marginals;
    double total = 0.0;
    for (const std::vector<int>& unit : ratings) {
        std::vector<int> values;
        for (const int value : unit) {
            if (value >= 0) {
                values.push_back(value);
            }
        }
        const size_t m = values.size();
        if (m < 2) {
            continue;
        }
        for (size_t i = 0; i < m; ++i) {
            for (size_t j = 0; j < m; ++j) {
                if (i != j) {
                    coincidences[{values[i], values[j]}] += 1.0 / static_cast<double>(m - 1);
                }
            }
            marginals[values[i]] += 1.0;
        }
        total += static_cast<double>(m);
    }
    if (total < 2.0) {
        return NAN;
    }
    double observed = 0.0; // disagreeing coincidences
    for (const auto& [pair, weight] : coincidences) {
        observed += pair.first != pair.second ? weight : 0.0;
    }
    double expected = 0.0;
    for (const auto& [c, nc] : marginals) {
        for (const auto& [k, nk] : marginals) {
            expected += c != k ? nc * nk : 0.0;
        }
    }
    expected /= (total - 1.0);
    if (expected <= 0.0) {
        return NAN; // one value throughout: no variation to agree on
    }
    return 1.0 - observed / expected;
}

} // namespace svj::annotation
