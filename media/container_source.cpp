#include "media/container_source.h"

#include "media/ffmpeg_compat.h"

#include <algorithm>

namespace svj::media::detail {
namespace {

// Decoding forward beats a seek when the target is this close, even past a key frame: a seek flushes the
// decoder, and frame threading needs several packets before the first picture comes out again.
constexpr int64_t kForwardDecodeLimit = 8;
// Consecutive decoder errors without a picture after which the stream is treated as ended.
constexpr int kMaxConsecutiveErrors = 256;
// Key frames tried before a damaged target is decoded from the stream's start.
constexpr int kMaxEarlierStarts = 4;

} // namespace

ContainerSource::ContainerSource(Input input, int decoderThreads)
    : m_input(std::move(input))
    , m_packet(allocPacket())
    , m_frame{allocFrame(), 0}
    , m_pending{allocFrame(), 0} {
    ProbedContainer probed = probeContainer(m_input);
    m_info = std::move(probed.info);
    m_index = std::move(probed.index);
    m_stream = m_info.videoStreamIndex;
    m_timeBase = m_input.context()->streams[m_stream]->time_base;
    rebuildTimes();
    openDecoder(decoderThreads);
    const AVCodecParameters* parameters = m_input.context()->streams[m_stream]->codecpar;
    if (m_index.missingPts && parameters->video_delay > 0) {
        indexByDecoding(true);
    }
}

void ContainerSource::rebuildTimes() {
    m_ptsUs.clear();
    m_ptsUs.reserve(m_index.framePts.size());
    const int64_t first = m_index.framePts.empty() ? 0 : m_index.framePts.front();
    for (const int64_t pts : m_index.framePts) {
        m_ptsUs.push_back(toMicroseconds(pts - first, m_timeBase));
    }
    int64_t lastDuration = m_index.lastFrameDuration;
    if (lastDuration <= 0 && m_index.framePts.size() >= 2) {
        lastDuration = m_index.framePts.back() - m_index.framePts[m_index.framePts.size() - 2];
    }
    m_lastDurationUs = lastDuration > 0 ? toMicroseconds(lastDuration, m_timeBase) : 40000;
}

void ContainerSource::openDecoder(int threads) {
    const AVCodecParameters* parameters = m_input.context()->streams[m_stream]->codecpar;
    const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
    if (!codec) {
        throw MediaError(MediaErrorKind::UnsupportedCodec, m_input.name(),
                         "no decoder for the video codec '" + m_info.codecName + "' in this FFmpeg");
    }
    m_codec.reset(avcodec_alloc_context3(codec));
    if (!m_codec) {
        throw std::bad_alloc();
    }
    checkAv(avcodec_parameters_to_context(m_codec.get(), parameters), MediaErrorKind::DecodeFailed, m_input.name(),
            "cannot set up the video decoder");
    m_codec->pkt_timebase = m_timeBase;
    m_codec->max_pixels = kMaxPixels; // a stream whose pictures grow past the probed size is refused too
    m_codec->thread_count = std::max(0, threads);
    m_codec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    checkAv(avcodec_open2(m_codec.get(), codec, nullptr), MediaErrorKind::DecodeFailed, m_input.name(),
            "cannot open the video decoder");
}

int64_t ContainerSource::stampReceived(const AVFrame* frame) {
    int64_t stamp = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
    if (stamp == AV_NOPTS_VALUE) {
        stamp = m_lastStamp == AV_NOPTS_VALUE ? 0 : m_lastStamp + m_lastStep;
    } else if (m_lastStamp != AV_NOPTS_VALUE && stamp > m_lastStamp) {
        m_lastStep = stamp - m_lastStamp;
    }
    m_lastStamp = stamp;
    return stamp;
}

bool ContainerSource::receiveNext(AVFrame* out) {
    if (m_drained) {
        return false;
    }
    int consecutiveErrors = 0;
    for (;;) {
        const int received = avcodec_receive_frame(m_codec.get(), out);
        if (received == 0) {
            return true;
        }
        if (received == AVERROR_EOF) {
            m_drained = true;
            return false;
        }
        if (received != AVERROR(EAGAIN)) {
            ++m_decodeErrors;
            if (++consecutiveErrors > kMaxConsecutiveErrors) {
                m_drained = true;
                return false;
            }
            continue;
        }
        // The decoder wants input.
        if (m_inputEnded) {
            // Already flushed and still asking: nothing more will come.
            m_drained = true;
            return false;
        }
        const int read = av_read_frame(m_input.context(), m_packet.get());
        if (read < 0) {
            m_inputEnded = true;
            avcodec_send_packet(m_codec.get(), nullptr); // drain the pictures still in the decoder
            continue;
        }
        if (m_packet->stream_index == m_stream) {
            const int sent = avcodec_send_packet(m_codec.get(), m_packet.get());
            if (sent < 0 && sent != AVERROR(EAGAIN)) {
                // A corrupt packet: count it and go on with the next one.
                ++m_decodeErrors;
                if (++consecutiveErrors > kMaxConsecutiveErrors) {
                    av_packet_unref(m_packet.get());
                    m_drained = true;
                    return false;
                }
            }
        }
        av_packet_unref(m_packet.get());
    }
}

StreamIndex::KeyFrame* ContainerSource::seekPointFor(int64_t targetPts, int stepsBack) {
    auto& keys = m_index.keyFrames;
    const auto after = std::upper_bound(keys.begin(), keys.end(), targetPts,
                                        [](int64_t pts, const StreamIndex::KeyFrame& key) { return pts < key.pts; });
    for (auto position = static_cast<int64_t>(after - keys.begin()) - 1; position >= 0; --position) {
        StreamIndex::KeyFrame& key = keys[static_cast<size_t>(position)];
        if (key.unreliable) {
            continue;
        }
        if (stepsBack-- == 0) {
            return &key;
        }
    }
    return nullptr;
}

void ContainerSource::seekTo(const StreamIndex::KeyFrame* keyFrame) {
    const bool sought =
        keyFrame && av_seek_frame(m_input.context(), m_stream, keyFrame->seekTimestamp, AVSEEK_FLAG_BACKWARD) >= 0;
    // Before the first key frame, or a container without a seek index: read again from the top.
    if (!sought && !m_input.rewind(m_stream)) {
        throw MediaError(MediaErrorKind::DecodeFailed, m_input.name(), "the file cannot be seeked or rewound");
    }
    avcodec_flush_buffers(m_codec.get());
    m_inputEnded = false;
    m_drained = false;
    m_hasPending = false;
    m_currentIndex = -1;
    m_currentPts = AV_NOPTS_VALUE;
    m_currentOccurrence = 0;
    m_lastStamp = AV_NOPTS_VALUE;
    m_lastStep = 1;
}

int64_t ContainerSource::indexOf(int64_t pts, int occurrence) const {
    const auto& all = m_index.framePts;
    const auto [first, last] = std::equal_range(all.begin(), all.end(), pts);
    if (first + occurrence >= last) {
        return -1;
    }
    return static_cast<int64_t>(first - all.begin()) + occurrence;
}

bool ContainerSource::receivePicture(Picture& picture) {
    if (!receiveNext(picture.frame.get())) {
        return false;
    }
    picture.stamp = stampReceived(picture.frame.get());
    return true;
}

DecodedFrame ContainerSource::decodeForward(int64_t index, bool& overshot, bool& damaged) {
    overshot = false;
    damaged = false;
    const int64_t targetPts = m_index.framePts[static_cast<size_t>(index)];
    const auto firstWithTarget = std::lower_bound(m_index.framePts.begin(), m_index.framePts.end(), targetPts);
    const int targetOccurrence = static_cast<int>(index - (firstWithTarget - m_index.framePts.begin()));
    bool havePrevious = m_currentIndex >= 0;
    for (;;) {
        if (m_hasPending) {
            std::swap(m_pending, m_frame); // m_frame's old picture is released on the next overwrite
            m_hasPending = false;
        } else {
            // Receive into m_pending so m_frame keeps the last good picture in case the target is missing.
            if (!receivePicture(m_pending)) {
                break;
            }
            std::swap(m_pending, m_frame);
        }
        const int64_t pts = m_frame.stamp;
        const int occurrence = pts == m_currentPts ? m_currentOccurrence + 1 : 0;
        const AVFrame* picture = m_frame.frame.get();
        if (picture->decode_error_flags != 0 || (picture->flags & AV_FRAME_FLAG_CORRUPT)) {
            damaged = true;
        }
        if (pts > targetPts || (pts == targetPts && occurrence > targetOccurrence)) {
            // Passed the target without seeing it: keep this picture for the next request and report.
            overshot = true;
            std::swap(m_pending, m_frame);
            m_hasPending = true;
            if (havePrevious) {
                return {m_frame.frame.get(), m_currentIndex, false, isKeyFrame(m_frame.frame.get())};
            }
            return {};
        }
        m_currentPts = pts;
        m_currentOccurrence = occurrence;
        const int64_t decodedIndex = indexOf(pts, occurrence);
        if (decodedIndex >= 0) {
            m_currentIndex = decodedIndex;
        }
        havePrevious = true;
        if (decodedIndex == index) {
            return {m_frame.frame.get(), index, true, isKeyFrame(m_frame.frame.get())};
        }
    }
    // End of stream before the target.
    if (havePrevious && m_currentIndex >= 0) {
        return {m_frame.frame.get(), m_currentIndex, false, isKeyFrame(m_frame.frame.get())};
    }
    return {};
}

DecodedFrame ContainerSource::decode(int64_t index) {
    if (index < 0 || index >= static_cast<int64_t>(m_index.framePts.size())) {
        throw MediaError(MediaErrorKind::OutOfRange, m_input.name(),
                         "frame " + std::to_string(index) + " is outside the video (0.." +
                             std::to_string(static_cast<int64_t>(m_index.framePts.size()) - 1) + ")");
    }
    if (index == m_currentIndex) {
        return {m_frame.frame.get(), index, true, isKeyFrame(m_frame.frame.get())};
    }
    const int64_t targetPts = m_index.framePts[static_cast<size_t>(index)];

    // Forward without a seek when the decoder is just before the target. Decoding continuously, a missed
    // target means that frame itself does not decode: the nearest earlier picture stands in for it.
    const bool ahead = m_currentIndex >= 0 && index > m_currentIndex && !m_drained;
    const StreamIndex::KeyFrame* nearestKey = seekPointFor(targetPts, 0);
    const bool keyFrameBetween = nearestKey && nearestKey->pts > m_currentPts;
    if (ahead && (!keyFrameBetween || index - m_currentIndex <= kForwardDecodeLimit)) {
        bool overshot = false;
        bool damaged = false; // damage met while decoding continuously is the file's own: keep it
        DecodedFrame result = decodeForward(index, overshot, damaged);
        if (result.frame) {
            result.index = index;
            return result;
        }
    }
    // Seek to the nearest key frame and decode forward. When the pictures come out damaged, start from
    // earlier key frames, down to the stream's start if need be: a key frame from which decoding goes
    // wrong (but not from further back) is no clean random access point and is never used again. Damage
    // that remains from the very start is the file's own; after that, damaged results are accepted.
    std::vector<StreamIndex::KeyFrame*> damagedStarts;
    for (int attempt = 0;; ++attempt) {
        // A few earlier key frames, then the stream's start: trying every key frame back would decode a
        // damaged all-intra stream quadratically (each attempt decodes from further back to the target).
        StreamIndex::KeyFrame* start = attempt < kMaxEarlierStarts ? seekPointFor(targetPts, attempt) : nullptr;
        seekTo(start);
        bool overshot = false;
        bool damaged = false;
        DecodedFrame result = decodeForward(index, overshot, damaged);
        if (result.frame && (!damaged || !start || m_inherentDamage)) {
            if (!damaged) {
                for (StreamIndex::KeyFrame* bad : damagedStarts) {
                    bad->unreliable = true;
                }
            } else if (!start) {
                m_inherentDamage = true;
            }
            result.index = index;
            return result;
        }
        if (!start) {
            break; // decoding from the very start gave nothing at or before the target
        }
        if (result.frame) {
            damagedStarts.push_back(start);
        } else if (!overshot) {
            break; // the stream ended before anything decoded
        }
        // Otherwise the first picture after the seek already lay past the target: start earlier.
    }
    if (m_hasPending) {
        // Nothing at or before the target decoded: the next picture is the closest stand-in.
        std::swap(m_pending, m_frame);
        m_hasPending = false;
        m_currentOccurrence = m_frame.stamp == m_currentPts ? m_currentOccurrence + 1 : 0;
        m_currentPts = m_frame.stamp;
        m_currentIndex = std::max<int64_t>(0, indexOf(m_currentPts, m_currentOccurrence));
        return {m_frame.frame.get(), index, false, isKeyFrame(m_frame.frame.get())};
    }
    throw MediaError(MediaErrorKind::DecodeFailed, m_input.name(),
                     "frame " + std::to_string(index) + " could not be decoded (" + std::to_string(m_decodeErrors) +
                         " decoding errors so far)");
}

void ContainerSource::indexByDecoding(bool fast) {
    if (fast) {
        m_codec->skip_idct = AVDISCARD_ALL;
        m_codec->skip_loop_filter = AVDISCARD_ALL;
    }
    seekTo(nullptr);
    std::vector<int64_t> decoded;
    std::vector<int64_t> decodedKeys;
    decoded.reserve(m_index.framePts.size());
    while (receivePicture(m_frame)) {
        decoded.push_back(m_frame.stamp);
        if (isKeyFrame(m_frame.frame.get())) {
            decodedKeys.push_back(m_frame.stamp);
        }
    }
    m_codec->skip_idct = AVDISCARD_DEFAULT;
    m_codec->skip_loop_filter = AVDISCARD_DEFAULT;
    std::sort(decoded.begin(), decoded.end());
    std::sort(decodedKeys.begin(), decodedKeys.end());
    if (!decoded.empty()) {
        // Key frames keep the demuxer's seek timestamps when the two lists pair up one to one.
        std::vector<StreamIndex::KeyFrame> keys;
        const bool paired = decodedKeys.size() == m_index.keyFrames.size();
        for (size_t i = 0; i < decodedKeys.size(); ++i) {
            keys.push_back({decodedKeys[i], paired ? m_index.keyFrames[i].seekTimestamp : decodedKeys[i]});
        }
        m_index.framePts = std::move(decoded);
        m_index.keyFrames = std::move(keys);
        applyTimeline(m_info, m_index, m_input.context()->streams[m_stream]);
        rebuildTimes();
    }
    seekTo(nullptr);
}

int64_t ContainerSource::verifyTimeline() {
    indexByDecoding(false);
    return static_cast<int64_t>(m_index.framePts.size());
}

} // namespace svj::media::detail
