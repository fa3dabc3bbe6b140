#include "widgets/crash_handler.h"

#include "svj/version.h"
#include "widgets/log_file.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <array>
#include <cstring>
#include <ctime>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace svj::widgets {
namespace {

// Everything the handler needs is prepared here beforehand: it may only call async-signal-safe functions
// (open, write, close, raise), never allocate, and never take a lock the crashed thread may hold.
char g_folder[4096];
char g_context[8192];
char g_logHint[4096];
volatile sig_atomic_t g_contextLength = 0;
std::array<char, 64 * 1024> g_alternateStack; // a stack overflow must still be reportable

constexpr std::array kSignals = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

void writeText(int fd, const char* text) {
    size_t length = std::strlen(text);
    while (length > 0) {
        const ssize_t written = ::write(fd, text, length);
        if (written <= 0) {
            return;
        }
        text += written;
        length -= static_cast<size_t>(written);
    }
}

// Decimal digits of `value` into `buffer` (at least 21 bytes); snprintf is not async-signal-safe. `width`
// pads with zeros.
const char* decimal(unsigned long long value, char* buffer, int width = 1) {
    char digits[24];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 || count < width);
    int at = 0;
    while (count > 0) {
        buffer[at++] = digits[--count];
    }
    buffer[at] = '\0';
    return buffer;
}

// "YYYY-MM-DD hh:mm:ss" (UTC) of `seconds` since 1970 into `buffer` (at least 20 bytes): gmtime() may lock.
// Days to a civil date after Howard Hinnant's days_from_civil inverse.
const char* utcTime(long long seconds, char* buffer) {
    const long long days = seconds / 86400;
    const long long rest = seconds % 86400;
    const long long shifted = days + 719468;
    const long long era = shifted / 146097;
    const long long dayOfEra = shifted - era * 146097;
    const long long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const long long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const long long monthIndex = (5 * dayOfYear + 2) / 153;
    const long long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const long long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const long long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    const long long fields[] = {year, month, day, rest / 3600, rest / 60 % 60, rest % 60};
    const char separators[] = "-- ::";
    buffer[0] = '\0';
    char digits[24];
    for (int i = 0; i < 6; ++i) {
        std::strcat(buffer, decimal(static_cast<unsigned long long>(fields[i]), digits, i == 0 ? 4 : 2));
        if (i < 5) {
            std::strncat(buffer, separators + i, 1);
        }
    }
    return buffer;
}

const char* signalName(int signal) {
    switch (signal) {
    case SIGSEGV:
        return "SIGSEGV (invalid memory access)";
    case SIGBUS:
        return "SIGBUS (bus error)";
    case SIGILL:
        return "SIGILL (illegal instruction)";
    case SIGFPE:
        return "SIGFPE (arithmetic error)";
    case SIGABRT:
        return "SIGABRT (aborted)";
    default:
        return "unknown signal";
    }
}

void onCrash(int signal) {
    const auto now = static_cast<unsigned long long>(::time(nullptr));
    char number[24];
    char path[sizeof(g_folder) + 64];
    path[0] = '\0';
    std::strcat(path, g_folder);
    std::strcat(path, "/crash-");
    std::strcat(path, decimal(now, number));
    std::strcat(path, "-");
    std::strcat(path, decimal(::getpid(), number));
    std::strcat(path, ".txt");
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        writeText(fd, kApplicationName);
        writeText(fd, " ");
        writeText(fd, kVersion);
        writeText(fd, " crashed\nsignal: ");
        writeText(fd, signalName(signal));
        char when[24];
        writeText(fd, "\ntime: ");
        writeText(fd, utcTime(static_cast<long long>(now), when));
        writeText(fd, " UTC\nprocess: ");
        writeText(fd, decimal(::getpid(), number));
        writeText(fd, "\n");
        if (g_contextLength > 0) {
            writeText(fd, "open: ");
            writeText(fd, g_context);
            writeText(fd, "\n");
        }
        writeText(fd, g_logHint);
        writeText(fd, "Labels are saved as they are cast; the workspace is checked when it is opened again.\n"
                      "\nbacktrace:\n");
        void* frames[64];
        const int depth = ::backtrace(frames, 64);
        ::backtrace_symbols_fd(frames, depth, fd);
        ::close(fd);
        writeText(STDERR_FILENO, "svj-workbench crashed; report: ");
        writeText(STDERR_FILENO, path);
        writeText(STDERR_FILENO, "\n");
    }
    // SA_RESETHAND put the default action back: the process ends (and dumps core) as it would have.
    ::raise(signal);
}

void copyInto(char* target, size_t size, const QByteArray& text) {
    const size_t length = std::min(size - 1, static_cast<size_t>(text.size()));
    std::memcpy(target, text.constData(), length);
    target[length] = '\0';
}

} // namespace

void installCrashHandler(const QString& folder) {
    QDir().mkpath(folder);
    copyInto(g_folder, sizeof(g_folder), QFile::encodeName(QDir(folder).absolutePath()));
    if (!logFilePath().isEmpty()) {
        copyInto(g_logHint, sizeof(g_logHint),
                 QStringLiteral("log: %1 (attach it with this report)\n").arg(logFilePath()).toUtf8());
    }
    // backtrace() loads libgcc on first use, which allocates: do that now, not in the handler.
    void* warmUp[1];
    ::backtrace(warmUp, 1);

    stack_t stack{};
    stack.ss_sp = g_alternateStack.data();
    stack.ss_size = g_alternateStack.size();
    ::sigaltstack(&stack, nullptr);
    struct sigaction action {};
    action.sa_handler = onCrash;
    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (const int signal : kSignals) {
        ::sigaction(signal, &action, nullptr);
    }
}

void setCrashContext(const QString& context) {
    g_contextLength = 0; // a crash while copying reports no context rather than half of one
    copyInto(g_context, sizeof(g_context), context.toUtf8());
    g_contextLength = static_cast<sig_atomic_t>(std::strlen(g_context));
}

QStringList crashReportsSince(const QString& folder, qint64 since) {
    QStringList reports;
    const QFileInfoList files = QDir(folder).entryInfoList({QStringLiteral("crash-*.txt")}, QDir::Files, QDir::Time);
    for (const QFileInfo& file : files) {
        if (file.lastModified().toSecsSinceEpoch() > since) {
            reports << file.absoluteFilePath();
        }
    }
    return reports;
}

} // namespace svj::widgets
