// No-learning measures of video quality, the baselines every judge is compared with: FFmpeg's own
// no-reference filters (blockdetect, blurdetect, signalstats) per frame, and the irregularity of the
// frame-to-frame change.
#pragma once

#include "media/video_faults.h"

#include <string>
#include <vector>

namespace svj::media {

// One frame through `blockdetect,blurdetect,signalstats=stat=tout`.
struct FrameQuality {
    double block = 0.0;  // lavfi.block: blockiness, higher = more blocky
    double blur = 0.0;   // lavfi.blur: higher = blurrier
    double tout = 0.0;   // lavfi.signalstats.TOUT: share of temporal outlier pixels
    double yavg = 0.0;   // lavfi.signalstats.YAVG: mean luma
    double hueavg = 0.0; // lavfi.signalstats.HUEAVG: mean hue, degrees
    double satavg = 0.0; // lavfi.signalstats.SATAVG: mean saturation
};

// Every frame of `clip` measured by FFmpeg's filters (`name` appears in errors).
std::vector<FrameQuality> measureFrameQuality(const PackedClip& clip, const std::string& name);

// Mean absolute difference between consecutive grey (BT.601 luma) frames, per frame pair.
std::vector<double> greyFrameDifferences(const PackedClip& clip);
// Their coefficient of variation (standard deviation / mean; 0 for fewer than two differences or a still
// clip): steady motion gives a low value, stutters, drops and freezes a high one.
double frameDifferenceIrregularity(const PackedClip& clip);

} // namespace svj::media
