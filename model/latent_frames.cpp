#include "model/latent_frames.h"

#include "model/model_error.h"

#include <algorithm>
#include <string>

namespace svj::model {

int latentFrameCount(int frames) {
    if (frames < 1) {
        throw ModelError("a clip needs at least one frame, got " + std::to_string(frames));
    }
    return 1 + (frames - 1) / kTemporalCompression;
}

std::pair<int, int> videoFramesOfLatent(int latentIndex) {
    if (latentIndex < 0) {
        throw ModelError("latent frame index must not be negative");
    }
    if (latentIndex == 0) {
        return {0, 0};
    }
    return {kTemporalCompression * latentIndex - (kTemporalCompression - 1), kTemporalCompression * latentIndex};
}

int latentOfVideoFrame(int frameIndex) {
    if (frameIndex < 0) {
        throw ModelError("frame index must not be negative");
    }
    return frameIndex == 0 ? 0 : (frameIndex + kTemporalCompression - 1) / kTemporalCompression;
}

std::vector<float> latentToFrameCurve(const std::vector<float>& latentValues, int frames) {
    std::vector<float> curve(static_cast<size_t>(frames > 0 ? frames : 0));
    if (latentValues.empty()) {
        return curve;
    }
    for (int frame = 0; frame < frames; ++frame) {
        const int latent = latentOfVideoFrame(frame);
        curve[static_cast<size_t>(frame)] =
            latentValues[static_cast<size_t>(std::min<int>(latent, static_cast<int>(latentValues.size()) - 1))];
    }
    return curve;
}

} // namespace svj::model
