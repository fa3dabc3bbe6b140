// Internal to media/: the timeline of one video stream, built by demuxing its packets once.
#pragma once

#include "media/ffmpeg_handles.h"

#include <cstdint>
#include <string>
#include <vector>

namespace svj::media::detail {

struct StreamIndex {
    // Presentation timestamps (stream time base) of the frames the decoder will output, ascending:
    // frame n of the video is the frame whose timestamp is framePts[n].
    std::vector<int64_t> framePts;
    // Timestamps of key frames, ascending: where a seek may land.
    std::vector<int64_t> keyFramePts;
    int64_t lastFrameDuration = 0; // stream time base
    int corruptPackets = 0;        // packets the demuxer flagged as corrupt
};

// Reads every packet of `streamIndex` from the start. Packets the container marks as discarded (edit
// lists) are left out, since the decoder will not show them. Rewinds the context afterwards.
StreamIndex buildStreamIndex(AVFormatContext* context, int streamIndex, const std::string& path);

} // namespace svj::media::detail
