// Photometric faults: exposure and colour that change when the scene does not.
#include "media/fault_acting.h"

#include <algorithm>
#include <cmath>

namespace svj::media::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;

// A signed wobble per frame: alternating (a mains-frequency beat) or random (auto-exposure hunting).
std::vector<double> wobble(FaultDraw& draw, bool alternating) {
    std::vector<double> values(static_cast<size_t>(draw.frames()));
    for (size_t t = 0; t < values.size(); ++t) {
        values[t] = alternating ? (t % 2 == 0 ? 1.0 : -1.0) * draw.uniform(0.5, 1.0) : draw.uniform(-1.0, 1.0);
    }
    return values;
}

PackedClip flicker(FaultDraw& draw) {
    const double strength = draw.strength(0.04, 0.25);
    const bool alternating = draw.chance(0.5);
    const bool offset = draw.chance(0.3); // a shift of the black level instead of a gain
    const Acting acting = drawActing(draw, 0.4, 2.0);
    const std::vector<double> amounts = wobble(draw, alternating);
    draw.describe(std::string(offset ? "brightness" : "exposure") + " pumping by " + percent(strength) +
                  (alternating ? " every other frame" : " at random") + whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        FloatFrame frame = clean;
        const double amount = strength * amounts[static_cast<size_t>(t)];
        for (float& value : frame.rgb) {
            value = static_cast<float>(offset ? value + 255.0 * amount * 0.5 : value * (1.0 + amount));
        }
        return frame;
    });
}

PackedClip colourFlicker(FaultDraw& draw) {
    const bool hue = draw.chance(0.5);
    const double strength = hue ? draw.strength(4, 25) : draw.strength(0.08, 0.4);
    const Acting acting = drawActing(draw, 0.4, 2.0);
    const std::vector<double> amounts = wobble(draw, draw.chance(0.3));
    draw.describe(std::string(hue ? "hue flickering by " + fixed(strength, 0) + " degrees"
                                  : "saturation flickering by " + percent(strength)) +
                  whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        FloatFrame frame = clean;
        const double amount = strength * amounts[static_cast<size_t>(t)];
        adjustColour(frame, hue ? amount : 0.0, hue ? 1.0 : 1.0 + amount);
        return frame;
    });
}

PackedClip colourDrift(FaultDraw& draw) {
    const int kind = draw.uniformInt(0, 2); // hue, saturation, white balance
    double target = 0;
    std::string what;
    switch (kind) {
    case 0:
        target = draw.strength(15, 90) * (draw.chance(0.5) ? 1 : -1);
        what = "hue drifting " + fixed(target, 0) + " degrees";
        break;
    case 1:
        target = draw.chance(0.5) ? draw.strength(0.7, 0.3) : draw.strength(1.4, 2.0);
        what = "saturation drifting to " + percent(target);
        break;
    default:
        target = draw.strength(0.08, 0.3) * (draw.chance(0.5) ? 1 : -1);
        what = "white balance drifting " + percent(std::abs(target)) + (target > 0 ? " warmer" : " cooler");
        break;
    }
    const Acting acting = drawActing(draw, 0.8, 3.0);
    // Over a span: away and back (an auto white balance that hunts); over the whole clip: away.
    const bool andBack = acting.extent != FaultExtent::WholeClip;
    draw.describe(what + whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        const double progress = (t - acting.first + 1.0) / std::max(1, acting.length);
        const double amount = andBack ? std::sin(kPi * progress) : progress;
        FloatFrame frame = clean;
        if (kind == 0) {
            adjustColour(frame, target * amount, 1.0);
        } else if (kind == 1) {
            adjustColour(frame, 0.0, 1.0 + (target - 1.0) * amount);
        } else {
            for (size_t i = 0; i < frame.rgb.size(); i += 3) {
                frame.rgb[i] = static_cast<float>(frame.rgb[i] * (1.0 + target * amount));
                frame.rgb[i + 2] = static_cast<float>(frame.rgb[i + 2] * (1.0 - target * amount));
            }
        }
        return frame;
    });
}

} // namespace

PackedClip applyPhotometricFault(FaultDraw& draw, VideoFault fault) {
    switch (fault) {
    case VideoFault::Flicker:
        return flicker(draw);
    case VideoFault::ColorFlicker:
        return colourFlicker(draw);
    case VideoFault::ColorDrift:
        return colourDrift(draw);
    default:
        return firstFrames(draw.clip(), draw.frames());
    }
}

} // namespace svj::media::detail
