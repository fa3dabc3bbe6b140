// Which video frames each latent frame of the judge covers (CogVideoX's causal VAE compresses time 4x):
// latent 0 covers frame 0 alone; latent k >= 1 covers frames 4k-3 ... 4k.
#pragma once

#include <utility>
#include <vector>

namespace svj::model {

inline constexpr int kTemporalCompression = 4;

// Number of latent frames for `frames` = 1 + 4k video frames (rounded down for other counts): 49 -> 13.
int latentFrameCount(int frames);
// Video frames a latent frame covers: [first, last], both inclusive.
std::pair<int, int> videoFramesOfLatent(int latentIndex);
// The latent frame a video frame belongs to.
int latentOfVideoFrame(int frameIndex);
// Spreads per-latent values over the video frames of a clip: frames 4k-3 ... 4k take latent k's value.
std::vector<float> latentToFrameCurve(const std::vector<float>& latentValues, int frames);

} // namespace svj::model
