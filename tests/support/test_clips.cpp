#include "tests/support/test_clips.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QtDebug>

namespace svj::test {

QString clipsDir() {
    const QString fromEnvironment = qEnvironmentVariable("SVJ_TEST_CLIPS");
    return fromEnvironment.isEmpty() ? QStringLiteral(SVJ_TEST_CLIPS_DIR) : fromEnvironment;
}

QString clip(const QString& fileName) {
    const QString path = QDir(clipsDir()).filePath(fileName);
    if (!QFileInfo::exists(path)) {
        qWarning().noquote() << "test clip missing:" << path
                             << "(run the CTest fixture make_test_clips, or tests/media/make_test_clips.sh)";
        return {};
    }
    return path;
}

bool makeModelClips(const QString& project, int models, const QString& fileName) {
    for (int model = 0; model < models; ++model) {
        const QString folder = QStringLiteral("%1/model%2").arg(project).arg(model);
        if (!QDir().mkpath(folder) ||
            !runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                        QStringLiteral("testsrc2=size=96x64:rate=10,hue=h=%1").arg(model * 50), QStringLiteral("-t"),
                        QStringLiteral("1"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                        QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), folder + QLatin1Char('/') + fileName})) {
            return false;
        }
    }
    return true;
}

bool encodeTestClip(const QString& source, double seconds, const QString& out, const QString& filter, bool fromFile) {
    QStringList arguments;
    if (!fromFile) {
        arguments << QStringLiteral("-f") << QStringLiteral("lavfi");
    }
    arguments << QStringLiteral("-i") << source;
    if (!filter.isEmpty()) {
        arguments << QStringLiteral("-vf") << filter;
    }
    if (seconds > 0) {
        arguments << QStringLiteral("-t") << QString::number(seconds);
    }
    arguments << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-preset")
              << QStringLiteral("ultrafast") << QStringLiteral("-pix_fmt") << QStringLiteral("yuv420p") << out;
    return runFfmpeg(arguments);
}

bool makePatternClips(const QString& folder) {
    const QStringList sources{QStringLiteral("testsrc2=size=96x64:rate=24"),
                              QStringLiteral("mandelbrot=size=96x64:rate=24"),
                              QStringLiteral("life=size=96x64:rate=24:mold=10:ratio=0.2:seed=3")};
    for (int i = 0; i < sources.size(); ++i) {
        if (!QDir().mkpath(folder) ||
            !encodeTestClip(sources[i], 4, QStringLiteral("%1/clip%2.mp4").arg(folder).arg(i))) {
            return false;
        }
    }
    return true;
}

bool runFfmpeg(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                                                        QStringLiteral("error"), QStringLiteral("-y")} +
                                                arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning().noquote() << "ffmpeg failed:" << arguments.join(QLatin1Char(' ')) << "\n"
                             << process.readAllStandardError();
        return false;
    }
    return true;
}

QByteArray ffmpegOutput(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                                                        QStringLiteral("error"), QStringLiteral("-nostdin")} +
                                                arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning().noquote() << "ffmpeg failed:" << arguments.join(QLatin1Char(' ')) << "\n"
                             << process.readAllStandardError();
        return {};
    }
    return process.readAllStandardOutput();
}

int frameIndexInPicture(const uint8_t* rgb, int width, int height, int stride) {
    if (width < 320 || height < 40) {
        return -1;
    }
    int index = 0;
    for (int bit = 0; bit < 16; ++bit) {
        // The block's centre, away from compression ringing at its edges.
        const uint8_t* pixel = rgb + 20 * stride + (bit * 20 + 10) * 3;
        const int luma = (pixel[0] + pixel[1] + pixel[2]) / 3;
        if (luma > 170) {
            index |= 1 << bit;
        } else if (luma > 85) {
            return -1;
        }
    }
    return index;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    return file.write(bytes) == bytes.size();
}

FileSearch searchFiles(const QString& folder, const QByteArray& needle) {
    FileSearch search;
    QDirIterator files(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.readAll().contains(needle)) {
            search.holding << path;
        }
        search.searched << QFileInfo(path).fileName();
    }
    return search;
}

} // namespace svj::test
