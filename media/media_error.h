// The one exception type media/ throws: it always names the file and says what is wrong with it.
#pragma once

#include <stdexcept>
#include <string>

namespace svj::media {

// What went wrong, so callers can react without parsing the message.
enum class MediaErrorKind {
    FileNotFound = 1,
    NotReadable = 2,      // permissions, a directory, a file that vanished
    NotAVideo = 3,        // FFmpeg does not recognise the container, or it has no video stream
    UnsupportedCodec = 4, // the video stream's codec has no decoder in this FFmpeg
    InvalidVideo = 5,     // recognised but unusable: zero size, absurd dimensions, no decodable frame
    OutOfRange = 6,       // a frame index or time outside the video
    DecodeFailed = 7,
    EncodeFailed = 8,
    InvalidArgument = 9,
};

class MediaError : public std::runtime_error {
public:
    MediaError(MediaErrorKind kind, const std::string& path, const std::string& what);

    MediaErrorKind kind() const { return m_kind; }
    const std::string& path() const { return m_path; }
    // The message without the leading path, for places that show the path elsewhere.
    const std::string& detail() const { return m_detail; }

private:
    MediaErrorKind m_kind;
    std::string m_path;
    std::string m_detail;
};

} // namespace svj::media
