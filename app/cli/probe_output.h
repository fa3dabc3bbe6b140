// What `svj probe` prints of a video file (media::VideoInfo): labelled lines for a person (container, streams,
// size, rate, duration, frame count, warnings), or one JSON object.
#pragma once

#include "media/video_info.h"

#include <nlohmann/json.hpp>

namespace svj::cli {

// The labelled lines, on stdout.
void printVideoInfoText(const media::VideoInfo& info);
// The same as one JSON object (`svj probe --json`).
nlohmann::json videoInfoJson(const media::VideoInfo& info);

} // namespace svj::cli
