// A clip through a real encoder and back, in memory: the compression faults (libx264 at bad settings, MPEG-2,
// MJPEG) and the high-quality re-encode of the judge's false-alarm check. No files are written.
#pragma once

#include "media/video_faults.h"

#include <string>
#include <vector>

namespace svj::media {

// Stored value: keep the numbers.
enum class RoundTripCodec { H264 = 0, Mpeg2 = 1, Mjpeg = 2 };

struct QualityZone {
    int firstFrame = 0;
    int length = 0;
    int quantiser = 51; // libx264's constant quantiser inside the zone
};

struct RoundTripSettings {
    RoundTripCodec codec = RoundTripCodec::H264;
    double fps = 25.0;
    int crf = 23;                    // H.264 quality (0 lossless .. 51 worst), unless `quantiser` is set
    int quantiser = -1;              // H.264: a constant quantiser instead of CRF; MPEG-2 / MJPEG: qscale 1..31
    std::string preset = "veryfast"; // libx264 preset
    std::vector<QualityZone> zones;  // H.264: stretches at their own quantiser
    int keyFrameInterval = 0;        // 0: the encoder's default
};

// Encodes every frame of `clip` and decodes the stream again; the result has the clip's shape. Odd sizes
// are padded for 4:2:0 and cropped back. Throws MediaError (UnsupportedCodec) when this FFmpeg lacks the
// encoder.
PackedClip encodeRoundTrip(const PackedClip& clip, const RoundTripSettings& settings);

} // namespace svj::media
