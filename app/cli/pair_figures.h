// `svj eval`'s figures: each labelled pair's margin (score of A minus score of B) against its human verdict,
// overall and per aspect (a stage-2 judge's own aspect score where it has one), as training/preference_figures
// reports them. Wiring between annotation/'s preference pairs and training/'s figures.
#pragma once

#include "annotation/preference_file.h"
#include "app/cli/scores_file.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace svj::cli {

// Every video of `file`'s pairs once, in the order they first appear.
std::vector<std::string> pairVideos(const annotation::PreferenceFile& file);

// {"overall": figures, "aspects": {name: figures}}. Every video of `file` must have a score.
nlohmann::json pairFigures(const annotation::PreferenceFile& file, const Scores& scores,
                           const std::map<std::string, Scores>& aspectScores);

} // namespace svj::cli
