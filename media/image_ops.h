// Resizing packed RGB pictures with swscale (area filter when shrinking, bicubic when enlarging).
#pragma once

#include "media/video_frame.h"

#include <cstdint>
#include <memory>

namespace svj::media {

// Keeps its swscale context between calls of the same geometry: make one per stream of pictures.
class RgbResizer {
public:
    RgbResizer();
    ~RgbResizer();
    RgbResizer(const RgbResizer&) = delete;
    RgbResizer& operator=(const RgbResizer&) = delete;

    // Scales the rectangle (x, y, width, height) of `source` (RGB24) to targetWidth x targetHeight RGB24,
    // written packed at `target`.
    void resize(const VideoFrame& source, int x, int y, int width, int height, int targetWidth, int targetHeight,
                uint8_t* target);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace svj::media
