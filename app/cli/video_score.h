// A whole video through the judge: the windows that cover it, their scores, and the stitched curve. Shared
// by `svj score` and `svj eval`.
#pragma once

#include "app/cli/command_line.h"
#include "model/judge.h"
#include "model/score_curve.h"

#include <atomic>
#include <cstdint>
#include <functional>
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
    float reward = 0.0f;             // mean over windows, stage-2 judges only (higher = better)
    bool stage2 = false;
    int tilesPerFrame = 1; // how many tiles of each frame the judge saw (1: the whole frame, resized)

    // How good the judge finds the video, higher = better: a stage-2 judge's reward, else minus the energy.
    double preference() const { return stage2 ? static_cast<double>(reward) : -static_cast<double>(curve.energy); }
    // The score on one aspect where a stage-2 judge has it (by name), else preference().
    double aspectPreference(const model::JudgeConfig& config, const std::string& aspect) const;
};

// The checkpoint a scoring command uses: --ckpt, else the shipped default judge (throws model::ModelError
// saying where it looked when there is none).
std::string chosenCheckpoint(const CommandLine& commandLine);

// Called after each window the judge scored (done of total), for progress.
using WindowScored = std::function<void(size_t done, size_t total)>;

// Throws media::MediaError for a video that cannot be read, model::Cancelled when `stop` is set.
VideoScore scoreVideo(model::Judge& judge, const std::string& path, const std::atomic<bool>& stop,
                      const WindowScored& onWindow = {});

} // namespace svj::cli
