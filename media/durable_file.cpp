#include "media/durable_file.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace svj::media {
namespace {

bool syncPath(const std::string& path, int flags) {
    const int descriptor = ::open(path.c_str(), flags | O_CLOEXEC);
    if (descriptor < 0) {
        return false;
    }
    const bool synced = ::fsync(descriptor) == 0;
    const int error = errno;
    ::close(descriptor);
    errno = error;
    return synced;
}

} // namespace

bool syncFile(const std::string& path) {
    return syncPath(path, O_RDONLY);
}

bool syncFolder(const std::string& folder) {
    return syncPath(folder.empty() ? std::string(".") : folder, O_RDONLY | O_DIRECTORY) || errno == EINVAL;
}

bool syncAndRename(const std::string& from, const std::string& to) {
    return syncFile(from) && ::rename(from.c_str(), to.c_str()) == 0 &&
           syncFolder(std::filesystem::path(to).parent_path().string());
}

} // namespace svj::media
