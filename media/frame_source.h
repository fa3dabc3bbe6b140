// Internal to media/: where decoded pictures come from (a container's video stream or an image sequence).
#pragma once

#include "media/video_info.h"

#include <cstdint>
#include <vector>

extern "C" {
struct AVFrame;
}

namespace svj::media::detail {

struct DecodedFrame {
    const AVFrame* frame = nullptr; // owned by the source, valid until its next decode()
    int64_t index = -1;             // the frame the picture really is (differs from the request if inexact)
    bool exact = false;
    bool keyFrame = false;
};

class FrameSource {
public:
    virtual ~FrameSource() = default;

    virtual const VideoInfo& info() const = 0;
    // Start time of every frame on the video's own clock (first frame at 0), ascending.
    virtual const std::vector<int64_t>& framePtsUs() const = 0;
    virtual int64_t lastFrameDurationUs() const = 0;
    // Decodes frame `index` (0 <= index < frame count).
    virtual DecodedFrame decode(int64_t index) = 0;
    // Decodes every frame once from the start and rebuilds the timeline from what the decoder really
    // produced. Returns the frame count.
    virtual int64_t verifyTimeline() = 0;
    virtual int64_t decodeErrors() const = 0;
};

} // namespace svj::media::detail
