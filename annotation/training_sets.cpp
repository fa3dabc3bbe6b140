#include "annotation/training_sets.h"

#include "annotation/csv_writer.h"
#include "annotation/import_error.h"
#include "media/durable_file.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace svj::annotation {
namespace {

void writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile save(path);
    if (!save.open(QIODevice::WriteOnly) || save.write(bytes) != bytes.size() || !save.commit()) {
        throw ImportError(path, 0, QStringLiteral("cannot write: ") + save.errorString());
    }
}

QByteArray line(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n";
}

// Written into every videofolder export: only a folder holding it, and nothing an export does not write,
// is ours to replace. A Hugging Face dataset folder has a metadata.jsonl too.
const QString kExportMarker = QStringLiteral(".svj-videofolder");

bool isPreviousExport(const QString& folder) {
    const QStringList ours{kExportMarker, QStringLiteral("metadata.jsonl"), QStringLiteral("ties.jsonl"),
                           QStringLiteral("videos")};
    const QStringList entries = QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    if (entries.isEmpty()) {
        return true;
    }
    if (!entries.contains(kExportMarker)) {
        return false;
    }
    for (const QString& entry : entries) {
        if (!ours.contains(entry)) {
            return false;
        }
    }
    return true;
}

[[noreturn]] void cannotPlace(const QString& target, int error) {
    throw ImportError(target, 0, QStringLiteral("cannot put the new export in place: %1").arg(qt_error_string(error)));
}

// A videofolder set is built whole in a hidden sibling folder, then takes the target's place in one step
// (an exchange where a previous export is there): a kill leaves the previous set or the new one, never a
// mix. A folder that holds anything but a previous export is refused, never replaced.
class FolderInPlace {
public:
    FolderInPlace(const QString& target, const PreferenceFile& file) {
        const QFileInfo given(QFileInfo(target).absoluteFilePath());
        // Through a link, the folder it names is the one replaced (not the link).
        m_target = QDir::cleanPath(given.exists() ? given.canonicalFilePath() : given.absoluteFilePath());
        const QFileInfo info(m_target);
        if (info.exists() && (!info.isDir() || !isPreviousExport(m_target))) {
            throw ImportError(m_target, 0,
                              QStringLiteral("is not a previous videofolder export of this tool (only a folder "
                                             "holding %1 and what an export writes is replaced); choose an "
                                             "empty or new folder")
                                  .arg(kExportMarker));
        }
        // A workspace that imported a previous export refers to its videos: replacing it would lose them.
        const QString inside = m_target + QLatin1Char('/');
        for (const PreferencePair& pair : file.pairs) {
            for (const QString& video : {pair.videoA, pair.videoB}) {
                const QFileInfo where(video);
                if ((where.exists() ? where.canonicalFilePath() : where.absoluteFilePath()).startsWith(inside)) {
                    throw ImportError(
                        m_target, 0,
                        QStringLiteral("holds %1, a video of this export; choose another folder").arg(video));
                }
            }
        }
        const QDir parent = info.absoluteDir();
        removeStaleFolders(parent, info.fileName());
        m_building = parent.filePath(QStringLiteral(".") + info.fileName() + QStringLiteral(".partial-") +
                                     QString::number(::getpid()));
        QDir(m_building).removeRecursively();
        if (!QDir().mkpath(m_building + QStringLiteral("/videos"))) {
            throw ImportError(m_target, 0, QStringLiteral("cannot create the folder"));
        }
    }
    ~FolderInPlace() {
        if (!m_building.isEmpty()) {
            QDir(m_building).removeRecursively(); // an export that failed leaves nothing behind
        }
    }
    FolderInPlace(const FolderInPlace&) = delete;
    FolderInPlace& operator=(const FolderInPlace&) = delete;

    const QString& building() const { return m_building; }

    void commit() {
        writeAtomically(m_building + QLatin1Char('/') + kExportMarker, QByteArray());
        // Every copied video on disk before the set that names them replaces the previous one.
        const QDir videos(m_building + QStringLiteral("/videos"));
        for (const QString& name : videos.entryList(QDir::Files)) {
            if (!media::syncFile(QFile::encodeName(videos.filePath(name)).toStdString())) {
                throw ImportError(videos.filePath(name), 0,
                                  QStringLiteral("cannot write: %1").arg(qt_error_string(errno)));
            }
        }
        media::syncFolder(QFile::encodeName(videos.path()).toStdString());
        media::syncFolder(QFile::encodeName(m_building).toStdString());
        const QByteArray from = QFile::encodeName(m_building);
        const QByteArray to = QFile::encodeName(m_target);
        if (!QFileInfo::exists(m_target)) {
            if (::rename(from.constData(), to.constData()) != 0) {
                cannotPlace(m_target, errno);
            }
        } else if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_EXCHANGE) != 0) {
            if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
                cannotPlace(m_target, errno);
            }
            // No exchange on this file system (vfat, NFS, many FUSE ones): the previous set steps aside first.
            // A kill between the two renames leaves it under .NAME.old-PID, put back by the next export.
            const QString aside =
                oldName(QFileInfo(m_target).absoluteDir(), QFileInfo(m_target).fileName(), ::getpid());
            if (::rename(to.constData(), QFile::encodeName(aside).constData()) != 0) {
                cannotPlace(m_target, errno);
            }
            if (::rename(from.constData(), to.constData()) != 0) {
                const int error = errno;
                ::rename(QFile::encodeName(aside).constData(), to.constData());
                cannotPlace(m_target, error);
            }
            m_building = aside;
        }
        media::syncFolder(QFile::encodeName(QFileInfo(m_target).absolutePath()).toStdString());
        // After an exchange the building folder holds the previous export; without one it is gone.
        QDir(m_building).removeRecursively();
        m_building.clear();
    }

private:
    static QString oldName(const QDir& parent, const QString& name, qint64 pid) {
        return parent.filePath(QStringLiteral(".") + name + QStringLiteral(".old-") + QString::number(pid));
    }

    // Left by a killed export of ours: the pid in the name is gone. A previous set stepped aside and not
    // replaced goes back in place.
    static void removeStaleFolders(const QDir& parent, const QString& name) {
        const QStringList patterns{QStringLiteral(".") + name + QStringLiteral(".partial-*"),
                                   QStringLiteral(".") + name + QStringLiteral(".old-*")};
        for (const QString& stale : parent.entryList(patterns, QDir::Dirs | QDir::Hidden)) {
            const qint64 pid = stale.section(QLatin1Char('-'), -1).toLongLong();
            if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) {
                continue;
            }
            const QString path = parent.filePath(stale);
            if (stale.contains(QStringLiteral(".old-")) && !QFileInfo::exists(parent.filePath(name))) {
                ::rename(QFile::encodeName(path).constData(), QFile::encodeName(parent.filePath(name)).constData());
            } else {
                QDir(path).removeRecursively();
            }
        }
    }

    QString m_target;
    QString m_building;
};

} // namespace

void writeTrainingSet(const PreferenceFile& file, const QString& path, PreferenceFormat format) {
    if (format == PreferenceFormat::PickAPic) {
        const bool csv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
        const QDir folder = QFileInfo(path).absoluteDir();
        QByteArray out = csv ? "prompt,video_0,video_1,model_0,model_1,label_0,label_1\n" : QByteArray();
        for (const PreferencePair& pair : file.pairs) {
            // Both-bad has no place in a two-label layout: it is a tie there.
            const double label0 = pair.verdict == Verdict::A ? 1.0 : pair.verdict == Verdict::B ? 0.0 : 0.5;
            const QString a = folder.relativeFilePath(pair.videoA);
            const QString b = folder.relativeFilePath(pair.videoB);
            if (csv) {
                out += QStringList{csvCell(pair.prompt),         csvCell(a),           csvCell(b),
                                   csvCell(pair.modelA),         csvCell(pair.modelB), QString::number(label0),
                                   QString::number(1.0 - label0)}
                           .join(QLatin1Char(','))
                           .toUtf8() +
                       "\n";
            } else {
                out += line({{QStringLiteral("prompt"), pair.prompt},
                             {QStringLiteral("video_0"), a},
                             {QStringLiteral("video_1"), b},
                             {QStringLiteral("model_0"), pair.modelA},
                             {QStringLiteral("model_1"), pair.modelB},
                             {QStringLiteral("label_0"), label0},
                             {QStringLiteral("label_1"), 1.0 - label0}});
            }
        }
        writeAtomically(path, out);
        return;
    }
    const bool folderLayout = format == PreferenceFormat::VideoFolder;
    std::optional<FolderInPlace> inPlace;
    if (folderLayout) {
        inPlace.emplace(path, file);
    }
    const QDir folder = folderLayout ? QDir(inPlace->building()) : QFileInfo(path).absoluteDir();
    // videofolder: each video copied once, under a name unique in the set.
    QHash<QString, QString> copies;
    const auto place = [&](const QString& video) {
        if (!folderLayout) {
            return folder.relativeFilePath(video);
        }
        if (const auto it = copies.constFind(video); it != copies.constEnd()) {
            return it.value();
        }
        const QString name = QStringLiteral("videos/%1-%2").arg(copies.size()).arg(QFileInfo(video).fileName());
        const QString target = folder.filePath(name);
        if (!QFile::copy(video, target)) {
            throw ImportError(video, 0, QStringLiteral("cannot copy into %1").arg(target));
        }
        copies.insert(video, name);
        return name;
    };
    QByteArray main;
    QList<QJsonObject> tieRows;
    for (const PreferencePair& pair : file.pairs) {
        const bool decisive = pair.verdict == Verdict::A || pair.verdict == Verdict::B;
        if (!decisive) {
            tieRows.append({{QStringLiteral("video_a"), place(pair.videoA)},
                            {QStringLiteral("video_b"), place(pair.videoB)},
                            {QStringLiteral("prompt"), pair.prompt},
                            {QStringLiteral("label"), verdictName(pair.verdict)}});
            continue;
        }
        const QString chosen = place(pair.verdict == Verdict::A ? pair.videoA : pair.videoB);
        const QString rejected = place(pair.verdict == Verdict::A ? pair.videoB : pair.videoA);
        main += folderLayout ? line({{QStringLiteral("chosen_file_name"), chosen},
                                     {QStringLiteral("rejected_file_name"), rejected},
                                     {QStringLiteral("prompt"), pair.prompt}})
                             : line({{QStringLiteral("prompt"), pair.prompt},
                                     {QStringLiteral("chosen"), chosen},
                                     {QStringLiteral("rejected"), rejected}});
    }
    // Each tie names the pairs file it goes with (its SHA-256): the two files of a TRL set are replaced one after
    // the other, and a reader that finds a tie file of another export (one interrupted between them) says so
    // instead of mixing two exports.
    const QString mainHash = QString::fromLatin1(QCryptographicHash::hash(main, QCryptographicHash::Sha256).toHex());
    QByteArray ties;
    for (QJsonObject& row : tieRows) {
        row.insert(QString::fromLatin1(kPairsFileHashField), mainHash);
        ties += line(row);
    }
    if (folderLayout) {
        writeAtomically(folder.filePath(QStringLiteral("metadata.jsonl")), main);
        if (!ties.isEmpty()) {
            writeAtomically(folder.filePath(QStringLiteral("ties.jsonl")), ties);
        }
        inPlace->commit(); // the folder is swapped whole: both files change at once
        return;
    }
    // TRL: new ties first, then the pairs file (the one a trainer opens). Without ties, the old tie file goes
    // after the new pairs file is in place. Stopped between the two steps, the tie file left belongs to the other
    // pairs file, and its hash says so.
    const QString tiesPath = tiesFileOf(path, PreferenceFormat::Trl);
    if (!ties.isEmpty()) {
        writeAtomically(tiesPath, ties);
    }
    writeAtomically(path, main);
    if (ties.isEmpty() && QFileInfo::exists(tiesPath)) {
        if (!QFile::remove(tiesPath)) {
            throw ImportError(tiesPath, 0, QStringLiteral("cannot remove the ties of the previous export"));
        }
        media::syncFolder(QFileInfo(tiesPath).absolutePath().toStdString());
    }
}

} // namespace svj::annotation
