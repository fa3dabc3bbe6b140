#include "media/video_faults.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace svj::media {
namespace {

int uniform(std::mt19937_64& random, int low, int high) { // inclusive
    return std::uniform_int_distribution<int>(low, high)(random);
}

// A clip made of source frame indices (the timeline a faulty player would show).
PackedClip remap(const PackedClip& clip, const std::vector<int>& sources) {
    PackedClip out = clip;
    for (int t = 0; t < clip.frames; ++t) {
        std::memcpy(out.frame(t), clip.frame(sources[static_cast<size_t>(t)]), clip.frameBytes());
    }
    return out;
}

std::vector<int> identity(int frames) {
    std::vector<int> sources(static_cast<size_t>(frames));
    for (int t = 0; t < frames; ++t) {
        sources[static_cast<size_t>(t)] = t;
    }
    return sources;
}

} // namespace

const char* videoFaultName(VideoFault fault) {
    switch (fault) {
    case VideoFault::Stutter:
        return "stutter";
    case VideoFault::FrameDrop:
        return "frame drop";
    case VideoFault::Freeze:
        return "freeze";
    case VideoFault::FrozenRegion:
        return "frozen region";
    case VideoFault::Jitter:
        return "jitter";
    case VideoFault::Ghosting:
        return "ghosting";
    case VideoFault::Reverse:
        return "reverse";
    case VideoFault::Judder:
        return "judder";
    case VideoFault::Flicker:
        return "flicker";
    }
    return "?";
}

std::vector<VideoFault> allVideoFaults() {
    return {VideoFault::Stutter,      VideoFault::FrameDrop, VideoFault::Freeze,
            VideoFault::FrozenRegion, VideoFault::Jitter,    VideoFault::Ghosting,
            VideoFault::Reverse,      VideoFault::Judder,    VideoFault::Flicker};
}

PackedClip applyVideoFault(const PackedClip& clip, VideoFault fault, std::mt19937_64& random, FaultRecord* record) {
    FaultRecord local;
    FaultRecord& r = record ? *record : local;
    r = FaultRecord{};
    r.fault = fault;
    const int frames = clip.frames;
    if (frames < 5) {
        r.description = "clip too short for a fault";
        return clip;
    }
    std::vector<int> sources = identity(frames);
    switch (fault) {
    case VideoFault::Stutter: {
        // Frame s shows `hold` extra times; everything after it is late by as much.
        const int hold = uniform(random, 2, std::max(2, frames / 4));
        const int start = uniform(random, 1, frames - hold - 1);
        for (int t = start; t < frames; ++t) {
            sources[static_cast<size_t>(t)] = std::max(start, t - hold);
        }
        r.firstFrame = start;
        r.length = hold;
        r.description = "frame " + std::to_string(start) + " held " + std::to_string(hold) + " extra frames";
        return remap(clip, sources);
    }
    case VideoFault::FrameDrop: {
        // From `start` on, `skip` frames are missing; the end is padded with the last frame.
        const int skip = uniform(random, 2, std::max(2, frames / 4));
        const int start = uniform(random, 1, frames - skip - 1); // the jump lands inside the clip
        for (int t = start; t < frames; ++t) {
            sources[static_cast<size_t>(t)] = std::min(frames - 1, t + skip);
        }
        r.firstFrame = start;
        r.length = skip;
        r.description = std::to_string(skip) + " frames dropped at frame " + std::to_string(start);
        return remap(clip, sources);
    }
    case VideoFault::Freeze: {
        const int length = uniform(random, 3, std::max(3, frames / 3));
        const int start = uniform(random, 0, frames - length - 1);
        for (int t = start + 1; t <= start + length && t < frames; ++t) {
            sources[static_cast<size_t>(t)] = start;
        }
        r.firstFrame = start;
        r.length = length;
        r.description = "picture frozen for " + std::to_string(length) + " frames from frame " + std::to_string(start);
        return remap(clip, sources);
    }
    case VideoFault::FrozenRegion: {
        PackedClip out = clip;
        const int regionHeight = uniform(random, std::max(1, clip.height / 4), std::max(1, clip.height / 2));
        const int regionWidth = uniform(random, std::max(1, clip.width / 4), std::max(1, clip.width / 2));
        const int top = uniform(random, 0, clip.height - regionHeight);
        const int left = uniform(random, 0, clip.width - regionWidth);
        const int start = uniform(random, 0, frames / 2);
        for (int t = start + 1; t < frames; ++t) {
            for (int y = top; y < top + regionHeight; ++y) {
                const size_t offset =
                    (static_cast<size_t>(y) * static_cast<size_t>(clip.width) + static_cast<size_t>(left)) * 3;
                std::memcpy(out.frame(t) + offset, clip.frame(start) + offset, static_cast<size_t>(regionWidth) * 3);
            }
        }
        r.firstFrame = start;
        r.length = frames - start - 1;
        r.description = "a " + std::to_string(regionWidth) + "x" + std::to_string(regionHeight) +
                        " region stuck from frame " + std::to_string(start);
        return out;
    }
    case VideoFault::Jitter: {
        PackedClip out = clip;
        const int amplitude = uniform(random, 2, std::max(2, std::min(clip.width, clip.height) / 24));
        const int start = uniform(random, 0, frames / 2);
        for (int t = start; t < frames; ++t) {
            int dx = 0;
            int dy = 0;
            while (dx == 0 && dy == 0) { // a frame that does not move is no jitter
                dx = uniform(random, -amplitude, amplitude);
                dy = uniform(random, -amplitude, amplitude);
            }
            for (int y = 0; y < clip.height; ++y) {
                const int sy = std::clamp(y + dy, 0, clip.height - 1);
                for (int x = 0; x < clip.width; ++x) {
                    const int sx = std::clamp(x + dx, 0, clip.width - 1);
                    const uint8_t* from = clip.frame(t) + (static_cast<size_t>(sy) * clip.width + sx) * 3;
                    uint8_t* to = out.frame(t) + (static_cast<size_t>(y) * clip.width + x) * 3;
                    to[0] = from[0];
                    to[1] = from[1];
                    to[2] = from[2];
                }
            }
        }
        r.firstFrame = start;
        r.length = frames - start;
        r.description =
            "picture shaking by up to " + std::to_string(amplitude) + " px from frame " + std::to_string(start);
        return out;
    }
    case VideoFault::Ghosting: {
        PackedClip out = clip;
        const int length = uniform(random, 3, std::max(3, frames / 2));
        const int start = uniform(random, 1, frames - length);
        const double mix = std::uniform_real_distribution<double>(0.35, 0.6)(random);
        for (int t = start; t < start + length; ++t) {
            const uint8_t* now = clip.frame(t);
            const uint8_t* before = clip.frame(std::max(0, t - 2));
            uint8_t* to = out.frame(t);
            for (size_t i = 0; i < clip.frameBytes(); ++i) {
                to[i] = static_cast<uint8_t>(std::lround((1.0 - mix) * now[i] + mix * before[i]));
            }
        }
        r.firstFrame = start;
        r.length = length;
        r.description = "frames " + std::to_string(start) + "-" + std::to_string(start + length - 1) +
                        " blended with " + std::to_string(static_cast<int>(mix * 100)) + " % of an earlier frame";
        return out;
    }
    case VideoFault::Reverse: {
        const int length = uniform(random, 4, std::max(4, frames / 2));
        const int start = uniform(random, 0, frames - length);
        for (int k = 0; k < length; ++k) {
            sources[static_cast<size_t>(start + k)] = start + length - 1 - k;
        }
        r.firstFrame = start;
        r.length = length;
        r.description =
            "frames " + std::to_string(start) + "-" + std::to_string(start + length - 1) + " played backwards";
        return remap(clip, sources);
    }
    case VideoFault::Judder: {
        // Source frames shown 1 to 3 times each, skipping as many as they repeat to keep the pace. A draw
        // of all ones would be the clean clip: draw again.
        while (sources == identity(frames)) {
            int source = 0;
            int t = 0;
            while (t < frames) {
                const int repeats = uniform(random, 1, 3);
                for (int k = 0; k < repeats && t < frames; ++k) {
                    sources[static_cast<size_t>(t++)] = std::min(frames - 1, source);
                }
                source += repeats;
            }
        }
        r.length = frames;
        r.description = "uneven cadence over the whole clip";
        return remap(clip, sources);
    }
    case VideoFault::Flicker: {
        PackedClip out = clip;
        const double strength = std::uniform_real_distribution<double>(0.12, 0.3)(random);
        for (int t = 0; t < frames; ++t) {
            const double gain =
                1.0 + (t % 2 == 0 ? strength : -strength) * std::uniform_real_distribution<double>(0.5, 1.0)(random);
            uint8_t* to = out.frame(t);
            for (size_t i = 0; i < clip.frameBytes(); ++i) {
                to[i] = static_cast<uint8_t>(std::clamp(std::lround(clip.frame(t)[i] * gain), 0L, 255L));
            }
        }
        r.length = frames;
        r.description = "brightness pumping by about " + std::to_string(static_cast<int>(strength * 100)) + " %";
        return out;
    }
    }
    return clip;
}

} // namespace svj::media
