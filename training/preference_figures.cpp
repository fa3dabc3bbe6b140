#include "training/preference_figures.h"

#include <cmath>
#include <cstdio>

namespace svj::training {

nlohmann::json preferenceFigures(const std::vector<model::PairOutcome>& pairs) {
    const model::TieAccuracy exact = model::tieCalibratedAccuracy(pairs);
    const model::TieAccuracy reference = model::referenceTieCalibratedAccuracy(pairs);
    const auto number = [](double value) {
        return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
    };
    size_t decisive = 0;
    for (const model::PairOutcome& pair : pairs) {
        decisive += pair.human != 0 ? 1 : 0;
    }
    return {{"pairs", pairs.size()},
            {"with_ties", number(pairs.empty() ? NAN : exact.accuracy)},
            {"epsilon", exact.epsilon},
            {"with_ties_reference_procedure", number(pairs.empty() ? NAN : reference.accuracy)},
            {"reference_epsilon", reference.epsilon},
            {"without_ties", number(model::accuracyWithoutTies(pairs))},
            {"pairs_without_ties", decisive}};
}

std::string describeFigures(const std::string& name, const nlohmann::json& f) {
    const auto value = [&](const char* key) {
        if (f[key].is_null()) {
            return std::string("n/a");
        }
        char text[16];
        std::snprintf(text, sizeof text, "%.3f", f[key].get<double>());
        return std::string(text);
    };
    char line[256];
    std::snprintf(line, sizeof line,
                  "%-10s %6zu pairs   with ties %s (eps %.4g; reference procedure %s)   without ties %s (%zu pairs)",
                  name.c_str(), f["pairs"].get<size_t>(), value("with_ties").c_str(), f["epsilon"].get<double>(),
                  value("with_ties_reference_procedure").c_str(), value("without_ties").c_str(),
                  f["pairs_without_ties"].get<size_t>());
    return line;
}

} // namespace svj::training
