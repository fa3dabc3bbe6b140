#include "model/atomic_file.h"

#include "model/model_error.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace svj::model {
namespace {

namespace fs = std::filesystem;

std::string partialPrefix(const fs::path& target) {
    return "." + target.filename().string() + ".partial-";
}

// SVJ_TEST_KILL_AT_RENAME=N: the process kills itself (SIGKILL, as a power cut would) just before its Nth
// rename into place. Tests use it to stop a save between any two of its files.
void killBeforeRenameIfAsked() {
    static const long target = [] {
        const char* value = std::getenv("SVJ_TEST_KILL_AT_RENAME");
        return value ? std::strtol(value, nullptr, 10) : 0L;
    }();
    static std::atomic<long> renames{0};
    if (target > 0 && renames.fetch_add(1) + 1 == target) {
        ::raise(SIGKILL);
    }
}

// A rename is on disk only once its folder is synced. Some file systems (vfat, some FUSE) cannot sync a
// folder at all (EINVAL): nothing more can be done there, so only real failures are errors.
void syncFolderOf(const fs::path& file) {
    const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    const int directory = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) {
        throw ModelError(file.string() +
                         ": cannot open its folder to make the rename durable: " + std::strerror(errno));
    }
    const bool synced = ::fsync(directory) == 0 || errno == EINVAL;
    const int error = errno;
    ::close(directory);
    if (!synced) {
        throw ModelError(file.string() + ": syncing its folder failed: " + std::strerror(error));
    }
}

} // namespace

int removeStalePartials(const std::string& path) {
    const fs::path target(path);
    const std::string prefix = partialPrefix(target);
    std::error_code error;
    int removed = 0;
    for (const fs::directory_entry& entry :
         fs::directory_iterator(target.parent_path().empty() ? fs::path(".") : target.parent_path(), error)) {
        const std::string name = entry.path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0) {
            continue;
        }
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        // Another live process may be writing it right now; only a dead writer's file is left over.
        if (pid > 0 && pid != ::getpid() && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)) {
            continue;
        }
        if (pid == ::getpid()) {
            continue; // ours, still being written by another thread
        }
        std::error_code ignored;
        removed += fs::remove(entry.path(), ignored) ? 1 : 0;
    }
    return removed;
}

void moveFileDurably(const std::string& from, const std::string& to) {
    killBeforeRenameIfAsked();
    if (::rename(from.c_str(), to.c_str()) != 0) {
        throw ModelError(to + ": cannot move " + from + " into place: " + std::strerror(errno));
    }
    syncFolderOf(fs::path(to));
}

void writeFileAtomically(const std::string& path, const std::string& contents) {
    static std::atomic<int> counter{0};
    const fs::path target(path);
    removeStalePartials(path);
    std::random_device entropy;
    int descriptor = -1;
    std::string temporary;
    for (int attempt = 0; attempt < 8 && descriptor < 0; ++attempt) {
        temporary = (target.parent_path() / (partialPrefix(target) + std::to_string(::getpid()) + "-" +
                                             std::to_string(counter.fetch_add(1)) + "-" + std::to_string(entropy())))
                        .string();
        // Exclusive and never through a link: a name someone planted cannot redirect the write.
        descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (descriptor < 0 && errno != EEXIST) {
            break;
        }
    }
    if (descriptor < 0) {
        throw ModelError(path + ": cannot create the file: " + std::strerror(errno));
    }
    size_t written = 0;
    while (written < contents.size()) {
        const ssize_t result = ::write(descriptor, contents.data() + written, contents.size() - written);
        if (result < 0) {
            if (errno == EINTR) {
                continue;
            }
            const std::string reason = std::strerror(errno);
            ::close(descriptor);
            ::unlink(temporary.c_str());
            throw ModelError(path + ": writing failed: " + reason);
        }
        written += static_cast<size_t>(result);
    }
    const bool synced = ::fsync(descriptor) == 0;
    const int syncError = errno;
    const bool closed = ::close(descriptor) == 0;
    if (!synced || !closed) {
        const std::string reason = std::strerror(synced ? errno : syncError);
        ::unlink(temporary.c_str());
        throw ModelError(path + ": flushing to disk failed: " + reason);
    }
    try {
        moveFileDurably(temporary, path);
    } catch (const ModelError&) {
        ::unlink(temporary.c_str());
        throw;
    }
}

} // namespace svj::model
