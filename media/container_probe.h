// Internal to media/: what probing a container yields, shared by probeVideo() and the reader.
#pragma once

#include "media/input.h"
#include "media/media_limits.h"
#include "media/stream_index.h"
#include "media/video_info.h"

extern "C" {
#include <libavformat/avformat.h>
}

namespace svj::media::detail {

using media::kMaxDimension;
using media::kMaxPixels;

struct ProbedContainer {
    VideoInfo info;
    StreamIndex index;
};

// Describes the container and its best video stream and indexes that stream's packets. Throws MediaError
// when there is no usable video stream.
ProbedContainer probeContainer(Input& input);

// Sets frame count, start, duration, frame rate and the VFR flag from a stream's real frame timestamps.
void applyTimeline(VideoInfo& info, const StreamIndex& index, const AVStream* stream);

} // namespace svj::media::detail
