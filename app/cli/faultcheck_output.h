// What `svj faultcheck` prints of a check (training/fault_check.h, training/pair_check.h): the result as one
// JSON object, or a line on what was checked and the table.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>

namespace svj::cli {

// A check of whole clips (runFaultCheck's result with "checkpoint" added; empty: the baselines alone).
void printFaultCheck(const nlohmann::json& result, size_t clips, bool json);
// A check of `pairs` tile pairs cut from `clips` clips (PairCheck::run's result with "checkpoint" added).
void printPairCheck(const nlohmann::json& result, size_t pairs, size_t clips, bool json);

} // namespace svj::cli
