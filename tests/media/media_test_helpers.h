// Helpers for the media/ suites: reading the frame index a generated clip carries, comparing pictures.
#pragma once

#include "media/video_frame.h"
#include "media/video_reader.h"
#include "tests/support/test_clips.h"

#include <QString>

#include <cstdint>
#include <string>

namespace svj::test {

inline int patternOf(const media::VideoFrame& frame) {
    return frameIndexInPicture(frame.pixels.data(), frame.width, frame.height, frame.stride);
}

inline std::string clipPath(const char* name) {
    return clip(QString::fromLatin1(name)).toStdString();
}

// FNV-1a over the pixels: compact identity of a decoded picture.
inline uint64_t pictureHash(const media::VideoFrame& frame) {
    uint64_t hash = 1469598103934665603ull;
    for (const uint8_t byte : frame.pixels) {
        hash = (hash ^ byte) * 1099511628211ull;
    }
    return hash;
}

// Largest absolute difference between two pictures of the same size; -1 when sizes differ.
inline int maxDifference(const uint8_t* a, const uint8_t* b, size_t bytes) {
    int worst = 0;
    for (size_t i = 0; i < bytes; ++i) {
        const int difference = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
        worst = difference > worst ? difference : worst;
    }
    return worst;
}

} // namespace svj::test
