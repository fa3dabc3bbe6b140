#include "media/ffmpeg_handles.h"

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
        throw MediaError(kind, path, what + ": " + avErrorText(errorCode));
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
