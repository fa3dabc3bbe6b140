// `svj score --db`: a video's score stored in a workspace (wiring between training/'s VideoScore and
// annotation/'s judge_scores). Built with the Qt layers only (SVJ_HAVE_ANNOTATION).
#pragma once

#include "annotation/judge_scores.h"
#include "model/judge.h"
#include "training/score_run.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace svj::cli {

// A video's score as the workspace keeps it.
annotation::JudgeScoreRecord scoreRecord(const training::VideoScore& score, const model::Judge& judge,
                                         const std::string& checkpoint);

// Throws annotation::WorkspaceError or media::MediaError naming the file.
void storeScoreInWorkspace(const std::string& workspace, const training::VideoScore& score, const model::Judge& judge,
                           const std::string& checkpoint);

// `svj score --reuse`: the newest stored score of `video` (found by content) by `checkpoint`, as `--json`
// prints a score plus "cached": true, when it was stored after the checkpoint file was last written (a
// checkpoint rewritten in place is scored again). Window energies and stage-2 aspects are not stored, so they
// are absent. Throws annotation::WorkspaceError or media::MediaError naming the file.
std::optional<nlohmann::json> storedScoreJson(const std::string& workspace, const std::string& video,
                                              const std::string& checkpoint);
// For ScoreRun: prints a video's stored score (storedScoreJson) as a JSON line and keeps it, when there is one.
training::KeptScore printStoredScores(const std::string& workspace, const std::string& checkpoint);

} // namespace svj::cli
