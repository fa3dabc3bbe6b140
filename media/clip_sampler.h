// What the judge sees of a video: frames picked (never blended) at a fixed rate, 1 + 4k of them, resized
// and centre-cropped to the model's size, with the exact source frames and times that were used.
#pragma once

#include "media/video_reader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace svj::media {

// What to do when a video is shorter than the clip asked for. Stored value: keep the numbers.
enum class ShortVideoPolicy {
    // Take the longest 1 + 4k frames that fit, down to ClipSpec::minFrameCount; shorter videos are refused.
    Shrink = 0,
    // Take every sample that fits and repeat the last frame up to the requested length.
    PadWithLastFrame = 1,
    // Refuse any video shorter than the requested clip.
    Fail = 2,
};

struct ClipSpec {
    double fps = 8.0;    // sampling rate: CogVideoX's native 8 fps
    int frameCount = 49; // 1 + 4k: 49 frames = 13 latent frames, 6 s at 8 fps
    int width = 720;     // the model's input size (CogVideoX: 720 x 480)
    int height = 480;
    double startSeconds = 0.0;
    ShortVideoPolicy shortPolicy = ShortVideoPolicy::Shrink;
    int minFrameCount = 5; // the shortest clip Shrink produces: 5 frames = 2 latent frames
};

// Which source frames a clip uses, decided before any decoding (a pure function of the timeline).
struct ClipPlan {
    std::vector<int64_t> sourceIndices; // per clip frame: the source frame shown
    std::vector<int64_t> sampleTimesUs; // per clip frame: the time sampled on the video's clock
    int paddedFrames = 0;               // trailing repeats added by PadWithLastFrame
    double fps = 0.0;
};

struct Clip {
    std::string path;
    int width = 0;
    int height = 0;
    int frameCount = 0;
    std::vector<uint8_t> rgb; // frameCount x height x width x 3 bytes, packed
    ClipPlan plan;
    std::vector<int64_t> sourcePtsUs; // per clip frame: when the source frame starts
    bool exact = true;                // false when a source frame had to be substituted (a corrupt packet)

    const uint8_t* frame(int t) const { return rgb.data() + static_cast<size_t>(t) * frameBytes(); }
    size_t frameBytes() const { return static_cast<size_t>(width) * static_cast<size_t>(height) * 3; }
};

// Validates a spec: positive rate and size, frameCount = 1 + 4k. Throws MediaError (InvalidArgument).
void validateClipSpec(const ClipSpec& spec);

// Samples t_j = start + j / fps; frame j is the source frame on screen at t_j (the last one starting at or
// before it). A sample may fall on the video's very end, which shows the last frame. `path` names the
// video in errors.
ClipPlan planClip(const std::vector<int64_t>& framePtsUs, int64_t durationUs, const ClipSpec& spec,
                  const std::string& path);

// A video's frame start times with every gap longer than kMaxFrameHoldSeconds shortened to it (and the
// duration with them), so that picking frames by time never makes more picks than the frames can stand
// for. Frames, their order and every ordinary gap stay as they were.
struct FrameTimeline {
    std::vector<int64_t> framePtsUs;
    int64_t durationUs = 0;
};
FrameTimeline boundedTimeline(const std::vector<int64_t>& framePtsUs, int64_t durationUs);

// Windows that cover a whole video back to back (each next one starting on the last frame of the one
// before); the last window is moved back to end at the video's end when the video is long enough.
std::vector<ClipPlan> planCoverage(const std::vector<int64_t>& framePtsUs, int64_t durationUs, const ClipSpec& spec,
                                   const std::string& path);

// The centred source rectangle with the target's displayed aspect ratio (sample aspect ratio honoured).
struct CropRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};
CropRect centreCrop(int sourceWidth, int sourceHeight, double sampleAspect, int targetWidth, int targetHeight);

// Decodes the planned frames from `reader` and resizes + centre-crops them. Reads frames in ascending
// order, each once, so sampling costs one forward decode at most. The plans made from a reader use its
// boundedTimeline.
Clip sampleClip(VideoReader& reader, const ClipPlan& plan, const ClipSpec& spec);
Clip sampleClip(VideoReader& reader, const ClipSpec& spec);
// Every window of planCoverage, sampled: the whole video as the judge sees it.
std::vector<Clip> sampleCoverage(VideoReader& reader, const ClipSpec& spec);

} // namespace svj::media
