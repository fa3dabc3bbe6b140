#include "media/frame_converter.h"

#include <algorithm>
#include <cstring>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace svj::media::detail {
namespace {

// The deprecated yuvj formats are their yuv twins in full range; swscale wants the twin and the range.
AVPixelFormat normalizedFormat(AVPixelFormat format, bool& fullRange) {
    switch (format) {
    case AV_PIX_FMT_YUVJ420P:
        fullRange = true;
        return AV_PIX_FMT_YUV420P;
    case AV_PIX_FMT_YUVJ422P:
        fullRange = true;
        return AV_PIX_FMT_YUV422P;
    case AV_PIX_FMT_YUVJ444P:
        fullRange = true;
        return AV_PIX_FMT_YUV444P;
    case AV_PIX_FMT_YUVJ440P:
        fullRange = true;
        return AV_PIX_FMT_YUV440P;
    case AV_PIX_FMT_YUVJ411P:
        fullRange = true;
        return AV_PIX_FMT_YUV411P;
    default:
        return format;
    }
}

int swsColorspace(AVColorSpace space, int height) {
    switch (space) {
    case AVCOL_SPC_BT709:
        return SWS_CS_ITU709;
    case AVCOL_SPC_FCC:
        return SWS_CS_FCC;
    case AVCOL_SPC_SMPTE240M:
        return SWS_CS_SMPTE240M;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL:
        return SWS_CS_BT2020;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M:
        return SWS_CS_ITU601;
    default:
        // Untagged: HD material is BT.709 in practice, SD is BT.601.
        return height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
    }
}

// Rotates a picture clockwise by 90, 180 or 270 degrees into a packed one.
void rotatePacked(const uint8_t* source, int sourceStride, int width, int height, int bpp, int degrees,
                  uint8_t* target) {
    for (int y = 0; y < height; ++y) {
        const uint8_t* row = source + static_cast<size_t>(y) * static_cast<size_t>(sourceStride);
        for (int x = 0; x < width; ++x) {
            int tx = 0;
            int ty = 0;
            int targetWidth = width;
            if (degrees == 90) {
                tx = height - 1 - y;
                ty = x;
                targetWidth = height;
            } else if (degrees == 180) {
                tx = width - 1 - x;
                ty = height - 1 - y;
            } else { // 270
                tx = y;
                ty = width - 1 - x;
                targetWidth = height;
            }
            std::memcpy(target +
                            (static_cast<size_t>(ty) * static_cast<size_t>(targetWidth) + static_cast<size_t>(tx)) *
                                static_cast<size_t>(bpp),
                        row + static_cast<size_t>(x) * static_cast<size_t>(bpp), static_cast<size_t>(bpp));
        }
    }
}

} // namespace

FrameConverter::FrameConverter(std::string name, PixelFormat format, int rotationDegrees)
    : m_name(std::move(name))
    , m_format(format)
    , m_rotation(((rotationDegrees % 360) + 360) % 360) {
    if (m_rotation % 90 != 0) {
        m_rotation = 0;
    }
}

void FrameConverter::setOutputSize(int width, int height) {
    m_outputWidth = std::max(0, width);
    m_outputHeight = std::max(0, height);
}

void FrameConverter::convert(const AVFrame* frame, VideoFrame& out) {
    const bool sideways = m_rotation == 90 || m_rotation == 270;
    // Size before rotation.
    int scaledWidth = frame->width;
    int scaledHeight = frame->height;
    if (m_outputWidth > 0 && m_outputHeight > 0) {
        scaledWidth = sideways ? m_outputHeight : m_outputWidth;
        scaledHeight = sideways ? m_outputWidth : m_outputHeight;
    }
    bool fullRange = frame->color_range == AVCOL_RANGE_JPEG;
    const AVPixelFormat sourceFormat = normalizedFormat(static_cast<AVPixelFormat>(frame->format), fullRange);
    const AVPixelFormat targetFormat = m_format == PixelFormat::Rgba ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24;
    const bool scaling = scaledWidth != frame->width || scaledHeight != frame->height;
    // Bicubic is what the ffmpeg CLI uses, so unscaled output is bit-identical to `ffmpeg -pix_fmt rgb24`.
    // Area averaging is the better filter when shrinking; high quality adds exact rounding and full chroma.
    int flags = scaling && scaledWidth < frame->width ? SWS_AREA : SWS_BICUBIC;
    if (m_highQuality) {
        flags |= SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP;
    }
    m_sws = sws_getCachedContext(m_sws, frame->width, frame->height, sourceFormat, scaledWidth, scaledHeight,
                                 targetFormat, flags, nullptr, nullptr, nullptr);
    if (m_swsOwner.get() != m_sws) {
        m_swsOwner.release(); // sws_getCachedContext freed the old context itself
        m_swsOwner.reset(m_sws);
    }
    if (!m_sws) {
        throw MediaError(MediaErrorKind::DecodeFailed, m_name,
                         std::string("cannot convert pixel format ") +
                             (av_get_pix_fmt_name(sourceFormat) ? av_get_pix_fmt_name(sourceFormat) : "unknown") +
                             " to RGB");
    }
    const int* coefficients = sws_getCoefficients(swsColorspace(frame->colorspace, frame->height));
    sws_setColorspaceDetails(m_sws, coefficients, fullRange ? 1 : 0, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16,
                             1 << 16);

    const int bpp = bytesPerPixel(m_format);
    const size_t bytes =
        static_cast<size_t>(scaledWidth) * static_cast<size_t>(scaledHeight) * static_cast<size_t>(bpp);
    out.format = m_format;
    out.width = sideways ? scaledHeight : scaledWidth;
    out.height = sideways ? scaledWidth : scaledHeight;
    out.stride = out.width * bpp;
    out.pixels.resize(bytes);

    const int rowBytes = scaledWidth * bpp;
    m_scratch.reshape(rowBytes, scaledHeight);
    uint8_t* planes[4] = {m_scratch.data(), nullptr, nullptr, nullptr};
    int strides[4] = {m_scratch.stride(), 0, 0, 0};
    sws_scale(m_sws, frame->data, frame->linesize, 0, frame->height, planes, strides);
    if (m_rotation == 0) {
        m_scratch.copyTo(out.pixels.data(), rowBytes, scaledHeight);
        return;
    }
    rotatePacked(m_scratch.data(), m_scratch.stride(), scaledWidth, scaledHeight, bpp, m_rotation, out.pixels.data());
}

} // namespace svj::media::detail
