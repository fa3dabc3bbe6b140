#include "model/atomic_file.h"

#include "model/model_error.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <sys/file.h>
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
    const auto now = fs::file_time_type::clock::now();
    std::error_code error;
    int removed = 0;
    for (const fs::directory_entry& entry :
         fs::directory_iterator(target.parent_path().empty() ? fs::path(".") : target.parent_path(), error)) {
        const std::string name = entry.path().filename().string();
        std::error_code ignored;
        if (name.compare(0, prefix.size(), prefix) != 0 || !entry.is_regular_file(ignored) ||
            entry.is_symlink(ignored)) {
            continue;
        }
        // A writer locks its file from just after it creates it until it closes it: a file nobody holds is a
        // finished or dead writer's. A pid alone says nothing on a shared folder or once reused, so it only
        // speeds things up: a file whose writer's pid is gone here goes at once (the save after a killed one
        // cleans up), any other unheld file once it is a minute old (a writer on another host between creating
        // its file and locking it, or between closing and renaming it, has a fresh one).
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        const bool writerGoneHere =
            pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
        const auto written = entry.last_write_time(ignored);
        if (ignored || (!writerGoneHere && now - written < std::chrono::seconds(kStaleAfterSeconds))) {
            continue;
        }
        const int descriptor = ::open(entry.path().c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (descriptor < 0) {
            continue;
        }
        if (::flock(descriptor, LOCK_EX | LOCK_NB) == 0) {
            removed += ::unlink(entry.path().c_str()) == 0 ? 1 : 0; // still holding the lock: nobody took it over
        }
        ::close(descriptor);
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
    // Held until the file is closed, just before its rename (or the process dies): removeStalePartials leaves a
    // held file alone, and the fresh modification time covers the moment between the close and the rename.
    ::flock(descriptor, LOCK_EX);
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
