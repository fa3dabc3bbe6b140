// From the judge's clip scores to one energy curve over a whole video: each scored window covers some source
// frames (the ones ClipSampler picked); every source frame takes the energy of its nearest sampled frame,
// averaged where windows overlap.
#pragma once

#include <cstdint>
#include <vector>

namespace svj::model {

struct ScoredWindow {
    std::vector<int64_t> sourceFrames; // per clip frame: the source frame index it showed
    std::vector<float> frameEnergies;  // per clip frame (ScoreResult::frameEnergies)
    float energy = 0.0f;               // the window's clip energy
};

struct VideoCurve {
    std::vector<float> frameEnergies; // one per source frame
    float energy = 0.0f;              // mean of the windows' clip energies
    int64_t worstFrame = -1;          // the source frame with the highest energy
};

// `sourceFrameCount` frames in the video. Frames outside every window take the nearest window's edge.
VideoCurve stitchWindows(const std::vector<ScoredWindow>& windows, int64_t sourceFrameCount);

} // namespace svj::model
