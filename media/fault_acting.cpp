#include "media/fault_acting.h"

namespace svj::media::detail {

Acting drawActing(FaultDraw& draw, double minSeconds, double maxSeconds) {
    Acting acting;
    acting.extent = draw.drawExtent();
    acting.region = draw.wholeFrame();
    acting.first = 0;
    acting.length = draw.frames();
    if (acting.extent == FaultExtent::Region) {
        acting.region = draw.drawRegion();
        if (draw.chance(0.3)) {
            std::tie(acting.first, acting.length) = draw.drawSpan(minSeconds, maxSeconds, 3);
        }
    } else if (acting.extent == FaultExtent::TimeSpan) {
        std::tie(acting.first, acting.length) = draw.drawSpan(minSeconds, maxSeconds, 3);
    }
    return acting;
}

PackedClip transformFrames(FaultDraw& draw, const Acting& acting, const FrameOp& op) {
    PackedClip broken = firstFrames(draw.clip(), draw.frames());
    const PackedClip& clean = draw.clip();
    for (int t = acting.first; t < acting.first + acting.length && t < draw.frames(); ++t) {
        const FloatFrame frame = op(t, toFloat(clean.frame(t), clean.width, clean.height));
        toBytes(frame, broken.frame(t));
    }
    draw.setActed(acting.extent, acting.first, acting.length, acting.region);
    if (acting.region.width == clean.width && acting.region.height == clean.height) {
        return broken;
    }
    return confine(firstFrames(clean, draw.frames()), broken, acting.first, acting.length, acting.region);
}

std::string whereText(const Acting& acting) {
    std::string text;
    if (acting.extent == FaultExtent::Region) {
        text += " in a " + std::to_string(acting.region.width) + "x" + std::to_string(acting.region.height) +
                " region at " + std::to_string(acting.region.x) + "," + std::to_string(acting.region.y);
    }
    if (acting.extent == FaultExtent::TimeSpan || (acting.extent == FaultExtent::Region && acting.first > 0)) {
        text += " in frames " + std::to_string(acting.first) + "-" + std::to_string(acting.first + acting.length - 1);
    }
    return text;
}

} // namespace svj::media::detail
