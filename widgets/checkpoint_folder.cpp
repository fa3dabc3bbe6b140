#include "widgets/checkpoint_folder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <utility>

namespace svj::widgets {
CheckpointFolder::CheckpointFolder(QString folder)
    : m_folder(std::move(folder)) {}

const QStringList& CheckpointFolder::companionSuffixes() {
    static const QStringList suffixes = {QStringLiteral(".json"), QStringLiteral(".state"),
                                         QStringLiteral(".state.next"), QStringLiteral(".log.jsonl"),
                                         QStringLiteral(".log.txt")};
    return suffixes;
}

QStringList CheckpointFolder::checkpoints() const {
    QStringList paths;
    for (const QFileInfo& file :
         QDir(m_folder).entryInfoList({QStringLiteral("*.safetensors")}, QDir::Files, QDir::Time)) {
        paths << file.absoluteFilePath();
    }
    return paths;
}

CheckpointFolder::Renamed CheckpointFolder::rename(const QString& checkpoint, const QString& newName) const {
    const QString target = QDir(QFileInfo(checkpoint).path()).filePath(newName + QStringLiteral(".safetensors"));
    if (newName.isEmpty() || newName.contains(QLatin1Char('/')) || QFileInfo::exists(target)) {
        return Renamed::NameTaken;
    }
    for (const QString& suffix : companionSuffixes()) {
        if (QFileInfo::exists(target + suffix)) {
            return Renamed::NameTaken;
        }
    }
    if (!QFile::rename(checkpoint, target)) {
        return Renamed::Failed;
    }
    QStringList moved;
    for (const QString& suffix : companionSuffixes()) {
        if (!QFileInfo::exists(checkpoint + suffix)) {
            continue;
        }
        if (!QFile::rename(checkpoint + suffix, target + suffix)) {
            // Half a rename would leave a checkpoint without its sidecar: everything goes back.
            for (const QString& done : std::as_const(moved)) {
                QFile::rename(target + done, checkpoint + done);
            }
            QFile::rename(target, checkpoint);
            return Renamed::Failed;
        }
        moved << suffix;
    }
    return Renamed::Yes;
}

bool CheckpointFolder::remove(const QString& checkpoint) const {
    if (!QFile::remove(checkpoint)) {
        return false;
    }
    for (const QString& suffix : companionSuffixes()) {
        QFile::remove(checkpoint + suffix);
    }
    return true;
}

} // namespace svj::widgets
