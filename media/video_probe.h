// Probing a video file: container, streams, size, rate, exact frame count, without decoding pictures.
#pragma once

#include "media/video_info.h"

#include <string>

namespace svj::media {

// Opens the file, reads its headers and demuxes the video stream's packets to count its frames and learn
// their real timestamps (fast: no picture is decoded). Throws MediaError naming the file when it is
// missing, unreadable, not a video, or has no usable video stream.
VideoInfo probeVideo(const std::string& path);

// "FFmpeg 5.1.9 (libavformat 59.27.100, libavcodec 59.37.100, libswscale 6.7.100)".
std::string ffmpegVersion();

} // namespace svj::media
