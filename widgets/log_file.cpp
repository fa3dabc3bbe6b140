#include "widgets/log_file.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>

#include <cstdio>

namespace svj::widgets {
namespace {

struct LogState {
    QMutex mutex;
    QString path;
    qint64 maxBytes = 0;
    int keep = 3;
    QtMessageHandler previous = nullptr;
};

LogState& state() {
    static LogState log;
    return log;
}

const char* levelName(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    LogState& log = state();
    {
        const QMutexLocker lock(&log.mutex);
        if (QFileInfo(log.path).size() > log.maxBytes) {
            rotateLogFiles(log.path, log.keep);
        }
        QFile file(log.path);
        if (file.open(QIODevice::Append | QIODevice::Text)) {
            file.write(QStringLiteral("%1 %2 %3\n")
                           .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                                QString::fromLatin1(levelName(type)), message)
                           .toUtf8());
        }
    }
    if (log.previous) {
        log.previous(type, context, message);
    } else {
        std::fprintf(stderr, "%s\n", qPrintable(message));
    }
}

} // namespace

void rotateLogFiles(const QString& path, int keep) {
    QFile::remove(QStringLiteral("%1.%2").arg(path).arg(keep));
    for (int i = keep - 1; i >= 1; --i) {
        QFile::rename(QStringLiteral("%1.%2").arg(path).arg(i), QStringLiteral("%1.%2").arg(path).arg(i + 1));
    }
    QFile::rename(path, path + QStringLiteral(".1"));
}

bool installLogFile(const QString& path, qint64 maxBytes, int keep) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile probe(path);
    if (!probe.open(QIODevice::Append | QIODevice::Text)) {
        return false;
    }
    probe.close();
    LogState& log = state();
    {
        const QMutexLocker lock(&log.mutex);
        log.path = path;
        log.maxBytes = maxBytes;
        log.keep = std::max(1, keep);
    }
    QtMessageHandler previous = qInstallMessageHandler(handler);
    if (previous != handler) {
        log.previous = previous;
    }
    return true;
}

void uninstallLogFile() {
    LogState& log = state();
    qInstallMessageHandler(log.previous);
    const QMutexLocker lock(&log.mutex);
    log.path.clear();
    log.previous = nullptr;
}

QString logFilePath() {
    const QMutexLocker lock(&state().mutex);
    return state().path;
}

} // namespace svj::widgets
