// `svj score --db`: a video's score stored in a workspace (wiring between the CLI's VideoScore and
// annotation/'s judge_scores). Built with the Qt layers only (SVJ_HAVE_ANNOTATION).
#pragma once

#include "app/cli/video_score.h"
#include "model/judge.h"

#include <string>

namespace svj::cli {

// Throws annotation::WorkspaceError or media::MediaError naming the file.
void storeScoreInWorkspace(const std::string& workspace, const VideoScore& score, const model::Judge& judge,
                           const std::string& checkpoint);

} // namespace svj::cli
