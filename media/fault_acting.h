// Internal to media/: faults that change each frame's pixels by themselves (spatial, photometric and some
// blending ones) share how they pick where they act and how they are confined to it.
#pragma once

#include "media/fault_draw.h"
#include "media/pixel_ops.h"

#include <functional>

namespace svj::media::detail {

struct Acting {
    FaultExtent extent = FaultExtent::WholeClip;
    int first = 0;
    int length = 0;
    FaultRegion region;
};

// The whole clip, a span of `minSeconds` .. `maxSeconds`, or a region (over the whole clip, or a span).
Acting drawActing(FaultDraw& draw, double minSeconds = 0.3, double maxSeconds = 2.0);

// Frame t of the acting frames becomes op(t, clean frame t); outside the frames and the region the clip
// stays as it was. The record says where.
using FrameOp = std::function<FloatFrame(int t, const FloatFrame& clean)>;
PackedClip transformFrames(FaultDraw& draw, const Acting& acting, const FrameOp& op);

std::string whereText(const Acting& acting); // " in frames 3-17", " in a 40x30 region", ""

} // namespace svj::media::detail
