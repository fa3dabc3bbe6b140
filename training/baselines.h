// The two judges that need no learning, measured beside ours on the same pairs: (a) the irregularity of the
// frame-to-frame change (coefficient of variation of the mean absolute difference of consecutive grey
// frames); (b) a classical no-reference mix: FFmpeg's blockdetect, blurdetect and signalstats (temporal
// outliers, change of mean luma, spread of mean hue, change of mean saturation) plus (a), each as a robust
// z-score over the test set, summed. Higher = worse for both.
#pragma once

#include "media/video_faults.h"

#include <string>
#include <vector>

namespace svj::training {

struct ClipFeatures {
    double block = 0;            // mean lavfi.block
    double blur = 0;             // mean lavfi.blur
    double temporalOutliers = 0; // mean TOUT
    double lumaChange = 0;       // mean |YAVG(t) - YAVG(t-1)|
    double hueSpread = 0;        // standard deviation of HUEAVG (circular)
    double saturationChange = 0; // mean |SATAVG(t) - SATAVG(t-1)|
    double irregularity = 0;     // baseline (a)

    static constexpr int kCount = 7;
    double value(int index) const;
    static const char* name(int index);
};

// The first `frames` frames (all when 0) of a clip through FFmpeg's filters and the frame differences.
ClipFeatures measureClipFeatures(const media::PackedClip& clip, int frames, const std::string& name);

// Baseline (b): each feature's median and spread over a test set, then a sum of robust z-scores.
class ClassicalMix {
public:
    explicit ClassicalMix(const std::vector<ClipFeatures>& testSet);
    double score(const ClipFeatures& features) const;

private:
    double m_median[ClipFeatures::kCount] = {};
    double m_scale[ClipFeatures::kCount] = {};
};

} // namespace svj::training
