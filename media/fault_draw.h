// Internal to media/: what every fault implementation shares: the clip being broken, the random draws of
// place, extent and strength, and the record they fill in. One family of faults per .cpp file.
#pragma once

#include "media/video_faults.h"

#include <utility>
#include <vector>

namespace svj::media::detail {

class FaultDraw {
public:
    FaultDraw(const PackedClip& clip, int keptFrames, std::mt19937_64& random, FaultRecord& record,
              const FaultSettings& settings, std::vector<FaultExtent> extents);

    const PackedClip& clip() const { return m_clip; }
    int frames() const { return m_frames; } // kept frames (the clip may hold look-ahead after them)
    int lookAhead() const { return m_clip.frames - m_frames; }
    double fps() const { return m_fps; }
    FaultRecord& record() { return m_record; }
    std::mt19937_64& random() { return m_random; }

    int uniformInt(int low, int high); // inclusive
    double uniform(double low, double high);
    bool chance(double probability);
    // A strength between `mildest` and `strongest` (either order), from the settings' part of the range;
    // where it fell is recorded.
    double strength(double mildest, double strongest);
    // Frames in `seconds` at the clip's rate, at least one.
    int framesIn(double seconds) const;

    // The extent of this application, drawn among the allowed ones.
    FaultExtent drawExtent();
    // A span of `minSeconds` .. `maxSeconds` (at least `minFrames`, at most the clip less one frame on each
    // side where it fits) at a random place: (first, length).
    std::pair<int, int> drawSpan(double minSeconds, double maxSeconds, int minFrames = 2);
    // A rectangle of a quarter to a half of each side, at a random place.
    FaultRegion drawRegion();
    FaultRegion wholeFrame() const { return {0, 0, m_clip.width, m_clip.height}; }

    // Records where the fault acts: frames [first, first + length) of `region` (whole frame by default),
    // and the event (by default the same frames).
    void setActed(FaultExtent extent, int first, int length, FaultRegion region);
    void setEvent(int first, int length);
    void describe(std::string text) { m_record.description = std::move(text); }

private:
    const PackedClip& m_clip;
    int m_frames;
    double m_fps;
    std::mt19937_64& m_random;
    FaultRecord& m_record;
    const FaultSettings& m_settings;
    std::vector<FaultExtent> m_extents;
};

// The first `frames` frames of a clip.
PackedClip firstFrames(const PackedClip& clip, int frames);
// A clip of `sources.size()` frames where frame t shows clip frame sources[t].
PackedClip remapFrames(const PackedClip& clip, const std::vector<int>& sources);
// Composes `broken` into `clean` only inside `region` for frames [first, first + length); returns the clean
// clip elsewhere. Both have one shape.
PackedClip confine(const PackedClip& clean, const PackedClip& broken, int first, int length, const FaultRegion& region);

// One family each (the catalog in video_faults.cpp says which fault belongs where).
PackedClip applyTemporalSamplingFault(FaultDraw& draw, VideoFault fault);
PackedClip applyTemporalBlendingFault(FaultDraw& draw, VideoFault fault);
PackedClip applyCompressionFault(FaultDraw& draw, VideoFault fault);
PackedClip applySpatialFault(FaultDraw& draw, VideoFault fault);
PackedClip applyPhotometricFault(FaultDraw& draw, VideoFault fault);

std::string percent(double fraction); // "37 %"
std::string fixed(double value, int decimals);

} // namespace svj::media::detail
