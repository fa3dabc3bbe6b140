#include "media/ffmpeg_log.h"

#include "media/ffmpeg_handles.h"

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <string>

extern "C" {
#include <libavutil/log.h>
}

namespace svj::media {
namespace {

std::atomic<int> g_printLevel{AV_LOG_QUIET};
thread_local std::string t_lastError;

void logCallback(void* object, int level, const char* format, va_list arguments) {
    if (level > AV_LOG_WARNING && level > g_printLevel.load(std::memory_order_relaxed)) {
        return; // neither kept nor printed: skip the formatting work
    }
    char line[1024];
    int printPrefix = 1;
    av_log_format_line2(object, level, format, arguments, line, sizeof line, &printPrefix);
    if (level <= AV_LOG_WARNING) {
        // Errors (and warnings, for demuxers that only warn before failing) explain a failure better
        // than the bare error code: keep the latest for this thread's next error message.
        std::string text(line);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
            text.pop_back();
        }
        if (!text.empty()) {
            t_lastError = std::move(text);
        }
    }
    if (level <= g_printLevel.load(std::memory_order_relaxed)) {
        std::fputs(line, stderr);
    }
}

int toAvLevel(FfmpegLogLevel level) {
    switch (level) {
    case FfmpegLogLevel::Quiet:
        return AV_LOG_QUIET;
    case FfmpegLogLevel::Errors:
        return AV_LOG_ERROR;
    case FfmpegLogLevel::Warnings:
        return AV_LOG_WARNING;
    case FfmpegLogLevel::Verbose:
        return AV_LOG_VERBOSE;
    }
    return AV_LOG_QUIET;
}

} // namespace

void setFfmpegLogLevel(FfmpegLogLevel level) {
    detail::installLogHandler();
    g_printLevel.store(toAvLevel(level));
}

namespace detail {

void installLogHandler() {
    static std::once_flag once;
    std::call_once(once, [] {
        av_log_set_level(AV_LOG_VERBOSE); // the callback decides what is printed
        av_log_set_callback(logCallback);
    });
}

std::string takeLastFfmpegMessage() {
    std::string message = std::move(t_lastError);
    t_lastError.clear();
    // "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55...] moov atom not found" -> "moov atom not found"
    if (!message.empty() && message.front() == '[') {
        const size_t close = message.find("] ");
        if (close != std::string::npos) {
            message.erase(0, close + 2);
        }
    }
    return message;
}

void clearLastFfmpegMessage() {
    t_lastError.clear();
}

} // namespace detail
} // namespace svj::media
