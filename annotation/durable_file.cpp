#include "annotation/durable_file.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace svj::annotation {
namespace {

bool syncPath(const QString& path, int flags) {
    const int descriptor = ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC);
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

bool syncFile(const QString& path) {
    return syncPath(path, O_RDONLY);
}

bool syncFolder(const QString& folder) {
    // Some file systems (vfat, some FUSE) cannot sync a folder at all: nothing more can be done there.
    return syncPath(folder, O_RDONLY | O_DIRECTORY) || errno == EINVAL;
}

bool syncAndRename(const QString& from, const QString& to) {
    return syncFile(from) && ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0 &&
           syncFolder(QFileInfo(to).absolutePath());
}

} // namespace svj::annotation
