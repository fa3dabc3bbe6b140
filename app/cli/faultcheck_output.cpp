// What `svj faultcheck` prints of a check: one JSON object, or a line on what was checked and the table.
#include "app/cli/faultcheck_output.h"

#include "model/json_text.h"
#include "training/fault_check.h"
#include "training/pair_check.h"

#include <iostream>
#include <string>

namespace svj::cli {

void printFaultCheck(const nlohmann::json& result, size_t clips, bool json) {
    if (json) {
        std::cout << svj::model::jsonText(result) << "\n";
        return;
    }
    const std::string checkpoint = result.value("checkpoint", std::string());
    std::cout << (checkpoint.empty() ? std::string("baselines") : checkpoint) << ": " << clips << " clips, "
              << result.value("pairs", 0) << " clean-vs-broken pairs (" << result.value("invisible_pairs_left_out", 0)
              << " unchanged copies left out)\n"
              << training::describeFaultCheck(result);
}

void printPairCheck(const nlohmann::json& result, size_t pairs, size_t clips, bool json) {
    if (json) {
        std::cout << svj::model::jsonText(result) << "\n";
        return;
    }
    std::cout << result.value("checkpoint", std::string()) << ": " << pairs << " tile pairs from " << clips
              << " clips\n"
              << training::describePairCheck(result);
}

} // namespace svj::cli
