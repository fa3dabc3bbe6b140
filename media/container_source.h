// Internal to media/: frame-exact decoding of a container's video stream with seeking by key frames.
#pragma once

#include "media/container_probe.h"
#include "media/frame_source.h"

namespace svj::media::detail {

class ContainerSource : public FrameSource {
public:
    ContainerSource(Input input, int decoderThreads);

    const VideoInfo& info() const override { return m_info; }
    const std::vector<int64_t>& framePtsUs() const override { return m_ptsUs; }
    int64_t lastFrameDurationUs() const override { return m_lastDurationUs; }
    DecodedFrame decode(int64_t index) override;
    int64_t verifyTimeline() override;
    int64_t decodeErrors() const override { return m_decodeErrors; }

private:
    void openDecoder(int threads);
    void rebuildTimes();
    // Key frame to seek to for a target timestamp: the last reliable key frame at or before it, `stepsBack`
    // reliable ones earlier; nullptr before the first (then the stream is read from its start).
    StreamIndex::KeyFrame* seekPointFor(int64_t targetPts, int stepsBack);
    void seekTo(const StreamIndex::KeyFrame* keyFrame);
    // Decodes the whole stream once, replacing the packet-based timeline with the decoder's own. `fast`
    // skips the pixel reconstruction work that timestamps do not need.
    void indexByDecoding(bool fast);
    // A decoded picture and the timestamp it was given when received.
    struct Picture {
        AvFramePtr frame;
        int64_t stamp = 0;
    };
    // Next decoded frame into `out`; false at the end of the stream.
    bool receiveNext(AVFrame* out);
    bool receivePicture(Picture& picture);
    // The timestamp of a picture just received. A picture without one (the last of an AVI with B-frames,
    // drained from the decoder) gets the one after its predecessor's, the same way on every pass.
    int64_t stampReceived(const AVFrame* frame);
    // Index of the frame with timestamp `pts`, the `occurrence`-th of those sharing it; -1 if not indexed.
    int64_t indexOf(int64_t pts, int occurrence) const;
    // Decodes forward to frame `index`. `overshot`: the first picture already lay past it. `damaged`: a
    // picture on the way had decoding errors (concealed), so the result may not be what a clean decode shows.
    DecodedFrame decodeForward(int64_t index, bool& overshot, bool& damaged);

    Input m_input;
    int m_stream = -1;
    AVRational m_timeBase{1, 1};
    VideoInfo m_info;
    StreamIndex m_index;
    std::vector<int64_t> m_ptsUs;
    int64_t m_lastDurationUs = 0;
    CodecContextPtr m_codec;
    AvPacketPtr m_packet;
    Picture m_frame;   // the picture last returned
    Picture m_pending; // a picture received past the target, to be delivered first next time
    bool m_hasPending = false;
    int64_t m_currentIndex = -1; // what m_frame holds
    int64_t m_currentPts = AV_NOPTS_VALUE;
    int m_currentOccurrence = 0;          // how many earlier decoded frames share m_currentPts
    int64_t m_lastStamp = AV_NOPTS_VALUE; // of the last picture received since the last seek
    int64_t m_lastStep = 1;
    bool m_inherentDamage = false; // pictures stay damaged even when decoded from the stream's start
    bool m_inputEnded = false;
    bool m_drained = false;
    int64_t m_decodeErrors = 0;
};

} // namespace svj::media::detail
