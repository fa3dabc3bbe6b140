#include "media/image_ops.h"

#include "media/ffmpeg_handles.h"

#include <cstring>

namespace svj::media {

struct RgbResizer::State {
    SwsContext* context = nullptr;
    detail::AlignedPicture source; // swscale reads and writes past row ends: never hand it packed buffers
    detail::AlignedPicture target;
    ~State() { sws_freeContext(context); }
};

RgbResizer::RgbResizer()
    : m_state(std::make_unique<State>()) {}

RgbResizer::~RgbResizer() = default;

void RgbResizer::resize(const VideoFrame& source, int x, int y, int width, int height, int targetWidth,
                        int targetHeight, uint8_t* target) {
    if (source.format != PixelFormat::Rgb24) {
        throw MediaError(MediaErrorKind::InvalidArgument, "", "RgbResizer needs RGB24 pictures");
    }
    if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > source.width || y + height > source.height) {
        throw MediaError(MediaErrorKind::InvalidArgument, "", "crop rectangle outside the picture");
    }
    const uint8_t* origin = source.row(y) + static_cast<size_t>(x) * 3;
    if (width == targetWidth && height == targetHeight) {
        for (int row = 0; row < height; ++row) {
            std::memcpy(target + static_cast<size_t>(row) * static_cast<size_t>(targetWidth) * 3,
                        origin + static_cast<size_t>(row) * static_cast<size_t>(source.stride),
                        static_cast<size_t>(width) * 3);
        }
        return;
    }
    const int flags = (targetWidth < width || targetHeight < height) ? SWS_AREA : SWS_BICUBIC;
    m_state->context =
        sws_getCachedContext(m_state->context, width, height, AV_PIX_FMT_RGB24, targetWidth, targetHeight,
                             AV_PIX_FMT_RGB24, flags | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
    if (!m_state->context) {
        throw MediaError(MediaErrorKind::InvalidArgument, "", "cannot create an RGB scaler");
    }
    m_state->source.reshape(width * 3, height);
    m_state->source.copyFrom(origin, source.stride, width * 3, height);
    m_state->target.reshape(targetWidth * 3, targetHeight);
    const uint8_t* sourcePlanes[4] = {m_state->source.data(), nullptr, nullptr, nullptr};
    const int sourceStrides[4] = {m_state->source.stride(), 0, 0, 0};
    uint8_t* targetPlanes[4] = {m_state->target.data(), nullptr, nullptr, nullptr};
    const int targetStrides[4] = {m_state->target.stride(), 0, 0, 0};
    sws_scale(m_state->context, sourcePlanes, sourceStrides, 0, height, targetPlanes, targetStrides);
    m_state->target.copyTo(target, targetWidth * 3, targetHeight);
}

} // namespace svj::media
