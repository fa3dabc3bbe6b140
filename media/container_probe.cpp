#include "media/container_probe.h"

#include "media/ffmpeg_compat.h"

#include <algorithm>
#include <cmath>
#include <sstream>

extern "C" {
#include <libavutil/avutil.h>
#include <libavutil/pixdesc.h>
}

namespace svj::media::detail {
namespace {

StreamType toStreamType(AVMediaType type) {
    switch (type) {
    case AVMEDIA_TYPE_VIDEO:
        return StreamType::Video;
    case AVMEDIA_TYPE_AUDIO:
        return StreamType::Audio;
    case AVMEDIA_TYPE_SUBTITLE:
        return StreamType::Subtitle;
    case AVMEDIA_TYPE_DATA:
        return StreamType::Data;
    case AVMEDIA_TYPE_ATTACHMENT:
        return StreamType::Attachment;
    default:
        return StreamType::Unknown;
    }
}

std::string orEmpty(const char* text) {
    return text ? std::string(text) : std::string();
}

StreamInfo describeStream(const AVStream* stream) {
    const AVCodecParameters* parameters = stream->codecpar;
    StreamInfo info;
    info.index = stream->index;
    info.type = toStreamType(parameters->codec_type);
    const AVCodecDescriptor* descriptor = avcodec_descriptor_get(parameters->codec_id);
    info.codecName = descriptor ? descriptor->name : "unknown";
    info.codecLongName = descriptor ? orEmpty(descriptor->long_name) : std::string();
    info.profile = orEmpty(avcodec_profile_name(parameters->codec_id, parameters->profile));
    info.bitRate = parameters->bit_rate;
    if (stream->duration != AV_NOPTS_VALUE) {
        info.durationSeconds = static_cast<double>(stream->duration) * av_q2d(stream->time_base);
    }
    if (info.type == StreamType::Video) {
        info.width = parameters->width;
        info.height = parameters->height;
        info.pixelFormat = orEmpty(av_get_pix_fmt_name(static_cast<AVPixelFormat>(parameters->format)));
        info.frameRate = {stream->avg_frame_rate.num, stream->avg_frame_rate.den};
    } else if (info.type == StreamType::Audio) {
        info.sampleRate = parameters->sample_rate;
        info.channels = channelCount(parameters);
    }
    return info;
}

int rotationOf(const AVStream* stream) {
    const int32_t* matrix = displayMatrix(stream);
    if (!matrix) {
        return 0;
    }
    // av_display_rotation_get gives the counter-clockwise angle; players rotate clockwise by its negation.
    const double counterClockwise = av_display_rotation_get(matrix);
    if (std::isnan(counterClockwise)) {
        return 0;
    }
    int clockwise = static_cast<int>(std::lround(-counterClockwise / 90.0)) * 90;
    clockwise %= 360;
    return clockwise < 0 ? clockwise + 360 : clockwise;
}

bool isFullRange(const AVCodecParameters* parameters) {
    if (parameters->color_range == AVCOL_RANGE_JPEG) {
        return true;
    }
    // The deprecated yuvj formats carry full range in their name rather than in color_range.
    const auto format = static_cast<AVPixelFormat>(parameters->format);
    return format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P ||
           format == AV_PIX_FMT_YUVJ440P || format == AV_PIX_FMT_YUVJ411P;
}

} // namespace

void applyTimeline(VideoInfo& info, const StreamIndex& index, const AVStream* stream) {
    const double timeBase = av_q2d(stream->time_base);
    info.frameCount = static_cast<int64_t>(index.framePts.size());
    if (index.framePts.empty()) {
        return;
    }
    info.startTimeUs = toMicroseconds(index.framePts.front(), stream->time_base);

    std::vector<int64_t> steps;
    steps.reserve(index.framePts.size());
    for (size_t i = 1; i < index.framePts.size(); ++i) {
        steps.push_back(index.framePts[i] - index.framePts[i - 1]);
    }
    int64_t typicalStep = index.lastFrameDuration;
    if (!steps.empty()) {
        std::vector<int64_t> sorted = steps;
        std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
        typicalStep = sorted[sorted.size() / 2];
        const auto [minStep, maxStep] = std::minmax_element(steps.begin(), steps.end());
        const double longest = static_cast<double>(*maxStep) * timeBase;
        if (longest > kMaxFrameHoldSeconds) {
            std::ostringstream text;
            text << "frame " << (maxStep - steps.begin()) << " is shown for " << longest
                 << " s (timestamps jump); frames picked by time hold one frame at most " << kMaxFrameHoldSeconds
                 << " s";
            info.warnings.push_back(text.str());
        }
        // Timestamps rounded to the time base jitter by a tick; anything beyond 10 % is a real rate change.
        const double tolerance = std::max(1.0, 0.1 * static_cast<double>(typicalStep));
        info.variableFrameRate = static_cast<double>(*maxStep - *minStep) > tolerance;
    }
    const int64_t lastDuration = index.lastFrameDuration > 0 ? index.lastFrameDuration : typicalStep;
    const int64_t span = index.framePts.back() - index.framePts.front() + std::max<int64_t>(lastDuration, 0);
    info.durationSeconds = static_cast<double>(span) * timeBase;

    if (!info.frameRate.valid() || info.variableFrameRate) {
        if (info.durationSeconds > 0.0) {
            // The mean rate over the real timestamps, as a rational with millisecond precision.
            const double rate = static_cast<double>(info.frameCount) / info.durationSeconds;
            const AVRational approx = av_d2q(rate, 1000000);
            info.frameRate = {approx.num, approx.den};
        }
    }
}

ProbedContainer probeContainer(Input& input) {
    AVFormatContext* context = input.context();
    const std::string& path = input.name();

    VideoInfo info;
    info.path = path;
    info.containerName = orEmpty(context->iformat->name);
    info.containerLongName = orEmpty(context->iformat->long_name);
    info.bitRate = context->bit_rate;
    if (context->duration != AV_NOPTS_VALUE) {
        info.containerDurationSeconds = static_cast<double>(context->duration) / AV_TIME_BASE;
    }
    for (unsigned i = 0; i < context->nb_streams; ++i) {
        info.streams.push_back(describeStream(context->streams[i]));
    }

    const int best = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (best < 0) {
        const bool hasAudio = std::any_of(info.streams.begin(), info.streams.end(),
                                          [](const StreamInfo& s) { return s.type == StreamType::Audio; });
        throw MediaError(MediaErrorKind::NotAVideo, path,
                         hasAudio ? "has no video stream (audio only)" : "has no video stream");
    }
    const AVStream* stream = context->streams[best];
    const AVCodecParameters* parameters = stream->codecpar;
    info.videoStreamIndex = best;
    info.codecName = info.streams[best].codecName;
    info.width = parameters->width;
    info.height = parameters->height;
    if (info.width <= 0 || info.height <= 0) {
        throw MediaError(MediaErrorKind::InvalidVideo, path, "video stream has no picture size");
    }
    if (info.width > kMaxDimension || info.height > kMaxDimension ||
        int64_t(info.width) * int64_t(info.height) > kMaxPixels) {
        throw MediaError(MediaErrorKind::InvalidVideo, path,
                         "absurd picture size " + std::to_string(info.width) + "x" + std::to_string(info.height) +
                             " (at most " + std::to_string(kMaxDimension) + " on a side)");
    }
    const AVRational sar = av_guess_sample_aspect_ratio(context, const_cast<AVStream*>(stream), nullptr);
    const double aspect = sar.num > 0 && sar.den > 0 ? static_cast<double>(sar.num) / sar.den : 0.0;
    if (aspect >= 1.0 / kMaxSampleAspect && aspect <= kMaxSampleAspect) {
        info.sampleAspectRatio = {sar.num, sar.den};
    } else if (aspect > 0.0) {
        info.warnings.push_back("sample aspect ratio " + std::to_string(sar.num) + ":" + std::to_string(sar.den) +
                                " is not a real one: pixels taken as square");
    }
    info.rotationDegrees = rotationOf(stream);
    info.pixelFormat = info.streams[best].pixelFormat;
    info.colorSpace = orEmpty(av_color_space_name(parameters->color_space));
    info.fullRange = isFullRange(parameters);
    const AVRational nominal = stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
    if (nominal.num > 0 && nominal.den > 0) {
        info.frameRate = {nominal.num, nominal.den};
    }
    if (stream->nb_frames > 0) {
        info.headerFrameCount = stream->nb_frames;
    }

    StreamIndex index = buildStreamIndex(input, best);
    if (index.framePts.empty()) {
        throw MediaError(MediaErrorKind::InvalidVideo, path, "video stream holds no frames");
    }
    applyTimeline(info, index, stream);
    return {std::move(info), std::move(index)};
}

} // namespace svj::media::detail
