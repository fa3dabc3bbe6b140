#include "media/video_info.h"

#include <cmath>

namespace svj::media {

const char* streamTypeName(StreamType type) {
    switch (type) {
    case StreamType::Video:
        return "video";
    case StreamType::Audio:
        return "audio";
    case StreamType::Subtitle:
        return "subtitle";
    case StreamType::Data:
        return "data";
    case StreamType::Attachment:
        return "attachment";
    case StreamType::Unknown:
        break;
    }
    return "unknown";
}

int VideoInfo::displayWidth() const {
    const double aspect = sampleAspectRatio.valid() ? sampleAspectRatio.value() : 1.0;
    const int scaledWidth = static_cast<int>(std::lround(width * aspect));
    return (rotationDegrees == 90 || rotationDegrees == 270) ? height : scaledWidth;
}

int VideoInfo::displayHeight() const {
    const double aspect = sampleAspectRatio.valid() ? sampleAspectRatio.value() : 1.0;
    const int scaledWidth = static_cast<int>(std::lround(width * aspect));
    return (rotationDegrees == 90 || rotationDegrees == 270) ? scaledWidth : height;
}

} // namespace svj::media
