#include "annotation/training_sets.h"

#include "annotation/csv_writer.h"
#include "annotation/import_error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

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
    QDir folder = folderLayout ? QDir(path) : QFileInfo(path).absoluteDir();
    if (folderLayout && !QDir().mkpath(folder.filePath(QStringLiteral("videos")))) {
        throw ImportError(path, 0, QStringLiteral("cannot create the folder"));
    }
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
        QFile::remove(target);
        if (!QFile::copy(video, target)) {
            throw ImportError(video, 0, QStringLiteral("cannot copy into %1").arg(target));
        }
        copies.insert(video, name);
        return name;
    };
    QByteArray main;
    QByteArray ties;
    for (const PreferencePair& pair : file.pairs) {
        const bool decisive = pair.verdict == Verdict::A || pair.verdict == Verdict::B;
        if (!decisive) {
            ties += line({{QStringLiteral("video_a"), place(pair.videoA)},
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
    QString tiesPath;
    if (folderLayout) {
        writeAtomically(folder.filePath(QStringLiteral("metadata.jsonl")), main);
        tiesPath = folder.filePath(QStringLiteral("ties.jsonl"));
    } else {
        writeAtomically(path, main);
        QString stem = path;
        if (stem.endsWith(QLatin1String(".jsonl"))) {
            stem.chop(6);
        }
        tiesPath = stem + QStringLiteral(".ties.jsonl");
    }
    if (ties.isEmpty()) {
        QFile::remove(tiesPath);
    } else {
        writeAtomically(tiesPath, ties);
    }
}

} // namespace svj::annotation
