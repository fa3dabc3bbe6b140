// Probing a video file or image-sequence folder: container, streams, size, rate, exact frame count.
#pragma once

#include "media/video_info.h"

#include <string>

namespace svj::media {

struct ProbeOptions {
    // Decode every frame to count them, for files whose packets do not tell the truth (slow: a full decode).
    bool countByDecoding = false;
    double imageSequenceFps = 25.0;
};

// Reads the headers and demuxes the video stream's packets to count its frames and learn their real
// timestamps (fast: no picture is decoded unless asked). A folder is read as a numbered image sequence.
// Throws MediaError naming the path when it is missing, unreadable, not a video, or has no usable video.
VideoInfo probeVideo(const std::string& path, const ProbeOptions& options = {});

// "FFmpeg 5.1.9 (libavformat 59.27.100, libavcodec 59.37.100, libswscale 6.7.100)".
std::string ffmpegVersion();

} // namespace svj::media
