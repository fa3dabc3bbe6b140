// A whole video through the judge: the windows that cover it, their scores, and the stitched curve. Shared
// by `svj score` and `svj eval`.
#pragma once

#include "app/cli/command_line.h"
#include "model/judge.h"
#include "model/score_curve.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace svj::cli {

struct VideoScore {
    std::string path;
    int64_t frameCount = 0;
    double fps = 0.0;
    std::vector<int64_t> framePtsUs;
    std::vector<model::ScoredWindow> windows;
    model::VideoCurve curve;
    std::vector<float> aspectScores; // mean over windows, stage-2 judges only
};

// The checkpoint a scoring command uses: --ckpt, else the shipped default judge (throws model::ModelError
// saying where it looked when there is none).
std::string chosenCheckpoint(const CommandLine& commandLine);

// Throws media::MediaError for a video that cannot be read, model::Cancelled when `stop` is set.
VideoScore scoreVideo(model::Judge& judge, const std::string& path, const std::atomic<bool>& stop);

} // namespace svj::cli
