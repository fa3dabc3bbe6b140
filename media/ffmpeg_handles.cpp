#include "media/ffmpeg_handles.h"

#include <cstdint>
#include <cstring>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/mathematics.h>
}

namespace svj::media::detail {

void FormatContextCloser::operator()(AVFormatContext* context) const {
    avformat_close_input(&context);
}
void CodecContextFreer::operator()(AVCodecContext* context) const {
    avcodec_free_context(&context);
}
void FrameFreer::operator()(AVFrame* frame) const {
    av_frame_free(&frame);
}
void PacketFreer::operator()(AVPacket* packet) const {
    av_packet_free(&packet);
}
void SwsFreer::operator()(SwsContext* context) const {
    sws_freeContext(context);
}

namespace {
constexpr size_t kAlignment = 64;
constexpr size_t kPadding = 256;
} // namespace

void AlignedPicture::reshape(int rowBytes, int rows) {
    const size_t stride = (static_cast<size_t>(rowBytes) + kAlignment - 1) / kAlignment * kAlignment;
    const size_t needed = stride * static_cast<size_t>(rows) + kPadding + kAlignment;
    if (m_storage.size() < needed) {
        m_storage.resize(needed);
    }
    const auto address = reinterpret_cast<uintptr_t>(m_storage.data());
    m_data = m_storage.data() + ((kAlignment - address % kAlignment) % kAlignment);
    m_stride = static_cast<int>(stride);
}

void AlignedPicture::copyFrom(const uint8_t* packed, int packedStride, int rowBytes, int rows) {
    for (int y = 0; y < rows; ++y) {
        std::memcpy(row(y), packed + static_cast<size_t>(y) * static_cast<size_t>(packedStride),
                    static_cast<size_t>(rowBytes));
    }
}

void AlignedPicture::copyTo(uint8_t* packed, int rowBytes, int rows) const {
    if (m_stride == rowBytes) {
        std::memcpy(packed, m_data, static_cast<size_t>(rowBytes) * static_cast<size_t>(rows));
        return;
    }
    for (int y = 0; y < rows; ++y) {
        std::memcpy(packed + static_cast<size_t>(y) * static_cast<size_t>(rowBytes),
                    m_data + static_cast<size_t>(y) * static_cast<size_t>(m_stride), static_cast<size_t>(rowBytes));
    }
}

AvFramePtr allocFrame() {
    AvFramePtr frame(av_frame_alloc());
    if (!frame) {
        throw std::bad_alloc();
    }
    return frame;
}

AvPacketPtr allocPacket() {
    AvPacketPtr packet(av_packet_alloc());
    if (!packet) {
        throw std::bad_alloc();
    }
    return packet;
}

std::string avErrorText(int errorCode) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(errorCode, buffer, sizeof buffer);
    return buffer;
}

int checkAv(int errorCode, MediaErrorKind kind, const std::string& path, const std::string& what) {
    if (errorCode < 0) {
        // FFmpeg usually logged why; its words are more useful than the bare error code.
        const std::string reason = takeLastFfmpegMessage();
        throw MediaError(kind, path, what + ": " + (reason.empty() ? avErrorText(errorCode) : reason));
    }
    return errorCode;
}

int64_t toMicroseconds(int64_t timestamp, AVRational timeBase) {
    if (timestamp == AV_NOPTS_VALUE) {
        return AV_NOPTS_VALUE;
    }
    return av_rescale_q(timestamp, timeBase, AVRational{1, 1000000});
}

} // namespace svj::media::detail
