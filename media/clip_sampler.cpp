#include "media/clip_sampler.h"

#include "media/image_ops.h"
#include "media/media_error.h"
#include "media/media_limits.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace svj::media {
namespace {

// Timestamps are whole microseconds; a sample this close after a frame's start still sees that frame.
constexpr int64_t kTimeToleranceUs = 1;

std::string seconds(double value) {
    std::ostringstream out;
    out.precision(3);
    out << std::fixed << value << " s";
    return out.str();
}

int64_t sampleTime(int64_t startUs, int j, double fps) {
    return startUs + static_cast<int64_t>(std::llround(static_cast<double>(j) * 1e6 / fps));
}

int64_t frameAt(const std::vector<int64_t>& framePtsUs, int64_t timeUs) {
    const auto after = std::upper_bound(framePtsUs.begin(), framePtsUs.end(), timeUs + kTimeToleranceUs);
    return after == framePtsUs.begin() ? 0 : static_cast<int64_t>(after - framePtsUs.begin()) - 1;
}

// Samples that fit between `startUs` and the end (a sample on the end itself shows the last frame).
int samplesAvailable(int64_t startUs, int64_t durationUs, double fps) {
    if (startUs > durationUs) {
        return 0;
    }
    const double span = static_cast<double>(durationUs - startUs) * fps / 1e6;
    return static_cast<int>(std::floor(span + 1e-6)) + 1;
}

} // namespace

void validateClipSpec(const ClipSpec& spec) {
    if (!(spec.fps > 0.0) || spec.fps > 1000.0) {
        throw MediaError(MediaErrorKind::InvalidArgument, "", "clip frame rate must be in (0, 1000]");
    }
    if (spec.frameCount < 1 || spec.frameCount % 4 != 1) {
        throw MediaError(MediaErrorKind::InvalidArgument, "",
                         "clip length must be 1 + 4k frames (1, 5, 9, 17, 33, 49, ...), got " +
                             std::to_string(spec.frameCount));
    }
    if (spec.minFrameCount < 1 || spec.minFrameCount % 4 != 1 || spec.minFrameCount > spec.frameCount) {
        throw MediaError(MediaErrorKind::InvalidArgument, "",
                         "minimum clip length must be 1 + 4k frames and at most the clip length");
    }
    if (spec.width <= 0 || spec.height <= 0 || spec.width > 16384 || spec.height > 16384) {
        throw MediaError(MediaErrorKind::InvalidArgument, "", "clip size out of range");
    }
    if (spec.startSeconds < 0.0) {
        throw MediaError(MediaErrorKind::InvalidArgument, "", "clip start must not be negative");
    }
}

ClipPlan planClip(const std::vector<int64_t>& framePtsUs, int64_t durationUs, const ClipSpec& spec,
                  const std::string& path) {
    validateClipSpec(spec);
    if (framePtsUs.empty()) {
        throw MediaError(MediaErrorKind::InvalidVideo, path, "video has no frames");
    }
    const auto startUs = static_cast<int64_t>(std::llround(spec.startSeconds * 1e6));
    if (startUs >= durationUs) {
        throw MediaError(MediaErrorKind::OutOfRange, path,
                         "clip start " + seconds(spec.startSeconds) + " is past the end of the video (" +
                             seconds(static_cast<double>(durationUs) / 1e6) + ")");
    }
    const int available = samplesAvailable(startUs, durationUs, spec.fps);
    int taken = spec.frameCount;
    int padded = 0;
    if (available < spec.frameCount) {
        const std::string shortBy = "is too short for a " + std::to_string(spec.frameCount) + "-frame clip at " +
                                    std::to_string(static_cast<int>(std::lround(spec.fps))) +
                                    " fps: " + seconds(static_cast<double>(durationUs - startUs) / 1e6) + " give " +
                                    std::to_string(available) + " frames";
        switch (spec.shortPolicy) {
        case ShortVideoPolicy::Fail:
            throw MediaError(MediaErrorKind::OutOfRange, path, shortBy);
        case ShortVideoPolicy::Shrink:
            taken = ((available - 1) / 4) * 4 + 1;
            if (taken < spec.minFrameCount) {
                throw MediaError(MediaErrorKind::OutOfRange, path,
                                 shortBy + ", fewer than the minimum of " + std::to_string(spec.minFrameCount));
            }
            break;
        case ShortVideoPolicy::PadWithLastFrame:
            taken = available;
            padded = spec.frameCount - available;
            break;
        }
    }
    ClipPlan plan;
    plan.fps = spec.fps;
    plan.paddedFrames = padded;
    for (int j = 0; j < taken; ++j) {
        const int64_t time = sampleTime(startUs, j, spec.fps);
        plan.sampleTimesUs.push_back(time);
        plan.sourceIndices.push_back(frameAt(framePtsUs, time));
    }
    for (int j = 0; j < padded; ++j) {
        plan.sampleTimesUs.push_back(plan.sampleTimesUs.back());
        plan.sourceIndices.push_back(plan.sourceIndices.back());
    }
    return plan;
}

FrameTimeline boundedTimeline(const std::vector<int64_t>& framePtsUs, int64_t durationUs) {
    constexpr auto kMaxHoldUs = static_cast<int64_t>(kMaxFrameHoldSeconds * 1e6);
    FrameTimeline timeline;
    timeline.framePtsUs.reserve(framePtsUs.size());
    int64_t shift = 0; // how much earlier every frame from here on is shown
    for (size_t i = 0; i < framePtsUs.size(); ++i) {
        if (i > 0) {
            const int64_t gap = framePtsUs[i] - framePtsUs[i - 1];
            shift += std::max<int64_t>(0, gap - kMaxHoldUs);
        }
        timeline.framePtsUs.push_back(framePtsUs[i] - shift);
    }
    const int64_t tail = framePtsUs.empty() ? durationUs : durationUs - framePtsUs.back();
    timeline.durationUs =
        framePtsUs.empty() ? durationUs : timeline.framePtsUs.back() + std::clamp<int64_t>(tail, 0, kMaxHoldUs);
    return timeline;
}

std::vector<ClipPlan> planCoverage(const std::vector<int64_t>& framePtsUs, int64_t durationUs, const ClipSpec& spec,
                                   const std::string& path) {
    validateClipSpec(spec);
    const double window = static_cast<double>(spec.frameCount - 1) / spec.fps;
    const double total = static_cast<double>(durationUs) / 1e6;
    std::vector<double> starts;
    for (double start = 0.0; start + window < total - 1e-6; start += window) {
        starts.push_back(start);
    }
    // The last window ends on the video's end; a video shorter than one window gets one clip from 0.
    const double last = std::max(0.0, total - window);
    if (starts.empty() || last > starts.back() + 1e-6) {
        starts.push_back(last);
    }
    std::vector<ClipPlan> plans;
    ClipSpec windowSpec = spec;
    for (const double start : starts) {
        windowSpec.startSeconds = start;
        plans.push_back(planClip(framePtsUs, durationUs, windowSpec, path));
    }
    return plans;
}

CropRect centreCrop(int sourceWidth, int sourceHeight, double sampleAspect, int targetWidth, int targetHeight) {
    if (!(sampleAspect > 0.0)) {
        sampleAspect = 1.0;
    }
    // Compare aspect ratios in displayed units: a source pixel is sampleAspect wide.
    const double sourceAspect = static_cast<double>(sourceWidth) * sampleAspect / sourceHeight;
    const double targetAspect = static_cast<double>(targetWidth) / targetHeight;
    CropRect rect{0, 0, sourceWidth, sourceHeight};
    if (sourceAspect > targetAspect) {
        rect.width =
            std::clamp(static_cast<int>(std::lround(sourceHeight * targetAspect / sampleAspect)), 1, sourceWidth);
        rect.x = (sourceWidth - rect.width) / 2;
    } else if (sourceAspect < targetAspect) {
        rect.height =
            std::clamp(static_cast<int>(std::lround(sourceWidth * sampleAspect / targetAspect)), 1, sourceHeight);
        rect.y = (sourceHeight - rect.height) / 2;
    }
    return rect;
}

Clip sampleClip(VideoReader& reader, const ClipPlan& plan, const ClipSpec& spec) {
    Clip clip;
    clip.path = reader.path();
    clip.width = spec.width;
    clip.height = spec.height;
    clip.frameCount = static_cast<int>(plan.sourceIndices.size());
    clip.plan = plan;
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(clip.frameCount));
    clip.sourcePtsUs.reserve(plan.sourceIndices.size());

    const VideoInfo& info = reader.info();
    // Rotation swaps the axes the sample aspect applies to.
    const bool sideways = info.rotationDegrees == 90 || info.rotationDegrees == 270;
    double aspect = info.sampleAspectRatio.valid() ? info.sampleAspectRatio.value() : 1.0;
    if (sideways) {
        aspect = 1.0 / aspect;
    }
    RgbResizer resizer;
    VideoFrame frame;
    int64_t decodedIndex = -1;
    for (int t = 0; t < clip.frameCount; ++t) {
        const int64_t index = plan.sourceIndices[static_cast<size_t>(t)];
        if (index != decodedIndex) {
            reader.readFrame(index, frame);
            decodedIndex = index;
            clip.exact = clip.exact && frame.exact;
        }
        clip.sourcePtsUs.push_back(frame.ptsUs);
        const CropRect crop = centreCrop(frame.width, frame.height, aspect, spec.width, spec.height);
        resizer.resize(frame, crop.x, crop.y, crop.width, crop.height, spec.width, spec.height,
                       clip.rgb.data() + static_cast<size_t>(t) * clip.frameBytes());
    }
    return clip;
}

Clip sampleClip(VideoReader& reader, const ClipSpec& spec) {
    const FrameTimeline timeline = boundedTimeline(reader.framePtsUs(), reader.durationUs());
    return sampleClip(reader, planClip(timeline.framePtsUs, timeline.durationUs, spec, reader.path()), spec);
}

} // namespace svj::media

namespace svj::media {

std::vector<Clip> sampleCoverage(VideoReader& reader, const ClipSpec& spec) {
    std::vector<Clip> clips;
    const FrameTimeline timeline = boundedTimeline(reader.framePtsUs(), reader.durationUs());
    for (const ClipPlan& plan : planCoverage(timeline.framePtsUs, timeline.durationUs, spec, reader.path())) {
        clips.push_back(sampleClip(reader, plan, spec));
    }
    return clips;
}

} // namespace svj::media
