// From the judge's clip scores to one energy curve over a whole video: each scored window covers some source
// frames (the ones the judge was shown); every source frame takes the energy of the sampled frame on screen
// at its time, averaged (with the samples' weights) where windows overlap.
#pragma once

#include <cstdint>
#include <vector>

namespace svj::model {

struct ScoredWindow {
    std::vector<int64_t> sourceFrames; // per clip frame: the source frame index it showed
    std::vector<float> frameEnergies;  // per clip frame (ScoreResult::frameEnergies)
    float energy = 0.0f;               // the window's clip energy
    // Per clip frame, how much it counts where windows overlap (empty: 1 each). A window's first latent
    // frame sees one picture where the others see four; where another window covers the same moment with
    // a full latent frame, it gets weight 0.
    std::vector<float> frameWeights;
};

struct VideoCurve {
    std::vector<float> frameEnergies; // one per source frame
    float energy = 0.0f;              // the video's energy: the mean of the per-frame curve
    int64_t worstFrame = -1;          // the source frame with the highest energy
};

// `sourceFrameCount` frames in the video. Frames outside every window take the nearest window's edge.
VideoCurve stitchWindows(const std::vector<ScoredWindow>& windows, int64_t sourceFrameCount);

} // namespace svj::model
