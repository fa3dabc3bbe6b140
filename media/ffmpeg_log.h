// FFmpeg's own log messages: silent by default (our errors say what is wrong), printable for debugging.
#pragma once

namespace svj::media {

// Stored value: keep the numbers.
enum class FfmpegLogLevel { Quiet = 0, Errors = 1, Warnings = 2, Verbose = 3 };

// Which of FFmpeg's messages reach stderr. Process-wide; the default is Quiet.
void setFfmpegLogLevel(FfmpegLogLevel level);

} // namespace svj::media
