#include "media/media_error.h"

namespace svj::media {

MediaError::MediaError(MediaErrorKind kind, const std::string& path, const std::string& what)
    : std::runtime_error(path.empty() ? what : path + ": " + what)
    , m_kind(kind)
    , m_path(path)
    , m_detail(what) {}

} // namespace svj::media
