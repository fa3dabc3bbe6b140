// Realistic temporal faults made on purpose: broken copies of clean clips, known by construction. They are
// the judge's extra negatives in pretraining, the broken halves of gold pairs, and the held-out test of the
// default judge. Each works on a packed RGB24 clip (frames x height x width x 3) and keeps its length and size.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace svj::media {

// Stored value: keep the numbers.
enum class VideoFault {
    Stutter = 0,      // a frame repeats, the rest of the clip arrives late (a decoder hiccup)
    FrameDrop = 1,    // frames are skipped: the motion jumps ahead
    Freeze = 2,       // the picture stops for a while, then jumps to where it should be
    FrozenRegion = 3, // part of the picture stops updating (a broken tile, a stuck overlay)
    Jitter = 4,       // the whole picture shakes by a few pixels from frame to frame
    Ghosting = 5,     // frames blend with the previous ones (bad frame-rate conversion)
    Reverse = 6,      // a stretch of the clip plays backwards
    Judder = 7,       // uneven cadence: frames shown 1, 2, 1, 3... times (bad pulldown)
    Flicker = 8,      // brightness pumps from frame to frame
};

const char* videoFaultName(VideoFault fault);
std::vector<VideoFault> allVideoFaults();

struct PackedClip {
    std::vector<uint8_t> rgb;
    int frames = 0;
    int height = 0;
    int width = 0;

    size_t frameBytes() const { return static_cast<size_t>(height) * static_cast<size_t>(width) * 3; }
    uint8_t* frame(int t) { return rgb.data() + static_cast<size_t>(t) * frameBytes(); }
    const uint8_t* frame(int t) const { return rgb.data() + static_cast<size_t>(t) * frameBytes(); }
};

struct FaultRecord {
    VideoFault fault = VideoFault::Stutter;
    int firstFrame = 0; // where it starts
    int length = 0;     // frames it affects
    std::string description;
};

// Applies `fault` at a random place and strength; the same generator state gives the same result.
// Clips shorter than 5 frames are returned unchanged with length 0.
PackedClip applyVideoFault(const PackedClip& clip, VideoFault fault, std::mt19937_64& random,
                           FaultRecord* record = nullptr);

} // namespace svj::media
