#include "tests/support/test_clips.h"

#include <QDir>
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

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    return file.write(bytes) == bytes.size();
}

} // namespace svj::test
