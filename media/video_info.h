// What a probe learns about a video file: container, streams and the facts of its video stream.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace svj::media {

struct Rational {
    int num = 0;
    int den = 1;

    double value() const { return den == 0 ? 0.0 : static_cast<double>(num) / den; }
    bool valid() const { return num > 0 && den > 0; }
};

enum class StreamType { Video, Audio, Subtitle, Data, Attachment, Unknown };

const char* streamTypeName(StreamType type);

struct StreamInfo {
    int index = -1;
    StreamType type = StreamType::Unknown;
    std::string codecName;     // "h264"
    std::string codecLongName; // "H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10"
    std::string profile;       // "High", empty when unknown
    int64_t bitRate = 0;       // bits/s, 0 when unknown
    double durationSeconds = 0.0;
    // Video streams.
    int width = 0;
    int height = 0;
    std::string pixelFormat;
    Rational frameRate; // average frame rate
    // Audio streams.
    int sampleRate = 0;
    int channels = 0;
};

struct VideoInfo {
    std::string path;
    std::string containerName;     // "mov,mp4,m4a,3gp,3g2,mj2"
    std::string containerLongName; // "QuickTime / MOV"
    double containerDurationSeconds = 0.0;
    int64_t bitRate = 0;
    std::vector<StreamInfo> streams;

    // The video stream the workbench reads (FFmpeg's "best" video stream).
    int videoStreamIndex = -1;
    std::string codecName;
    int width = 0; // coded size, before rotation
    int height = 0;
    Rational sampleAspectRatio{1, 1};
    int rotationDegrees = 0; // clockwise rotation a player applies for display: 0, 90, 180 or 270
    std::string pixelFormat;
    std::string colorSpace; // "bt709", "bt470bg", ... or "unknown"
    bool fullRange = false; // JPEG/full range instead of limited (TV) range
    Rational frameRate;     // nominal rate: the stream's average rate, else its base rate
    bool variableFrameRate = false;
    int64_t frameCount = 0;        // counted from the stream's packets, not taken from the header
    int64_t headerFrameCount = -1; // what the container claims, -1 when it says nothing
    int64_t startTimeUs = 0;       // presentation time of the first frame
    double durationSeconds = 0.0;  // from the first frame's start to the last frame's end
    // Claims of the file that were not believed or will not be followed, one sentence each (a sample aspect
    // ratio that is no real one, a timestamp that jumps by hours).
    std::vector<std::string> warnings;

    // Display size after rotation and sample aspect ratio.
    int displayWidth() const;
    int displayHeight() const;
};

} // namespace svj::media
