#include "media/video_faults.h"

#include "media/fault_draw.h"
#include "media/media_error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <iomanip>
#include <sstream>

namespace svj::media {
namespace {

using E = FaultExtent;
using F = FaultFamily;

const std::vector<FaultSpec>& catalog() {
    static const std::vector<FaultSpec> specs = {
        {VideoFault::Stutter,
         "stutter",
         F::TemporalSampling,
         {E::WholeClip, E::TimeSpan},
         "a frame shows 1-3 times too often, then the clip catches up or stays late"},
        {VideoFault::FrameDrop,
         "frame drop",
         F::TemporalSampling,
         {E::WholeClip, E::TimeSpan},
         "1-6 frames are missing: the motion jumps ahead"},
        {VideoFault::Freeze,
         "freeze",
         F::TemporalSampling,
         {E::TimeSpan},
         "the picture stops for 0.2-1.5 s, then jumps on or resumes late"},
        {VideoFault::FrozenRegion,
         "frozen region",
         F::Spatial,
         {E::Region},
         "a quarter to a half of each side stops updating"},
        {VideoFault::Shake,
         "shake",
         F::Spatial,
         {E::WholeClip, E::TimeSpan},
         "the picture shakes by 1-8 pixels from frame to frame"},
        {VideoFault::Ghosting,
         "ghosting",
         F::TemporalBlending,
         {E::WholeClip, E::TimeSpan},
         "each frame blended with one 1-3 frames earlier (25-60 %)"},
        {VideoFault::Reverse,
         "reverse",
         F::TemporalSampling,
         {E::TimeSpan},
         "0.2-1.2 s play backwards, in place or forward and back"},
        {VideoFault::Judder,
         "judder",
         F::TemporalSampling,
         {E::WholeClip, E::TimeSpan},
         "every 2nd to 6th frame repeats the one before and the next is skipped"},
        {VideoFault::Flicker,
         "flicker",
         F::Photometric,
         {E::WholeClip, E::TimeSpan},
         "exposure pumping by 4-25 % from frame to frame"},
        {VideoFault::UnevenCadence,
         "uneven cadence",
         F::TemporalSampling,
         {E::WholeClip, E::TimeSpan},
         "converted to 40-85 % of the rate and back by repeating frames"},
        {VideoFault::CaptureJitter,
         "capture jitter",
         F::TemporalSampling,
         {E::WholeClip, E::TimeSpan},
         "frames taken at irregular moments (0.6-1.5 frames off): repeats and skips at random"},
        {VideoFault::SlowMotion,
         "slow motion",
         F::TemporalSampling,
         {E::TimeSpan},
         "0.3-1.5 s slowed 2-3x by repeating frames, then a jump or late from there on"},
        {VideoFault::GhostTrails,
         "ghost trails",
         F::TemporalBlending,
         {E::WholeClip, E::TimeSpan},
         "bright pixels fade by only 3-15 % a frame"},
        {VideoFault::BlendInterpolation,
         "blend interpolation",
         F::TemporalBlending,
         {E::WholeClip, E::TimeSpan},
         "a 30-60 % frame rate brought back with blended in-between frames"},
        {VideoFault::MotionInterpolation,
         "motion interpolation",
         F::TemporalBlending,
         {E::WholeClip, E::TimeSpan},
         "every 2nd or 3rd frame kept, the rest made by FFmpeg's motion-compensated interpolation"},
        {VideoFault::HeavyH264, "heavy h264", F::Compression, {E::WholeClip}, "libx264 at CRF 36-51"},
        {VideoFault::H264Collapse,
         "h264 collapse",
         F::Compression,
         {E::TimeSpan},
         "libx264 at CRF 16-22, with 0.3-1.5 s at quantiser 40-51"},
        {VideoFault::Mpeg2Blocking,
         "mpeg2 blocking",
         F::Compression,
         {E::WholeClip, E::TimeSpan},
         "MPEG-2 at fixed quantiser 10-31"},
        {VideoFault::MjpegBlocking,
         "mjpeg blocking",
         F::Compression,
         {E::WholeClip, E::TimeSpan},
         "every frame through JPEG at quantiser 12-31"},
        {VideoFault::DefocusBlur,
         "defocus blur",
         F::Spatial,
         {E::WholeClip, E::TimeSpan, E::Region},
         "Gaussian blur of 0.8-3.5 pixels"},
        {VideoFault::MotionBlur,
         "motion blur",
         F::Spatial,
         {E::WholeClip, E::TimeSpan, E::Region},
         "a 4-16 pixel smear in one direction"},
        {VideoFault::PulsingBlur,
         "pulsing blur",
         F::Spatial,
         {E::WholeClip, E::TimeSpan},
         "blur rising to 1.5-4 pixels and back, once or periodically"},
        {VideoFault::SensorNoise,
         "sensor noise",
         F::Spatial,
         {E::WholeClip, E::TimeSpan, E::Region},
         "new grain every frame, 3-14 grey levels"},
        {VideoFault::Ringing,
         "ringing",
         F::Spatial,
         {E::WholeClip, E::TimeSpan, E::Region},
         "unsharp masking of 1-4x at 1-3 pixels: halos"},
        {VideoFault::LocalWarp,
         "local warp",
         F::Spatial,
         {E::Region},
         "a wave of 1.5-6 pixels running through part of the picture"},
        {VideoFault::Interlace,
         "interlace",
         F::Spatial,
         {E::WholeClip, E::TimeSpan},
         "odd rows from the frame before: combing on motion"},
        {VideoFault::Rescale, "rescale", F::Spatial, {E::WholeClip, E::TimeSpan}, "scaled down 1.6-4x and back up"},
        {VideoFault::ChromaBleed,
         "chroma bleed",
         F::Spatial,
         {E::WholeClip, E::TimeSpan, E::Region},
         "colour blurred 3-12 pixels and shifted 1-4 pixels"},
        {VideoFault::ColorFlicker,
         "color flicker",
         F::Photometric,
         {E::WholeClip, E::TimeSpan},
         "hue (4-25 degrees) or saturation (8-40 %) changing every frame"},
        {VideoFault::ColorDrift,
         "color drift",
         F::Photometric,
         {E::WholeClip, E::TimeSpan},
         "hue (15-90 degrees), saturation or white balance drifting away"},
    };
    return specs;
}

std::string normalised(const std::string& name) {
    std::string out;
    for (const char c : name) {
        out += (c == '-' || c == '_') ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

} // namespace

const std::vector<FaultSpec>& faultCatalog() {
    return catalog();
}

const FaultSpec& faultSpec(VideoFault fault) {
    const auto index = static_cast<size_t>(fault);
    if (index >= catalog().size()) {
        throw MediaError(MediaErrorKind::InvalidArgument, "", "unknown video fault " + std::to_string(index));
    }
    return catalog()[index];
}

const char* videoFaultName(VideoFault fault) {
    return faultSpec(fault).name;
}

const char* faultFamilyName(FaultFamily family) {
    switch (family) {
    case FaultFamily::TemporalSampling:
        return "temporal sampling";
    case FaultFamily::TemporalBlending:
        return "temporal blending";
    case FaultFamily::Compression:
        return "compression";
    case FaultFamily::Spatial:
        return "spatial";
    case FaultFamily::Photometric:
        return "photometric";
    }
    return "?";
}

std::optional<VideoFault> videoFaultByName(const std::string& name) {
    const std::string wanted = normalised(name);
    for (const FaultSpec& spec : catalog()) {
        if (wanted == spec.name) {
            return spec.fault;
        }
    }
    if (wanted == "jitter") { // the name before capture jitter came: the shaking picture
        return VideoFault::Shake;
    }
    return std::nullopt;
}

std::optional<FaultFamily> faultFamilyByName(const std::string& name) {
    const std::string wanted = normalised(name);
    for (const FaultFamily family : allFaultFamilies()) {
        if (wanted == faultFamilyName(family)) {
            return family;
        }
    }
    return std::nullopt;
}

std::vector<VideoFault> allVideoFaults() {
    std::vector<VideoFault> faults;
    for (const FaultSpec& spec : catalog()) {
        faults.push_back(spec.fault);
    }
    return faults;
}

std::vector<VideoFault> faultsOfFamily(FaultFamily family) {
    std::vector<VideoFault> faults;
    for (const FaultSpec& spec : catalog()) {
        if (spec.family == family) {
            faults.push_back(spec.fault);
        }
    }
    return faults;
}

std::vector<FaultFamily> allFaultFamilies() {
    return {FaultFamily::TemporalSampling, FaultFamily::TemporalBlending, FaultFamily::Compression,
            FaultFamily::Spatial, FaultFamily::Photometric};
}

double meanAbsoluteDifference(const PackedClip& a, const PackedClip& b) {
    const size_t count = std::min(a.rgb.size(), b.rgb.size());
    uint64_t sum = 0;
    for (size_t i = 0; i < count; ++i) {
        sum += static_cast<uint64_t>(std::abs(static_cast<int>(a.rgb[i]) - static_cast<int>(b.rgb[i])));
    }
    return count == 0 ? 0.0 : static_cast<double>(sum) / static_cast<double>(count);
}

namespace detail {

FaultDraw::FaultDraw(const PackedClip& clip, int keptFrames, std::mt19937_64& random, FaultRecord& record,
                     const FaultSettings& settings, std::vector<FaultExtent> extents)
    : m_clip(clip)
    , m_frames(keptFrames)
    , m_fps(settings.fps > 0 ? settings.fps : 25.0)
    , m_random(random)
    , m_record(record)
    , m_settings(settings)
    , m_extents(std::move(extents)) {}

int FaultDraw::uniformInt(int low, int high) {
    if (high < low) {
        std::swap(low, high);
    }
    return std::uniform_int_distribution<int>(low, high)(m_random);
}

double FaultDraw::uniform(double low, double high) {
    if (high < low) {
        std::swap(low, high);
    }
    return std::uniform_real_distribution<double>(low, high)(m_random);
}

bool FaultDraw::chance(double probability) {
    return uniform(0.0, 1.0) < probability;
}

double FaultDraw::strength(double mildest, double strongest) {
    const double low = std::clamp(m_settings.minStrength, 0.0, 1.0);
    const double high = std::clamp(m_settings.maxStrength, low, 1.0);
    const double where = uniform(low, high);
    m_record.strength = where;
    return mildest + where * (strongest - mildest);
}

int FaultDraw::framesIn(double seconds) const {
    return std::max(1, static_cast<int>(std::lround(seconds * m_fps)));
}

FaultExtent FaultDraw::drawExtent() {
    return m_extents[static_cast<size_t>(uniformInt(0, static_cast<int>(m_extents.size()) - 1))];
}

std::pair<int, int> FaultDraw::drawSpan(double minSeconds, double maxSeconds, int minFrames) {
    // Spans stay off the first and last frame where they can: an event needs a before and an after.
    const int room = std::max(1, m_frames - 2);
    const int low = std::clamp(std::max(minFrames, framesIn(minSeconds)), 1, room);
    const int high = std::clamp(framesIn(maxSeconds), low, room);
    const int length = uniformInt(low, high);
    const int first = m_frames - 2 >= length ? uniformInt(1, m_frames - 1 - length) : 0;
    return {first, std::min(length, m_frames - first)};
}

FaultRegion FaultDraw::drawRegion() {
    FaultRegion region;
    const double low = std::clamp(m_settings.minRegion, 0.05, 1.0);
    const double high = std::clamp(m_settings.maxRegion, low, 1.0);
    region.width = uniformInt(std::max(1, static_cast<int>(m_clip.width * low)),
                              std::max(1, static_cast<int>(m_clip.width * high)));
    region.height = uniformInt(std::max(1, static_cast<int>(m_clip.height * low)),
                               std::max(1, static_cast<int>(m_clip.height * high)));
    region.x = uniformInt(0, m_clip.width - region.width);
    region.y = uniformInt(0, m_clip.height - region.height);
    return region;
}

void FaultDraw::setActed(FaultExtent extent, int first, int length, FaultRegion region) {
    m_record.extent = extent;
    m_record.firstFrame = std::clamp(first, 0, m_frames);
    m_record.length = std::clamp(length, 0, m_frames - m_record.firstFrame);
    m_record.region = region;
    setEvent(m_record.firstFrame, m_record.length);
}

void FaultDraw::setEvent(int first, int length) {
    m_record.eventFirst = std::clamp(first, 0, m_frames);
    m_record.eventLength = std::clamp(length, 0, m_frames - m_record.eventFirst);
}

PackedClip firstFrames(const PackedClip& clip, int frames) {
    PackedClip out;
    out.width = clip.width;
    out.height = clip.height;
    out.frames = std::min(frames, clip.frames);
    out.rgb.assign(clip.rgb.begin(), clip.rgb.begin() + static_cast<std::ptrdiff_t>(clip.frameBytes() * out.frames));
    return out;
}

PackedClip remapFrames(const PackedClip& clip, const std::vector<int>& sources) {
    PackedClip out;
    out.width = clip.width;
    out.height = clip.height;
    out.frames = static_cast<int>(sources.size());
    out.rgb.resize(clip.frameBytes() * sources.size());
    for (int t = 0; t < out.frames; ++t) {
        const int source = std::clamp(sources[static_cast<size_t>(t)], 0, clip.frames - 1);
        std::memcpy(out.frame(t), clip.frame(source), clip.frameBytes());
    }
    return out;
}

PackedClip confine(const PackedClip& clean, const PackedClip& broken, int first, int length,
                   const FaultRegion& region) {
    PackedClip out = clean;
    const int end = std::min(clean.frames, first + length);
    const int x0 = std::clamp(region.x, 0, clean.width);
    const int x1 = std::clamp(region.x + region.width, x0, clean.width);
    const int y0 = std::clamp(region.y, 0, clean.height);
    const int y1 = std::clamp(region.y + region.height, y0, clean.height);
    for (int t = std::max(0, first); t < end; ++t) {
        for (int y = y0; y < y1; ++y) {
            const size_t offset = (static_cast<size_t>(y) * static_cast<size_t>(clean.width) + x0) * 3;
            std::memcpy(out.frame(t) + offset, broken.frame(t) + offset, static_cast<size_t>(x1 - x0) * 3);
        }
    }
    return out;
}

std::string percent(double fraction) {
    return std::to_string(static_cast<int>(std::lround(fraction * 100))) + " %";
}

std::string fixed(double value, int decimals) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(decimals) << value;
    return text.str();
}

} // namespace detail

PackedClip applyVideoFault(const PackedClip& clip, VideoFault fault, std::mt19937_64& random, FaultRecord* record,
                           const FaultSettings& settings) {
    FaultRecord local;
    FaultRecord& r = record ? *record : local;
    const FaultSpec& spec = faultSpec(fault);
    r = FaultRecord{};
    r.fault = fault;
    r.family = spec.family;
    const int kept = settings.keepFrames > 0 ? std::min(settings.keepFrames, clip.frames) : clip.frames;
    if (kept < 5 || clip.width < 4 || clip.height < 4) {
        r.description = "clip too short or small for a fault";
        return detail::firstFrames(clip, kept);
    }
    std::vector<FaultExtent> extents;
    for (const FaultExtent extent : spec.extents) {
        if (settings.extents.empty() ||
            std::find(settings.extents.begin(), settings.extents.end(), extent) != settings.extents.end()) {
            extents.push_back(extent);
        }
    }
    if (extents.empty()) {
        extents = spec.extents; // none of the wished extents fits this fault: its own
    }
    detail::FaultDraw draw(clip, kept, random, r, settings, extents);
    PackedClip out;
    switch (spec.family) {
    case FaultFamily::TemporalSampling:
        out = detail::applyTemporalSamplingFault(draw, fault);
        break;
    case FaultFamily::TemporalBlending:
        out = detail::applyTemporalBlendingFault(draw, fault);
        break;
    case FaultFamily::Compression:
        out = detail::applyCompressionFault(draw, fault);
        break;
    case FaultFamily::Spatial:
        out = detail::applySpatialFault(draw, fault);
        break;
    case FaultFamily::Photometric:
        out = detail::applyPhotometricFault(draw, fault);
        break;
    }
    if (r.region.width == 0 || r.region.height == 0) {
        r.region = draw.wholeFrame();
    }
    return out;
}

} // namespace svj::media
