// Internal to media/: the timeline of one video stream, built by demuxing its packets once.
#pragma once

#include "media/input.h"

#include <cstdint>
#include <vector>

namespace svj::media::detail {

struct StreamIndex {
    // Presentation timestamps (stream time base) of the frames the decoder will output, ascending:
    // frame n of the video is the frame whose timestamp is framePts[n].
    std::vector<int64_t> framePts;
    // Key frames, ascending: where a seek may land. `seekTimestamp` is what the demuxer seeks by (the
    // decode timestamp where known: seeking by a key frame's presentation time can land after it).
    struct KeyFrame {
        int64_t pts = 0;
        int64_t seekTimestamp = 0;
        // Decoding from here proved broken (a key frame that is not a clean random access point, such as
        // an I-frame depending on parameters sent earlier): seeks go to an earlier key frame instead.
        bool unreliable = false;
    };
    std::vector<KeyFrame> keyFrames;
    // Some packets carry no presentation timestamp (AVI, raw streams): with B-frames, what the decoder
    // stamps on its pictures then cannot be predicted from the packets, and the index is built by decoding.
    bool missingPts = false;
    int64_t lastFrameDuration = 0; // stream time base
    int corruptPackets = 0;        // packets the demuxer flagged as corrupt
    bool readError = false;        // reading stopped early at an I/O or data error (a truncated file)
};

// Reads every packet of `streamIndex` from the start. Packets the container marks as discarded (edit
// lists) are left out, since the decoder will not show them. Rewinds the input afterwards.
StreamIndex buildStreamIndex(Input& input, int streamIndex);

} // namespace svj::media::detail
