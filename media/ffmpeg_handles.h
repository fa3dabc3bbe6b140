// Internal to media/: RAII owners for FFmpeg objects and checked calls. No FFmpeg type leaves media/.
#pragma once

#include "media/media_error.h"

#include <memory>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

namespace svj::media::detail {

struct FormatContextCloser {
    void operator()(AVFormatContext* context) const;
};
struct CodecContextFreer {
    void operator()(AVCodecContext* context) const;
};
struct FrameFreer {
    void operator()(AVFrame* frame) const;
};
struct PacketFreer {
    void operator()(AVPacket* packet) const;
};
struct SwsFreer {
    void operator()(SwsContext* context) const;
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextCloser>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFreer>;
using AvFramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using AvPacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsFreer>;

// A picture buffer that swscale's SIMD code may read and write past row ends: rows aligned to 64 bytes and
// padding after the last one. Pictures handed out by media/ are packed and copied from here.
class AlignedPicture {
public:
    void reshape(int rowBytes, int rows);
    uint8_t* data() { return m_data; }
    const uint8_t* data() const { return m_data; }
    int stride() const { return m_stride; }
    uint8_t* row(int y) { return m_data + static_cast<size_t>(y) * static_cast<size_t>(m_stride); }
    // Copies `rows` rows of `rowBytes` from a packed picture into this buffer.
    void copyFrom(const uint8_t* packed, int packedStride, int rowBytes, int rows);
    // Copies this buffer's rows into a packed picture.
    void copyTo(uint8_t* packed, int rowBytes, int rows) const;

private:
    std::vector<uint8_t> m_storage;
    uint8_t* m_data = nullptr;
    int m_stride = 0;
};

AvFramePtr allocFrame();
AvPacketPtr allocPacket();

// FFmpeg's text for an AVERROR code.
std::string avErrorText(int errorCode);

// Throws MediaError(kind, path, "<what>: <FFmpeg's text>") when errorCode < 0; returns it otherwise.
int checkAv(int errorCode, MediaErrorKind kind, const std::string& path, const std::string& what);

// Routes FFmpeg's log through our handler (once per process): quiet unless setFfmpegLogLevel() asks.
void installLogHandler();
// The last error or warning FFmpeg logged on this thread (without its "[demuxer @ 0x...]" prefix), cleared.
std::string takeLastFfmpegMessage();
void clearLastFfmpegMessage();

// Turns a stream timestamp into microseconds (AV_NOPTS_VALUE stays AV_NOPTS_VALUE).
int64_t toMicroseconds(int64_t timestamp, AVRational timeBase);

} // namespace svj::media::detail
