// Temporal sampling: which source frame each output frame shows. Every fault here is a timeline (output
// frame t shows source frame sources[t]); pixels are never changed, only moved in time.
#include "media/fault_draw.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace svj::media::detail {
namespace {

// " in frames A-B" for a fault confined to a span, nothing for the whole clip (the descriptions' tail).
std::string spanWords(FaultExtent extent, int first, int length) {
    return extent == FaultExtent::WholeClip
               ? ""
               : " in frames " + std::to_string(first) + "-" + std::to_string(first + length - 1);
}

std::vector<int> identity(int frames) {
    std::vector<int> sources(static_cast<size_t>(frames));
    for (int t = 0; t < frames; ++t) {
        sources[static_cast<size_t>(t)] = t;
    }
    return sources;
}

// After a stretch that left the timeline `lag` frames behind (positive) or ahead (negative) at output frame
// `from`: either jump back onto the clock, or carry on shifted. Frames the shifted clock would take from
// past the clip's end (no look-ahead) show its last frame.
void resume(std::vector<int>& sources, int from, int lag, bool late, int lastSource) {
    for (size_t t = static_cast<size_t>(std::max(0, from)); t < sources.size(); ++t) {
        sources[t] = std::clamp(late ? static_cast<int>(t) - lag : static_cast<int>(t), 0, lastSource);
    }
}

// A draw that left every frame on the clock (a mild setting on a short stretch) is no fault: frame `at`
// repeats the one before instead.
void ensureChanged(std::vector<int>& sources, int at) {
    if (sources == identity(static_cast<int>(sources.size()))) {
        const int t = std::clamp(at, 1, static_cast<int>(sources.size()) - 1);
        sources[static_cast<size_t>(t)] = t - 1;
    }
}

// Where the timeline differs from the clock: the frames that may change.
PackedClip finish(FaultDraw& draw, const std::vector<int>& sources, FaultExtent extent, int eventFirst,
                  int eventLength) {
    int first = -1;
    int last = -1;
    for (int t = 0; t < static_cast<int>(sources.size()); ++t) {
        if (sources[static_cast<size_t>(t)] != t) {
            first = first < 0 ? t : first;
            last = t;
        }
    }
    draw.setActed(extent, std::max(first, 0), first < 0 ? 0 : last - first + 1, draw.wholeFrame());
    draw.setEvent(eventFirst, eventLength);
    return remapFrames(draw.clip(), sources);
}

// Moments for repeated events over the whole clip (every 0.4-1.5 s), or one inside the clip.
std::vector<int> eventMoments(FaultDraw& draw, FaultExtent extent, int margin) {
    const int frames = draw.frames();
    std::vector<int> moments;
    if (extent == FaultExtent::WholeClip) {
        int t = draw.uniformInt(1, std::max(1, draw.framesIn(0.6)));
        while (t < frames - margin) {
            moments.push_back(t);
            t += draw.uniformInt(draw.framesIn(0.4), std::max(draw.framesIn(0.4), draw.framesIn(1.5)));
        }
    }
    if (moments.empty()) {
        moments.push_back(draw.uniformInt(1, std::max(1, frames - margin - 1)));
    }
    return moments;
}

PackedClip stutter(FaultDraw& draw) {
    const FaultExtent extent = draw.drawExtent();
    const int hold = static_cast<int>(std::lround(draw.strength(1, 3)));
    const bool late = draw.chance(0.5);
    const int last = draw.clip().frames - 1;
    std::vector<int> sources = identity(draw.frames());
    const std::vector<int> moments = eventMoments(draw, extent, hold + 1);
    int lag = 0;
    for (const int moment : moments) {
        // The frame before the moment shows `hold` more times.
        const int shown = sources[static_cast<size_t>(moment - 1)];
        for (int k = 0; k < hold && moment + k < draw.frames(); ++k) {
            sources[static_cast<size_t>(moment + k)] = shown;
        }
        lag = late ? lag + hold : 0;
        resume(sources, moment + hold, lag, late, last);
    }
    draw.describe(std::to_string(moments.size()) + (moments.size() == 1 ? " stutter" : " stutters") + " of " +
                  std::to_string(hold) + (hold == 1 ? " frame" : " frames") + (late ? ", late after" : ", caught up") +
                  " from frame " + std::to_string(moments.front()));
    return finish(draw, sources, extent, moments.front() - 1, moments.back() - moments.front() + hold + 2);
}

PackedClip frameDrop(FaultDraw& draw) {
    const FaultExtent extent = draw.drawExtent();
    int skip = static_cast<int>(std::lround(draw.strength(1, 6)));
    const std::vector<int> moments = eventMoments(draw, extent, 1);
    // Without look-ahead the clip would end on repeated frames: drop no more than the look-ahead allows,
    // or accept a held last frame when there is none.
    if (draw.lookAhead() > 0) {
        skip = std::clamp(skip, 1, std::max(1, draw.lookAhead() / static_cast<int>(moments.size())));
    }
    const int last = draw.clip().frames - 1;
    std::vector<int> sources = identity(draw.frames());
    int ahead = 0;
    for (const int moment : moments) {
        ahead += skip;
        resume(sources, moment, -ahead, true, last);
    }
    draw.describe(std::to_string(skip) + (skip == 1 ? " frame" : " frames") + " dropped at " +
                  (moments.size() == 1
                       ? "frame " + std::to_string(moments.front())
                       : std::to_string(moments.size()) + " moments from frame " + std::to_string(moments.front())));
    return finish(draw, sources, extent, moments.front() - 1, moments.back() - moments.front() + 2);
}

PackedClip freeze(FaultDraw& draw) {
    const double seconds = draw.strength(0.2, 1.5);
    const auto [first, length] = draw.drawSpan(seconds, seconds, 3);
    const bool late = draw.chance(0.4);
    std::vector<int> sources = identity(draw.frames());
    const int shown = std::max(0, first - 1);
    for (int t = first; t < first + length; ++t) {
        sources[static_cast<size_t>(t)] = shown;
    }
    resume(sources, first + length, first > 0 ? length : length - 1, late, draw.clip().frames - 1);
    draw.describe("frozen for " + std::to_string(length) + " frames from frame " + std::to_string(first) +
                  (late ? ", late after" : ", then a jump"));
    return finish(draw, sources, FaultExtent::TimeSpan, first, length + 1);
}

PackedClip reverse(FaultDraw& draw) {
    const double seconds = draw.strength(0.2, 1.2);
    const auto [first, length] = draw.drawSpan(seconds, seconds, 4);
    std::vector<int> sources = identity(draw.frames());
    const bool pingPong = draw.chance(0.4);
    if (pingPong) {
        // Forward for half the stretch, then back to where it started; then on from there (late) or a jump.
        const int half = length / 2;
        for (int k = half; k < length; ++k) {
            sources[static_cast<size_t>(first + k)] = first + std::max(0, 2 * half - 1 - k);
        }
        const bool late = draw.chance(0.5);
        const int shownLast = sources[static_cast<size_t>(first + length - 1)];
        resume(sources, first + length, first + length - shownLast - 1, late, draw.clip().frames - 1);
        draw.describe("frames " + std::to_string(first) + "-" + std::to_string(first + length - 1) +
                      " forward and back" + (late ? ", late after" : ", then a jump"));
    } else {
        for (int k = 0; k < length; ++k) {
            sources[static_cast<size_t>(first + k)] = first + length - 1 - k;
        }
        draw.describe("frames " + std::to_string(first) + "-" + std::to_string(first + length - 1) +
                      " played backwards");
    }
    return finish(draw, sources, FaultExtent::TimeSpan, first - 1, length + 2);
}

// The extent's frames: the whole clip, or a span of 0.5-2 s.
std::pair<int, int> extentFrames(FaultDraw& draw, FaultExtent extent) {
    return extent == FaultExtent::WholeClip ? std::pair<int, int>{0, draw.frames()} : draw.drawSpan(0.5, 2.0, 4);
}

PackedClip judder(FaultDraw& draw) {
    const FaultExtent extent = draw.drawExtent();
    const int period = static_cast<int>(std::lround(draw.strength(6, 2)));
    const auto [first, length] = extentFrames(draw, extent);
    std::vector<int> sources = identity(draw.frames());
    const int phase = draw.uniformInt(0, period - 1);
    for (int t = std::max(1, first); t < first + length; ++t) {
        if ((t - first + phase) % period == 0) {
            sources[static_cast<size_t>(t)] = t - 1; // repeats the frame before; the next shows t + 1
        }
    }
    ensureChanged(sources, first + length / 2);
    draw.describe("every " + std::to_string(period) + (period == 2 ? "nd" : "th") + " frame repeated" +
                  spanWords(extent, first, length));
    return finish(draw, sources, extent, first, length);
}

PackedClip unevenCadence(FaultDraw& draw) {
    const FaultExtent extent = draw.drawExtent();
    const double ratio = draw.strength(0.85, 0.4);
    const auto [first, length] = extentFrames(draw, extent);
    std::vector<int> sources = identity(draw.frames());
    const double phase = draw.uniform(0.0, 1.0);
    for (int k = 0; k < length; ++k) {
        // Frame k of the stretch shows the frame of a stream at `ratio` times the rate, which picked the
        // nearest source frame of its own moments.
        const double virtualFrame = std::floor(k * ratio + phase);
        sources[static_cast<size_t>(first + k)] =
            first + std::clamp(static_cast<int>(std::lround((virtualFrame - phase) / ratio)), 0, k);
    }
    ensureChanged(sources, first + length / 2);
    draw.describe("converted to " + percent(ratio) + " of the rate and back" + spanWords(extent, first, length));
    return finish(draw, sources, extent, first, length);
}

PackedClip captureJitter(FaultDraw& draw) {
    const FaultExtent extent = draw.drawExtent();
    const double amplitude = draw.strength(0.6, 1.5);
    const auto [first, length] = extentFrames(draw, extent);
    const int last = draw.clip().frames - 1;
    std::vector<int> sources = identity(draw.frames());
    for (int attempt = 0; attempt < 8 && sources == identity(draw.frames()); ++attempt) {
        int previous = first > 0 ? first - 1 : 0;
        for (int t = first; t < first + length; ++t) {
            // Capture moments never run backwards.
            const int taken = static_cast<int>(std::lround(t + draw.uniform(-amplitude, amplitude)));
            previous = std::clamp(std::max(t == 0 ? 0 : previous, taken), 0, last);
            sources[static_cast<size_t>(t)] = previous;
        }
    }
    ensureChanged(sources, first + length / 2);
    draw.describe("capture moments off by up to " + fixed(amplitude, 1) + " frames" + spanWords(extent, first, length));
    return finish(draw, sources, extent, first, length);
}

PackedClip slowMotion(FaultDraw& draw) {
    const double factor = draw.strength(1.6, 3.0);
    const auto [first, length] = draw.drawSpan(0.3, 1.5, 4);
    std::vector<int> sources = identity(draw.frames());
    for (int k = 0; k < length; ++k) {
        sources[static_cast<size_t>(first + k)] = first + static_cast<int>(std::floor(k / factor));
    }
    const bool late = draw.chance(0.4);
    const int shownLast = sources[static_cast<size_t>(first + length - 1)];
    resume(sources, first + length, first + length - shownLast - 1, late, draw.clip().frames - 1);
    draw.describe(fixed(factor, 1) + "x slower in frames " + std::to_string(first) + "-" +
                  std::to_string(first + length - 1) + (late ? ", late after" : ", then a jump"));
    return finish(draw, sources, FaultExtent::TimeSpan, first, length + 1);
}

} // namespace

PackedClip applyTemporalSamplingFault(FaultDraw& draw, VideoFault fault) {
    switch (fault) {
    case VideoFault::Stutter:
        return stutter(draw);
    case VideoFault::FrameDrop:
        return frameDrop(draw);
    case VideoFault::Freeze:
        return freeze(draw);
    case VideoFault::Reverse:
        return reverse(draw);
    case VideoFault::Judder:
        return judder(draw);
    case VideoFault::UnevenCadence:
        return unevenCadence(draw);
    case VideoFault::CaptureJitter:
        return captureJitter(draw);
    case VideoFault::SlowMotion:
        return slowMotion(draw);
    default:
        return firstFrames(draw.clip(), draw.frames());
    }
}

} // namespace svj::media::detail
