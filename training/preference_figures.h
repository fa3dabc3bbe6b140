// Pairwise accuracy figures as `svj eval` and `svj finetune` report them: with ties (exact sweep and the
// reference procedure), without ties, pair counts; as JSON and as one printed line.
#pragma once

#include "model/metrics.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace svj::training {

// {"pairs", "with_ties", "epsilon", "with_ties_reference_procedure", "reference_epsilon", "without_ties",
//  "pairs_without_ties"}; accuracies that cannot be computed are null.
nlohmann::json preferenceFigures(const std::vector<model::PairOutcome>& pairs);

// "overall      12 pairs   with ties 0.583 (eps 0.01; reference procedure 0.583)   without ties 0.700 (10 pairs)"
std::string describeFigures(const std::string& name, const nlohmann::json& figures);

} // namespace svj::training
