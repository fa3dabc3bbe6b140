// Spatial faults: what is wrong inside each picture (blur, noise, halos, warps, combing, lost detail, colour
// smear) and pictures that stop or shake.
#include "media/fault_acting.h"
#include "media/ffmpeg_handles.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace svj::media::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;

PackedClip defocus(FaultDraw& draw) {
    const double sigma = draw.strength(0.8, 3.5);
    const Acting acting = drawActing(draw);
    draw.describe("out of focus (" + fixed(sigma, 1) + " px)" + whereText(acting));
    return transformFrames(draw, acting, [&](int, const FloatFrame& clean) {
        FloatFrame frame = clean;
        gaussianBlur(frame, sigma);
        return frame;
    });
}

PackedClip motionBlur(FaultDraw& draw) {
    const double length = draw.strength(4, 16);
    const double angle = draw.uniform(0, kPi);
    const Acting acting = drawActing(draw);
    draw.describe("smeared " + fixed(length, 0) + " px at " + fixed(angle * 180 / kPi, 0) + " degrees" +
                  whereText(acting));
    return transformFrames(draw, acting, [&](int, const FloatFrame& clean) { return lineBlur(clean, length, angle); });
}

PackedClip pulsingBlur(FaultDraw& draw) {
    const double peak = draw.strength(1.5, 4.0);
    const Acting acting = drawActing(draw, 0.4, 2.0);
    // Once over a span; periodically (every 0.5-2 s) over the whole clip.
    const double period = acting.extent == FaultExtent::WholeClip ? draw.framesIn(draw.uniform(0.5, 2.0))
                                                                  : static_cast<double>(acting.length);
    const double phase = acting.extent == FaultExtent::WholeClip ? draw.uniform(0, period) : 0.0;
    draw.describe(
        "blur pulsing up to " + fixed(peak, 1) + " px" +
        (acting.extent == FaultExtent::WholeClip ? " every " + fixed(period, 0) + " frames" : whereText(acting)));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        const double wave = std::sin(kPi * (t - acting.first + 0.5 + phase) / period);
        FloatFrame frame = clean;
        gaussianBlur(frame, peak * wave * wave);
        return frame;
    });
}

PackedClip sensorNoise(FaultDraw& draw) {
    const double sigma = draw.strength(3, 14);
    const bool colourNoise = draw.chance(0.5); // independent per channel, or grain in brightness only
    const bool shotNoise = draw.chance(0.5);   // stronger in the highlights, as photon noise is
    const double grainSize = draw.chance(0.4) ? draw.uniform(0.5, 1.0) : 0.0; // demosaiced grain is soft
    const Acting acting = drawActing(draw);
    std::mt19937_64 noiseRandom(draw.random()());
    draw.describe(std::string(colourNoise ? "colour" : "luma") + " noise of " + fixed(sigma, 1) + " levels" +
                  (shotNoise ? " (signal-dependent)" : "") + whereText(acting));
    return transformFrames(draw, acting, [&](int, const FloatFrame& clean) {
        std::normal_distribution<float> normal(0.0f, 1.0f);
        FloatFrame noise = clean;
        for (size_t i = 0; i < noise.rgb.size(); i += 3) {
            const float shared = normal(noiseRandom);
            for (size_t c = 0; c < 3; ++c) {
                noise.rgb[i + c] = colourNoise ? normal(noiseRandom) : shared;
            }
        }
        if (grainSize > 0) {
            gaussianBlur(noise, grainSize);
            for (float& value : noise.rgb) {
                value *= static_cast<float>(1.0 + 1.5 * grainSize); // keep the spread after the blur
            }
        }
        FloatFrame frame = clean;
        for (size_t i = 0; i < frame.rgb.size(); ++i) {
            const double level = shotNoise ? std::sqrt((frame.rgb[i] + 16.0) / 128.0) : 1.0;
            frame.rgb[i] += static_cast<float>(sigma * level) * noise.rgb[i];
        }
        return frame;
    });
}

PackedClip ringing(FaultDraw& draw) {
    const double amount = draw.strength(1.0, 4.0);
    const double radius = draw.uniform(1.0, 3.0);
    const Acting acting = drawActing(draw);
    draw.describe("over-sharpened " + fixed(amount, 1) + "x at " + fixed(radius, 1) + " px" + whereText(acting));
    return transformFrames(draw, acting, [&](int, const FloatFrame& clean) {
        FloatFrame blurred = clean;
        gaussianBlur(blurred, radius);
        FloatFrame frame = clean;
        for (size_t i = 0; i < frame.rgb.size(); ++i) {
            frame.rgb[i] += static_cast<float>(amount) * (clean.rgb[i] - blurred.rgb[i]);
        }
        return frame;
    });
}

PackedClip localWarp(FaultDraw& draw) {
    const double amplitude = draw.strength(1.5, 6.0);
    const double wavelength = draw.uniform(16, 64);
    const double speed = draw.uniform(0.5, 3.0) / draw.fps(); // cycles per frame
    const double phaseX = draw.uniform(0, 2 * kPi);
    const double phaseY = draw.uniform(0, 2 * kPi);
    Acting acting = drawActing(draw);
    const FaultRegion region = acting.region;
    draw.describe("a " + fixed(amplitude, 1) + " px wave" + whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        FloatFrame frame = clean;
        // Full strength inside, fading over the outer fifth of the region, so the wave has no seam.
        const double feather = std::max(2.0, 0.2 * std::min(region.width, region.height));
        for (int y = region.y; y < region.y + region.height; ++y) {
            for (int x = region.x; x < region.x + region.width; ++x) {
                const double edge = std::min({x - region.x + 0.5, region.x + region.width - x - 0.5, y - region.y + 0.5,
                                              region.y + region.height - y - 0.5});
                const double weight = std::clamp(edge / feather, 0.0, 1.0);
                const double time = 2 * kPi * speed * t;
                const double dx = amplitude * weight * std::sin(2 * kPi * y / wavelength + time + phaseX);
                const double dy = amplitude * weight * std::sin(2 * kPi * x / wavelength + time + phaseY);
                sampleBilinear(clean, static_cast<float>(x + dx), static_cast<float>(y + dy), frame.pixel(x, y));
            }
        }
        return frame;
    });
}

PackedClip frozenRegion(FaultDraw& draw) {
    Acting acting;
    acting.extent = FaultExtent::Region;
    acting.region = draw.drawRegion();
    // From a moment in the first half to the end, or for a span only.
    if (draw.chance(0.6)) {
        acting.first = draw.uniformInt(1, std::max(1, draw.frames() / 2));
        acting.length = draw.frames() - acting.first;
    } else {
        std::tie(acting.first, acting.length) = draw.drawSpan(0.4, 2.0, 3);
    }
    draw.strength(0, 1); // no strength to speak of; the size of the region varies
    const PackedClip& clip = draw.clip();
    const FloatFrame stuck = toFloat(clip.frame(std::max(0, acting.first - 1)), clip.width, clip.height);
    draw.describe("a " + std::to_string(acting.region.width) + "x" + std::to_string(acting.region.height) +
                  " region stuck from frame " + std::to_string(acting.first) +
                  (acting.first + acting.length < draw.frames()
                       ? " to " + std::to_string(acting.first + acting.length - 1)
                       : ""));
    return transformFrames(draw, acting, [&](int, const FloatFrame&) { return stuck; });
}

PackedClip interlace(FaultDraw& draw) {
    Acting acting = drawActing(draw, 0.4, 2.0);
    acting.first = std::max(1, acting.first); // the first frame has no field before it
    acting.length = std::min(acting.length, draw.frames() - acting.first);
    const int oddOrEven = draw.uniformInt(0, 1);
    draw.strength(0, 1);
    const PackedClip& clip = draw.clip();
    draw.describe(std::string(oddOrEven ? "odd" : "even") + " rows from the frame before" + whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        FloatFrame frame = clean;
        const FloatFrame before = toFloat(clip.frame(t - 1), clip.width, clip.height);
        for (int y = oddOrEven; y < frame.height; y += 2) {
            std::copy(before.pixel(0, y), before.pixel(0, y) + static_cast<size_t>(frame.width) * 3, frame.pixel(0, y));
        }
        return frame;
    });
}

PackedClip rescale(FaultDraw& draw) {
    const double factor = draw.strength(1.6, 4.0);
    const Acting acting = drawActing(draw, 0.4, 2.0);
    const int downFlags[] = {SWS_AREA, SWS_BILINEAR, SWS_POINT, SWS_FAST_BILINEAR};
    const int upFlags[] = {SWS_BILINEAR, SWS_BICUBIC, SWS_POINT, SWS_FAST_BILINEAR};
    const int down = downFlags[draw.uniformInt(0, 3)];
    const int up = upFlags[draw.uniformInt(0, 3)];
    const PackedClip& clip = draw.clip();
    const int smallWidth = std::max(2, static_cast<int>(std::lround(clip.width / factor)));
    const int smallHeight = std::max(2, static_cast<int>(std::lround(clip.height / factor)));
    SwsContextPtr shrink(sws_getContext(clip.width, clip.height, AV_PIX_FMT_RGB24, smallWidth, smallHeight,
                                        AV_PIX_FMT_RGB24, down, nullptr, nullptr, nullptr));
    SwsContextPtr grow(sws_getContext(smallWidth, smallHeight, AV_PIX_FMT_RGB24, clip.width, clip.height,
                                      AV_PIX_FMT_RGB24, up, nullptr, nullptr, nullptr));
    if (!shrink || !grow) {
        throw MediaError(MediaErrorKind::InvalidArgument, "rescale fault", "cannot set up the scaler");
    }
    AlignedPicture source;
    AlignedPicture small;
    AlignedPicture large;
    source.reshape(clip.width * 3, clip.height);
    small.reshape(smallWidth * 3, smallHeight);
    large.reshape(clip.width * 3, clip.height);
    draw.describe("scaled down " + fixed(factor, 1) + "x and back" + whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        source.copyFrom(clip.frame(t), clip.width * 3, clip.width * 3, clip.height);
        const uint8_t* in[4] = {source.data(), nullptr, nullptr, nullptr};
        const int inStride[4] = {source.stride(), 0, 0, 0};
        uint8_t* mid[4] = {small.data(), nullptr, nullptr, nullptr};
        const int midStride[4] = {small.stride(), 0, 0, 0};
        sws_scale(shrink.get(), in, inStride, 0, clip.height, mid, midStride);
        uint8_t* out[4] = {large.data(), nullptr, nullptr, nullptr};
        const int outStride[4] = {large.stride(), 0, 0, 0};
        sws_scale(grow.get(), mid, midStride, 0, smallHeight, out, outStride);
        std::vector<uint8_t> packed(static_cast<size_t>(clip.width) * clip.height * 3);
        large.copyTo(packed.data(), clip.width * 3, clip.height);
        (void)clean;
        return toFloat(packed.data(), clip.width, clip.height);
    });
}

PackedClip chromaBleed(FaultDraw& draw) {
    const double blur = draw.strength(3, 12);
    const int shift = draw.uniformInt(1, 4) * (draw.chance(0.5) ? 1 : -1);
    const Acting acting = drawActing(draw);
    draw.describe("colour smeared " + fixed(blur, 0) + " px and shifted " + std::to_string(shift) + " px" +
                  whereText(acting));
    return transformFrames(draw, acting, [&](int, const FloatFrame& clean) {
        FloatFrame frame = clean;
        toYcc(frame);
        horizontalBoxBlur(frame, static_cast<int>(std::lround(blur / 2)), 1, 2);
        const FloatFrame blurred = frame;
        for (int y = 0; y < frame.height; ++y) {
            for (int x = 0; x < frame.width; ++x) {
                const float* from = blurred.pixel(std::clamp(x - shift, 0, frame.width - 1), y);
                frame.pixel(x, y)[1] = from[1];
                frame.pixel(x, y)[2] = from[2];
            }
        }
        fromYcc(frame);
        return frame;
    });
}

PackedClip shake(FaultDraw& draw) {
    const int amplitude = static_cast<int>(std::lround(draw.strength(1, 8)));
    Acting acting = drawActing(draw, 0.4, 2.0);
    std::vector<std::pair<int, int>> offsets(static_cast<size_t>(draw.frames()));
    for (auto& [dx, dy] : offsets) {
        while (dx == 0 && dy == 0) { // a frame that does not move is no shake
            dx = draw.uniformInt(-amplitude, amplitude);
            dy = draw.uniformInt(-amplitude, amplitude);
        }
    }
    draw.describe("picture shaking by up to " + std::to_string(amplitude) + " px" + whereText(acting));
    return transformFrames(draw, acting, [&](int t, const FloatFrame& clean) {
        FloatFrame frame = clean;
        const auto [dx, dy] = offsets[static_cast<size_t>(t)];
        for (int y = 0; y < frame.height; ++y) {
            const int sy = std::clamp(y + dy, 0, frame.height - 1);
            for (int x = 0; x < frame.width; ++x) {
                const float* from = clean.pixel(std::clamp(x + dx, 0, frame.width - 1), sy);
                std::copy(from, from + 3, frame.pixel(x, y));
            }
        }
        return frame;
    });
}

} // namespace

PackedClip applySpatialFault(FaultDraw& draw, VideoFault fault) {
    switch (fault) {
    case VideoFault::DefocusBlur:
        return defocus(draw);
    case VideoFault::MotionBlur:
        return motionBlur(draw);
    case VideoFault::PulsingBlur:
        return pulsingBlur(draw);
    case VideoFault::SensorNoise:
        return sensorNoise(draw);
    case VideoFault::Ringing:
        return ringing(draw);
    case VideoFault::LocalWarp:
        return localWarp(draw);
    case VideoFault::FrozenRegion:
        return frozenRegion(draw);
    case VideoFault::Interlace:
        return interlace(draw);
    case VideoFault::Rescale:
        return rescale(draw);
    case VideoFault::ChromaBleed:
        return chromaBleed(draw);
    case VideoFault::Shake:
        return shake(draw);
    default:
        return firstFrames(draw.clip(), draw.frames());
    }
}

} // namespace svj::media::detail
