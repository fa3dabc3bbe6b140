// `svj eval`'s work between annotation/'s preference pairs and training/: the pairs' videos scored by our judge
// (training::ScoreRun), each pair's margin (score of A minus score of B) against its human verdict, overall and per
// aspect (a stage-2 judge's own aspect score where it has one), as training/preference_figures reports them.
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

// Scores every video of `file` with the judge at `checkpoint`: its preference, and its own score on each aspect the
// file rates where it has one (a stage-2 judge). Throws media::MediaError for the first video that cannot be read,
// model::ModelError, model::Cancelled on SIGINT / SIGTERM.
void scoreWithJudge(const annotation::PreferenceFile& file, const std::string& checkpoint, int threads, Scores& scores,
                    std::map<std::string, Scores>& aspectScores);

// {"overall": figures, "aspects": {name: figures}}. Every video of `file` must have a score.
nlohmann::json pairFigures(const annotation::PreferenceFile& file, const Scores& scores,
                           const std::map<std::string, Scores>& aspectScores);

// `result` (pairs_file, format, scores_from and the figures) as one JSON line, or a few lines for a person.
void printPairFigures(const nlohmann::json& result, bool json);

} // namespace svj::cli
