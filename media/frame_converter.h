// Internal to media/: decoded pictures to packed RGB through swscale, with the right colour matrix and range,
// optional scaling and the stream's display rotation.
#pragma once

#include "media/ffmpeg_handles.h"
#include "media/video_frame.h"

#include <string>
#include <vector>

namespace svj::media::detail {

class FrameConverter {
public:
    // `rotationDegrees`: clockwise rotation to apply (0, 90, 180, 270). `fallbackHd`: which matrix to assume
    // for an untagged picture is decided by size (BT.709 from 720 lines up, BT.601 below), as players do.
    FrameConverter(std::string name, PixelFormat format, int rotationDegrees);

    // Output size in displayed orientation; 0 x 0 keeps the picture's own size (rotated).
    void setOutputSize(int width, int height);
    void setHighQuality(bool on) { m_highQuality = on; }

    // Converts `frame` into `out` (its pixel buffer is reused when the size matches).
    void convert(const AVFrame* frame, VideoFrame& out);

private:
    std::string m_name; // the video, for error messages
    PixelFormat m_format;
    int m_rotation;
    int m_outputWidth = 0;
    int m_outputHeight = 0;
    bool m_highQuality = false;
    SwsContext* m_sws = nullptr; // owned through m_swsOwner; sws_getCachedContext needs the raw pointer
    SwsContextPtr m_swsOwner;
    AlignedPicture m_scratch; // swscale writes here (it may overrun packed rows), then we pack or rotate
};

} // namespace svj::media::detail
