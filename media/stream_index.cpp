#include "media/stream_index.h"

#include <algorithm>

namespace svj::media::detail {

StreamIndex buildStreamIndex(Input& input, int streamIndex) {
    AVFormatContext* context = input.context();
    StreamIndex index;
    AvPacketPtr packet = allocPacket();
    int64_t fallbackPts = 0;
    // Demuxers whose seek index is by presentation time take a key frame's pts; the others (MPEG-TS, AVI,
    // Ogg...) seek by decode time, and a key frame's pts would land them after it.
    const bool seeksByPts = (context->iformat->flags & AVFMT_SEEK_TO_PTS) != 0;
    for (;;) {
        const int result = av_read_frame(context, packet.get());
        if (result == AVERROR_EOF) {
            break;
        }
        if (result < 0) {
            // A read error mid-file: what was indexed so far stays usable; a truncated file simply ends here.
            index.readError = true;
            break;
        }
        if (packet->stream_index == streamIndex) {
            if (packet->flags & AV_PKT_FLAG_CORRUPT) {
                ++index.corruptPackets;
            }
            if (!(packet->flags & AV_PKT_FLAG_DISCARD)) {
                if (packet->pts == AV_NOPTS_VALUE) {
                    index.missingPts = true;
                }
                int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
                if (pts == AV_NOPTS_VALUE) {
                    // Raw streams without timestamps: number the frames in decode order.
                    pts = fallbackPts;
                }
                fallbackPts = pts + std::max<int64_t>(packet->duration, 1);
                index.framePts.push_back(pts);
                if (packet->flags & AV_PKT_FLAG_KEY) {
                    const bool useDts = !seeksByPts && packet->dts != AV_NOPTS_VALUE;
                    index.keyFrames.push_back({pts, useDts ? packet->dts : pts, false});
                }
                if (packet->duration > 0) {
                    index.lastFrameDuration = packet->duration;
                }
            }
        }
        av_packet_unref(packet.get());
    }
    // Presentation order. Equal timestamps (an encoder's rounding) stay: each is a frame the decoder outputs.
    std::sort(index.framePts.begin(), index.framePts.end());
    std::sort(index.keyFrames.begin(), index.keyFrames.end(),
              [](const StreamIndex::KeyFrame& a, const StreamIndex::KeyFrame& b) { return a.pts < b.pts; });
    input.rewind(streamIndex);
    return index;
}

} // namespace svj::media::detail
