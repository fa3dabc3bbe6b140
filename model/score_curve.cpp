#include "model/score_curve.h"

#include "model/model_error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace svj::model {

VideoCurve stitchWindows(const std::vector<ScoredWindow>& windows, int64_t sourceFrameCount) {
    VideoCurve curve;
    if (sourceFrameCount <= 0) {
        return curve;
    }
    std::vector<double> sum(static_cast<size_t>(sourceFrameCount), 0.0);
    std::vector<double> weight(static_cast<size_t>(sourceFrameCount), 0.0);
    double total = 0.0;
    for (const ScoredWindow& window : windows) {
        if (window.sourceFrames.size() != window.frameEnergies.size() || window.sourceFrames.empty() ||
            (!window.frameWeights.empty() && window.frameWeights.size() != window.sourceFrames.size())) {
            throw ModelError("a scored window needs one energy (and weight, when weighted) per sampled frame");
        }
        // Each sampled frame stands for the source frames from itself up to the next sampled one.
        const int64_t first = window.sourceFrames.front();
        const int64_t last = window.sourceFrames.back();
        size_t sample = 0;
        for (int64_t frame = first; frame <= last && frame < sourceFrameCount; ++frame) {
            while (sample + 1 < window.sourceFrames.size() && window.sourceFrames[sample + 1] <= frame) {
                ++sample;
            }
            if (frame < 0) {
                continue;
            }
            const double w = window.frameWeights.empty() ? 1.0 : window.frameWeights[sample];
            sum[static_cast<size_t>(frame)] += w * window.frameEnergies[sample];
            weight[static_cast<size_t>(frame)] += w;
        }
    }
    curve.frameEnergies.assign(static_cast<size_t>(sourceFrameCount), std::numeric_limits<float>::quiet_NaN());
    for (size_t i = 0; i < sum.size(); ++i) {
        if (weight[i] > 0) {
            curve.frameEnergies[i] = static_cast<float>(sum[i] / weight[i]);
        }
    }
    // Frames no window reached (the tail after the last sample): carry the nearest value.
    float carry = std::numeric_limits<float>::quiet_NaN();
    for (float& value : curve.frameEnergies) {
        if (std::isnan(value)) {
            value = carry;
        } else {
            carry = value;
        }
    }
    carry = std::numeric_limits<float>::quiet_NaN();
    for (auto it = curve.frameEnergies.rbegin(); it != curve.frameEnergies.rend(); ++it) {
        if (std::isnan(*it)) {
            *it = carry;
        } else {
            carry = *it;
        }
    }
    for (const float value : curve.frameEnergies) {
        total += std::isnan(value) ? 0.0 : value;
    }
    curve.energy = windows.empty() ? 0.0f : static_cast<float>(total / static_cast<double>(sourceFrameCount));
    const auto worst = std::max_element(curve.frameEnergies.begin(), curve.frameEnergies.end(),
                                        [](float a, float b) { return std::isnan(a) || (!std::isnan(b) && a < b); });
    if (worst != curve.frameEnergies.end() && !std::isnan(*worst)) {
        curve.worstFrame = worst - curve.frameEnergies.begin();
    }
    return curve;
}

} // namespace svj::model
