// A decoded picture as plain bytes: what media/ hands to the player, the judge and the writers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace svj::media {

// Stored values: keep the numbers stable.
enum class PixelFormat { Rgb24 = 0, Rgba = 1 };

int bytesPerPixel(PixelFormat format);

struct VideoFrame {
    int width = 0;
    int height = 0;
    PixelFormat format = PixelFormat::Rgb24;
    int stride = 0; // bytes per row; rows are packed (stride == width * bytesPerPixel)
    std::vector<uint8_t> pixels;

    int64_t index = -1;     // frame number in its video, 0-based
    int64_t ptsUs = 0;      // presentation time on the video's own clock (its first frame at 0)
    int64_t durationUs = 0; // how long it is shown
    bool keyFrame = false;  // decoded from a key frame
    // False when the requested frame could not be decoded (a corrupt packet) and the nearest decodable
    // earlier frame stands in for it. `index` is still the index that was asked for.
    bool exact = true;

    bool empty() const { return pixels.empty(); }
    size_t byteSize() const { return pixels.size(); }
    const uint8_t* row(int y) const { return pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(stride); }
    uint8_t* row(int y) { return pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(stride); }
};

using VideoFramePtr = std::shared_ptr<const VideoFrame>;

} // namespace svj::media
