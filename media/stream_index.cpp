#include "media/stream_index.h"

#include <algorithm>

namespace svj::media::detail {

StreamIndex buildStreamIndex(AVFormatContext* context, int streamIndex, const std::string& path) {
    StreamIndex index;
    PacketPtr packet = allocPacket();
    int64_t fallbackPts = 0;
    for (;;) {
        const int result = av_read_frame(context, packet.get());
        if (result == AVERROR_EOF) {
            break;
        }
        if (result < 0) {
            // A read error mid-file: what was indexed so far stays usable; a truncated file simply ends here.
            if (result == AVERROR(EIO) || result == AVERROR_INVALIDDATA) {
                break;
            }
            checkAv(result, MediaErrorKind::NotReadable, path, "reading packets failed");
        }
        if (packet->stream_index == streamIndex) {
            if (packet->flags & AV_PKT_FLAG_CORRUPT) {
                ++index.corruptPackets;
            }
            if (!(packet->flags & AV_PKT_FLAG_DISCARD)) {
                int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
                if (pts == AV_NOPTS_VALUE) {
                    // Raw streams without timestamps: number the frames in decode order.
                    pts = fallbackPts;
                }
                fallbackPts = pts + std::max<int64_t>(packet->duration, 1);
                index.framePts.push_back(pts);
                if (packet->flags & AV_PKT_FLAG_KEY) {
                    index.keyFramePts.push_back(pts);
                }
                if (packet->duration > 0) {
                    index.lastFrameDuration = packet->duration;
                }
            }
        }
        av_packet_unref(packet.get());
    }
    std::sort(index.framePts.begin(), index.framePts.end());
    index.framePts.erase(std::unique(index.framePts.begin(), index.framePts.end()), index.framePts.end());
    std::sort(index.keyFramePts.begin(), index.keyFramePts.end());

    // Rewind so the caller can decode from the start.
    const AVStream* stream = context->streams[streamIndex];
    const int64_t start = stream->start_time != AV_NOPTS_VALUE ? stream->start_time : 0;
    av_seek_frame(context, streamIndex, start, AVSEEK_FLAG_BACKWARD);
    return index;
}

} // namespace svj::media::detail
