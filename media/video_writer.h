// Encoding RGB frames to a video file: FFV1 (lossless, for degraded copies that must be exact) and H.264.
#pragma once

#include "media/video_frame.h"
#include "media/video_info.h"

#include <cstdint>
#include <memory>
#include <string>

namespace svj::media {

// Stored value: keep the numbers.
enum class VideoCodec { Ffv1 = 0, H264 = 1 };

struct WriterOptions {
    VideoCodec codec = VideoCodec::H264;
    Rational fps{25, 1};
    int crf = 18;                    // H.264 quality (0 lossless luma .. 51 worst)
    std::string preset = "veryfast"; // libx264 preset
    int keyFrameInterval = 0;        // 0: the encoder's default
    int bFrames = -1;                // -1: the encoder's default
    int threads = 0;                 // 0: one per core
};

// Writes to a temporary file beside the target and renames it into place in finish(), so a crash or an
// abandoned writer never leaves a half-written file under the target's name. The container follows the
// extension: .mkv (FFV1 or H.264), .mp4 / .mov (H.264), .avi.
class VideoWriter {
public:
    VideoWriter(const std::string& path, int width, int height, const WriterOptions& options = {});
    ~VideoWriter(); // without finish(): the temporary file is removed and the target left untouched
    VideoWriter(const VideoWriter&) = delete;
    VideoWriter& operator=(const VideoWriter&) = delete;

    // Appends one frame; it must have the writer's size (RGB24 or RGBA).
    void write(const VideoFrame& frame);
    // Appends one packed RGB24 frame of the writer's size.
    void writeRgb(const uint8_t* rgb, int stride);
    // Flushes the encoder, writes the trailer and moves the file into place.
    void finish();

    int64_t framesWritten() const;
    const std::string& path() const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

// Writes one picture as a PNG file (atomically: temporary file, then rename).
void writePng(const VideoFrame& frame, const std::string& path);

} // namespace svj::media
