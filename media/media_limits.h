// What media/ accepts from a file, in one place: the picture size, the sample aspect ratio, how long one
// decoded frame may stand for. Past these a file is refused (or its claim ignored) before anything is
// allocated for it; the CLI bounds its own size options by the same numbers.
#pragma once

#include <cstdint>

namespace svj::media {

// No real video is 16k on a side, and none has more than 8K UHD's pixels four times over.
inline constexpr int kMaxDimension = 16384;
inline constexpr int64_t kMaxPixels = int64_t(7680) * 4320 * 4;
// Anamorphic video stays within 1:4 .. 4:1 (DV's 40:33, HDV's 4:3, 2x squeeze lenses); a header that claims
// more (2000000000:1) is broken, and its pixels are taken as square.
inline constexpr double kMaxSampleAspect = 4.0;
// When frames are picked by their timestamps (a judge at 8 fps), one decoded frame stands for at most this
// long: a timestamp that jumps by 10^6 s does not make a stream of millions of copies of one picture.
inline constexpr double kMaxFrameHoldSeconds = 10.0;

} // namespace svj::media
