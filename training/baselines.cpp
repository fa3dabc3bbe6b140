#include "training/baselines.h"

#include "media/quality_metrics.h"

#include <algorithm>
#include <cmath>

namespace svj::training {
namespace {

constexpr double kPi = 3.14159265358979323846;

double median(std::vector<double> values) {
    if (values.empty()) {
        return 0.0;
    }
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1) {
        return *middle;
    }
    return 0.5 * (*middle + *std::max_element(values.begin(), middle));
}

media::PackedClip firstFrames(const media::PackedClip& clip, int frames) {
    if (frames <= 0 || frames >= clip.frames) {
        return clip;
    }
    media::PackedClip out = clip;
    out.frames = frames;
    out.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    return out;
}

} // namespace

double ClipFeatures::value(int index) const {
    const double values[kCount] = {block,       blur, temporalOutliers, lumaChange, hueSpread, saturationChange,
                                   irregularity};
    return values[index];
}

const char* ClipFeatures::name(int index) {
    const char* names[kCount] = {"block",       "blur", "tout", "luma change", "hue spread", "saturation change",
                                 "irregularity"};
    return names[index];
}

ClipFeatures measureClipFeatures(const media::PackedClip& clip, int frames, const std::string& name) {
    const media::PackedClip used = firstFrames(clip, frames);
    const std::vector<media::FrameQuality> quality = media::measureFrameQuality(used, name);
    ClipFeatures features;
    const auto count = static_cast<double>(std::max<size_t>(1, quality.size()));
    double sinSum = 0;
    double cosSum = 0;
    for (size_t t = 0; t < quality.size(); ++t) {
        features.block += quality[t].block / count;
        features.blur += quality[t].blur / count;
        features.temporalOutliers += quality[t].tout / count;
        if (t > 0) {
            features.lumaChange += std::abs(quality[t].yavg - quality[t - 1].yavg) / (count - 1);
            features.saturationChange += std::abs(quality[t].satavg - quality[t - 1].satavg) / (count - 1);
        }
        sinSum += std::sin(quality[t].hueavg * kPi / 180);
        cosSum += std::cos(quality[t].hueavg * kPi / 180);
    }
    // Circular spread of the mean hue, in degrees: sqrt(-2 ln R).
    const double resultant = std::hypot(sinSum, cosSum) / count;
    features.hueSpread =
        quality.empty() ? 0.0 : std::sqrt(-2.0 * std::log(std::clamp(resultant, 1e-12, 1.0))) * 180 / kPi;
    features.irregularity = media::frameDifferenceIrregularity(used);
    return features;
}

ClassicalMix::ClassicalMix(const std::vector<ClipFeatures>& testSet) {
    for (int k = 0; k < ClipFeatures::kCount; ++k) {
        std::vector<double> values;
        for (const ClipFeatures& features : testSet) {
            values.push_back(features.value(k));
        }
        m_median[k] = median(values);
        std::vector<double> deviations;
        for (const double value : values) {
            deviations.push_back(std::abs(value - m_median[k]));
        }
        // 1.4826 MAD is the standard deviation for normal data; a feature that never varies adds nothing.
        const double mad = 1.4826 * median(deviations);
        m_scale[k] = mad > 1e-12 ? mad : 0.0;
    }
}

double ClassicalMix::score(const ClipFeatures& features) const {
    double sum = 0;
    for (int k = 0; k < ClipFeatures::kCount; ++k) {
        if (m_scale[k] > 0) {
            sum += (features.value(k) - m_median[k]) / m_scale[k];
        }
    }
    return sum;
}

} // namespace svj::training
