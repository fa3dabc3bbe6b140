// Temporal blending: frames mixed with other moments: ghosts, trails, and in-between frames made up by
// blending or by motion-compensated interpolation (FFmpeg's minterpolate).
#include "media/fault_acting.h"
#include "media/filter_graph.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace svj::media::detail {
namespace {

FloatFrame frameAt(const PackedClip& clip, int t) {
    return toFloat(clip.frame(std::clamp(t, 0, clip.frames - 1)), clip.width, clip.height);
}

// Blending needs a frame before it: stretches start on frame 1 at the earliest.
Acting blendingActing(FaultDraw& draw) {
    Acting acting = drawActing(draw, 0.4, 2.0);
    if (acting.first == 0) {
        acting.first = 1;
        acting.length = std::max(1, acting.length - 1);
    }
    return acting;
}

PackedClip ghosting(FaultDraw& draw) {
    const double mix = draw.strength(0.25, 0.6);
    const int delay = draw.uniformInt(1, 3);
    const Acting acting = blendingActing(draw);
    const PackedClip& clip = draw.clip();
    draw.describe("blended " + percent(mix) + " with the frame " + std::to_string(delay) + " before" +
                  whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        const FloatFrame before = frameAt(clip, t - delay);
        FloatFrame frame = clean;
        for (size_t i = 0; i < frame.rgb.size(); ++i) {
            frame.rgb[i] = static_cast<float>((1.0 - mix) * clean.rgb[i] + mix * before.rgb[i]);
        }
        return frame;
    });
}

PackedClip ghostTrails(FaultDraw& draw) {
    const double keep = draw.strength(0.85, 0.97);
    const Acting acting = blendingActing(draw);
    const PackedClip& clip = draw.clip();
    FloatFrame trail = frameAt(clip, acting.first - 1);
    draw.describe("bright pixels fading by only " + percent(1.0 - keep) + " a frame" + whereText(acting));
    // Frames are transformed in order, so the trail carries from one to the next (FFmpeg's lagfun).
    return transformFrames(draw, acting, [&](int, const FloatFrame& clean) {
        for (size_t i = 0; i < trail.rgb.size(); ++i) {
            trail.rgb[i] = std::max(clean.rgb[i], static_cast<float>(keep * trail.rgb[i]));
        }
        return trail;
    });
}

PackedClip blendInterpolation(FaultDraw& draw) {
    const double ratio = draw.strength(0.6, 0.3); // the lower rate, as a share of the clip's
    const Acting acting = blendingActing(draw);
    const PackedClip& clip = draw.clip();
    draw.describe("made from " + percent(ratio) + " of the frames with blended in-betweens" + whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame&) {
        // The lower-rate stream keeps the source frame nearest to each of its moments; frame t of the clip
        // lies between two of them and is their mix.
        const double position = (t - acting.first) * ratio;
        const double k = std::floor(position);
        const double weight = position - k;
        const int a = acting.first + static_cast<int>(std::lround(k / ratio));
        const int b = acting.first + static_cast<int>(std::lround((k + 1) / ratio));
        const FloatFrame before = frameAt(clip, a);
        const FloatFrame after = frameAt(clip, b);
        FloatFrame frame = before;
        for (size_t i = 0; i < frame.rgb.size(); ++i) {
            frame.rgb[i] = static_cast<float>((1.0 - weight) * before.rgb[i] + weight * after.rgb[i]);
        }
        return frame;
    });
}

PackedClip motionInterpolation(FaultDraw& draw) {
    const int step = static_cast<int>(std::lround(draw.strength(2, 3)));
    const Acting acting = blendingActing(draw);
    const PackedClip& clip = draw.clip();
    const char* modes[] = {"aobmc", "obmc"};
    const std::string mode = modes[draw.uniformInt(0, 1)];
    const std::string search = std::to_string(draw.uniformInt(8, 32));
    // One time unit = one frame of the clip; keyframes every `step` of them from the stretch's start.
    const int rate = std::max(1, static_cast<int>(std::lround(draw.fps() * 1000)));
    FilterGraph graph(clip.width, clip.height, Rational{1000, rate},
                      "minterpolate=fps=" + std::to_string(rate) + "/1000:mi_mode=mci:mc_mode=" + mode +
                          ":me_mode=bidir:search_param=" + search + ":scd=none",
                      true, "motion interpolation fault");
    const int start = acting.first - 1; // the frame before the stretch anchors it
    int last = start;
    for (int t = start; t < clip.frames; t += step) {
        graph.push(clip.frame(t), t - start);
        last = t;
        if (t >= acting.first + acting.length) {
            break;
        }
    }
    graph.finish();
    const Rational base = graph.outputTimeBase();
    std::map<int, FilteredFrame> made;
    for (FilteredFrame& frame : graph.take()) {
        const int index =
            start + static_cast<int>(std::lround(static_cast<double>(frame.pts) * base.num / base.den * draw.fps()));
        made.emplace(index, std::move(frame));
    }
    draw.describe("every " + std::to_string(step) + (step == 2 ? "nd" : "rd") +
                  " frame kept, the others motion-interpolated (" + mode + ")" + whereText(acting));
    Acting acted = acting;
    acted.length = std::min(acting.length, last - acting.first + 1); // nothing is made past the last keyframe
    return transformFrames(draw, acted, [&](int t, const FloatFrame& clean) {
        const auto it = made.find(t);
        if (it == made.end() || it->second.rgb.size() != clean.rgb.size()) {
            return clean;
        }
        return toFloat(it->second.rgb.data(), clip.width, clip.height);
    });
}

} // namespace

PackedClip applyTemporalBlendingFault(FaultDraw& draw, VideoFault fault) {
    switch (fault) {
    case VideoFault::Ghosting:
        return ghosting(draw);
    case VideoFault::GhostTrails:
        return ghostTrails(draw);
    case VideoFault::BlendInterpolation:
        return blendInterpolation(draw);
    case VideoFault::MotionInterpolation:
        return motionInterpolation(draw);
    default:
        return firstFrames(draw.clip(), draw.frames());
    }
}

} // namespace svj::media::detail
