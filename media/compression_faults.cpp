// Compression: the clip through real encoders at bad settings (libx264, MPEG-2, MJPEG via libavcodec).
#include "media/codec_round_trip.h"
#include "media/fault_acting.h"

#include <algorithm>
#include <cmath>

namespace svj::media::detail {
namespace {

PackedClip kept(const PackedClip& clip, int frames) {
    return clip.frames == frames ? clip : firstFrames(clip, frames);
}

// The encoded frames inside the acting stretch, the clean ones elsewhere.
PackedClip splice(FaultDraw& draw, const Acting& acting, const PackedClip& encoded) {
    draw.setActed(acting.extent, acting.first, acting.length, draw.wholeFrame());
    if (acting.extent == FaultExtent::WholeClip) {
        return encoded;
    }
    return confine(kept(draw.clip(), draw.frames()), encoded, acting.first, acting.length, draw.wholeFrame());
}

PackedClip heavyH264(FaultDraw& draw) {
    const int crf = static_cast<int>(std::lround(draw.strength(36, 51)));
    const char* presets[] = {"ultrafast", "superfast", "veryfast", "faster", "medium"};
    RoundTripSettings settings;
    settings.codec = RoundTripCodec::H264;
    settings.fps = draw.fps();
    settings.crf = crf;
    settings.preset = presets[draw.uniformInt(0, 4)];
    draw.describe("libx264 at CRF " + std::to_string(crf) + " (" + settings.preset + ")");
    Acting acting;
    acting.length = draw.frames();
    return splice(draw, acting, encodeRoundTrip(kept(draw.clip(), draw.frames()), settings));
}

PackedClip h264Collapse(FaultDraw& draw) {
    const int quantiser = static_cast<int>(std::lround(draw.strength(40, 51)));
    RoundTripSettings settings;
    settings.codec = RoundTripCodec::H264;
    settings.fps = draw.fps();
    settings.crf = draw.uniformInt(16, 22);
    settings.preset = draw.chance(0.5) ? "veryfast" : "medium";
    const auto [first, length] = draw.drawSpan(0.3, 1.5, 3);
    settings.zones.push_back({first, length, quantiser});
    draw.describe("libx264 at CRF " + std::to_string(settings.crf) + ", quantiser " + std::to_string(quantiser) +
                  " in frames " + std::to_string(first) + "-" + std::to_string(first + length - 1));
    const PackedClip encoded = encodeRoundTrip(kept(draw.clip(), draw.frames()), settings);
    // The whole clip went through the encoder (every frame may differ a little); the collapse is the event.
    draw.setActed(FaultExtent::TimeSpan, 0, draw.frames(), draw.wholeFrame());
    draw.setEvent(first, length);
    return encoded;
}

PackedClip blocking(FaultDraw& draw, RoundTripCodec codec) {
    const bool mpeg2 = codec == RoundTripCodec::Mpeg2;
    const int quantiser = static_cast<int>(std::lround(mpeg2 ? draw.strength(10, 31) : draw.strength(12, 31)));
    RoundTripSettings settings;
    settings.codec = codec;
    settings.fps = draw.fps();
    settings.quantiser = quantiser;
    settings.keyFrameInterval = mpeg2 ? draw.uniformInt(6, 15) : 1;
    const Acting acting = drawActing(draw, 0.4, 2.0);
    draw.describe(std::string(mpeg2 ? "MPEG-2" : "MJPEG") + " at quantiser " + std::to_string(quantiser) +
                  whereText(acting));
    return splice(draw, acting, encodeRoundTrip(kept(draw.clip(), draw.frames()), settings));
}

} // namespace

PackedClip applyCompressionFault(FaultDraw& draw, VideoFault fault) {
    switch (fault) {
    case VideoFault::HeavyH264:
        return heavyH264(draw);
    case VideoFault::H264Collapse:
        return h264Collapse(draw);
    case VideoFault::Mpeg2Blocking:
        return blocking(draw, RoundTripCodec::Mpeg2);
    case VideoFault::MjpegBlocking:
        return blocking(draw, RoundTripCodec::Mjpeg);
    default:
        return firstFrames(draw.clip(), draw.frames());
    }
}

} // namespace svj::media::detail
