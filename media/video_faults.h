// What video gets wrong, made on purpose: broken copies of clean clips in five families (temporal sampling,
// temporal blending, compression through real encoders, spatial, photometric), each fault with a randomised
// strength, place and extent, and a record of exactly where it acted. They are the judge's negatives in
// pretraining, the broken halves of gold pairs, and the held-out test of every judge.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace svj::media {

// Stored values: keep the numbers.
enum class FaultFamily { TemporalSampling = 0, TemporalBlending = 1, Compression = 2, Spatial = 3, Photometric = 4 };

// Stored values (gold pairs, checkpoints' sidecars): keep the numbers, add new ones at the end.
enum class VideoFault {
    Stutter = 0,              // a frame shows 1-3 times too often, then the clip catches up or stays late
    FrameDrop = 1,            // frames are skipped: the motion jumps ahead
    Freeze = 2,               // the picture stops for 0.2-1.5 s, then jumps on or resumes late
    FrozenRegion = 3,         // part of the picture stops updating (a broken tile, a stuck overlay)
    Shake = 4,                // the whole picture shakes by a few pixels from frame to frame
    Ghosting = 5,             // frames blend with an earlier one (bad deinterlacing or rate conversion)
    Reverse = 6,              // a stretch plays backwards (in place, or forward and back)
    Judder = 7,               // a periodic repeat-and-skip cadence (bad pulldown)
    Flicker = 8,              // exposure / brightness pumps from frame to frame
    UnevenCadence = 9,        // frame-rate conversion down and back up by repeating frames
    CaptureJitter = 10,       // frames captured at irregular intervals: repeats and skips at random
    SlowMotion = 11,          // a stretch slowed down by showing each frame two or three times
    GhostTrails = 12,         // bright pixels decay slowly, leaving trails behind moving things
    BlendInterpolation = 13,  // a lower frame rate brought back up with blended in-between frames
    MotionInterpolation = 14, // in-between frames made by motion-compensated interpolation (FFmpeg's)
    HeavyH264 = 15,           // the clip through libx264 at a very high CRF
    H264Collapse = 16,        // libx264 at a good CRF, except a stretch at a very high quantiser
    Mpeg2Blocking = 17,       // MPEG-2 at a coarse fixed quantiser: 8x8 blocks
    MjpegBlocking = 18,       // every frame through JPEG at a coarse quantiser: blocks that change every frame
    DefocusBlur = 19,         // out of focus
    MotionBlur = 20,          // smeared along one direction
    PulsingBlur = 21,         // focus that comes and goes
    SensorNoise = 22,         // grain of a small or overdriven sensor
    Ringing = 23,             // over-sharpening: halos along edges
    LocalWarp = 24,           // part of the picture wobbles (a bad stabiliser, a rolling-shutter wave)
    Interlace = 25,           // two fields from different moments woven into one frame: combing
    Rescale = 26,             // scaled down and back up: lost detail, soft or blocky
    ChromaBleed = 27,         // colour smeared and shifted against the brightness
    ColorFlicker = 28,        // hue or saturation changing from frame to frame
    ColorDrift = 29,          // hue, saturation or white balance drifting over a stretch
};

enum class FaultExtent { WholeClip = 0, TimeSpan = 1, Region = 2 };

struct FaultSpec {
    VideoFault fault;
    const char* name; // lower case, words separated by spaces ("frame drop")
    FaultFamily family;
    std::vector<FaultExtent> extents; // the extents the fault is drawn with
    const char* summary;
};

// Every fault, in value order.
const std::vector<FaultSpec>& faultCatalog();
const FaultSpec& faultSpec(VideoFault fault);
const char* videoFaultName(VideoFault fault);
const char* faultFamilyName(FaultFamily family); // "temporal sampling", ...
// A fault or family by name; spaces, dashes and underscores are interchangeable, case is ignored.
std::optional<VideoFault> videoFaultByName(const std::string& name);
std::optional<FaultFamily> faultFamilyByName(const std::string& name);
std::vector<VideoFault> allVideoFaults();
std::vector<VideoFault> faultsOfFamily(FaultFamily family);
std::vector<FaultFamily> allFaultFamilies();

struct PackedClip {
    std::vector<uint8_t> rgb;
    int frames = 0;
    int height = 0;
    int width = 0;

    size_t frameBytes() const { return static_cast<size_t>(height) * static_cast<size_t>(width) * 3; }
    uint8_t* frame(int t) { return rgb.data() + static_cast<size_t>(t) * frameBytes(); }
    const uint8_t* frame(int t) const { return rgb.data() + static_cast<size_t>(t) * frameBytes(); }
};

struct FaultRegion {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;

    bool contains(int px, int py) const { return px >= x && px < x + width && py >= y && py < y + height; }
};

struct FaultRecord {
    VideoFault fault = VideoFault::Stutter;
    FaultFamily family = FaultFamily::TemporalSampling;
    FaultExtent extent = FaultExtent::WholeClip;
    // Output frames that may differ from the clean clip: [firstFrame, firstFrame + length). Outside them,
    // and outside `region`, the broken copy is the clean clip byte for byte.
    int firstFrame = 0;
    int length = 0; // 0: the fault left the clip as it was (too short to break)
    FaultRegion region;
    // Where the fault shows as an event (a freeze, a jump, a stretch of bad quality), for localisation. For
    // most faults the changed frames; for one that shifts the rest of the clip (a stutter that stays late),
    // the moment it happens.
    int eventFirst = 0;
    int eventLength = 0;
    double strength = 0.0; // where the draw fell in the fault's range of strengths, 0 (mildest) .. 1
    std::string description;

    // The fault is an event confined to part of the clip (what localisation is measured on).
    bool confinedInTime(int frames) const { return length > 0 && eventLength > 0 && eventLength * 5 <= frames * 3; }
};

struct FaultSettings {
    // Frames of the result; 0: the clip's. Frames of the input after these are look-ahead a timeline fault
    // may show (a frame drop that jumps ahead needs frames to jump to).
    int keepFrames = 0;
    double fps = 25.0; // the clip's rate: durations (a freeze of 0.2-1.5 s) are drawn in seconds
    // Extents the draw may choose from (intersected with the fault's own); empty: the fault's own.
    std::vector<FaultExtent> extents;
    double minStrength = 0.0; // draw strengths in this part of each fault's range (0..1)
    double maxStrength = 1.0;
    double minRegion = 0.25; // a region fault's rectangle: this share of each side, at least ...
    double maxRegion = 0.5;  // ... and at most
};

// Applies `fault` at a random place, extent and strength; the same generator state gives the same result.
// Clips shorter than 5 kept frames are returned unchanged with length 0. Throws MediaError when an encoder
// the compression faults need is missing from this FFmpeg.
PackedClip applyVideoFault(const PackedClip& clip, VideoFault fault, std::mt19937_64& random,
                           FaultRecord* record = nullptr, const FaultSettings& settings = {});

// Mean absolute difference per colour sample between two clips of one shape, in 0..255 units.
double meanAbsoluteDifference(const PackedClip& a, const PackedClip& b);

} // namespace svj::media
