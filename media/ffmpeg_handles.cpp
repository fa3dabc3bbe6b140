#include "media/ffmpeg_handles.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

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

FramePtr allocFrame() {
    FramePtr frame(av_frame_alloc());
    if (!frame) {
        throw std::bad_alloc();
    }
    return frame;
}

PacketPtr allocPacket() {
    PacketPtr packet(av_packet_alloc());
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
        throw MediaError(kind, path, what + ": " + avErrorText(errorCode));
    }
    return errorCode;
}

FormatContextPtr openInput(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            throw MediaError(MediaErrorKind::FileNotFound, path, "file not found");
        }
        throw MediaError(MediaErrorKind::NotReadable, path, std::string("cannot read file: ") + std::strerror(errno));
    }
    if (S_ISDIR(status.st_mode)) {
        throw MediaError(MediaErrorKind::NotReadable, path, "is a directory, not a video file");
    }
    if (status.st_size == 0) {
        throw MediaError(MediaErrorKind::NotAVideo, path, "file is empty (0 bytes)");
    }

    AVFormatContext* raw = nullptr;
    const int openResult = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (openResult < 0) {
        if (openResult == AVERROR(EACCES) || openResult == AVERROR(EPERM)) {
            throw MediaError(MediaErrorKind::NotReadable, path, "permission denied");
        }
        throw MediaError(MediaErrorKind::NotAVideo, path,
                         "not a video file (FFmpeg does not recognise the format: " + avErrorText(openResult) + ")");
    }
    FormatContextPtr context(raw);
    checkAv(avformat_find_stream_info(context.get(), nullptr), MediaErrorKind::InvalidVideo, path,
            "cannot read stream information");
    return context;
}

int64_t toMicroseconds(int64_t timestamp, AVRational timeBase) {
    if (timestamp == AV_NOPTS_VALUE) {
        return AV_NOPTS_VALUE;
    }
    return av_rescale_q(timestamp, timeBase, AVRational{1, 1000000});
}

} // namespace svj::media::detail
