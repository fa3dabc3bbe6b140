// Internal to media/: every FFmpeg version difference lives here, nowhere else.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/version.h>
}

#include <cstdint>

namespace svj::media::detail {

// Number of audio channels (the channel-layout API changed in libavutil 57.24 / FFmpeg 5.1).
inline int channelCount(const AVCodecParameters* parameters) {
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(57, 24, 100)
    return parameters->ch_layout.nb_channels;
#else
    return parameters->channels;
#endif
}

// The display matrix of a stream, if the container has one (stream side data moved to codecpar in 6.1).
inline const int32_t* displayMatrix(const AVStream* stream) {
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    const AVPacketSideData* sideData = av_packet_side_data_get(
        stream->codecpar->coded_side_data, stream->codecpar->nb_coded_side_data, AV_PKT_DATA_DISPLAYMATRIX);
    return sideData ? reinterpret_cast<const int32_t*>(sideData->data) : nullptr;
#else
    return reinterpret_cast<const int32_t*>(av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr));
#endif
}

// Whether a decoded frame is a key frame (AVFrame::key_frame became a flag in 6.1).
inline bool isKeyFrame(const AVFrame* frame) {
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 29, 100)
    return (frame->flags & AV_FRAME_FLAG_KEY) != 0;
#else
    return frame->key_frame != 0;
#endif
}

} // namespace svj::media::detail
