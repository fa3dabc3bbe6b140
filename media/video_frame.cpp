#include "media/video_frame.h"

namespace svj::media {

int bytesPerPixel(PixelFormat format) {
    return format == PixelFormat::Rgba ? 4 : 3;
}

} // namespace svj::media
