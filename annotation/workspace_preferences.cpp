#include "annotation/workspace_preferences.h"

#include "annotation/csv_writer.h"
#include "annotation/import_error.h"
#include "annotation/preference_formats.h"
#include "annotation/training_sets.h"
#include "annotation/workspace_sql.h"
#include "media/media_error.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace svj::annotation {
namespace {

// A benchmark's spelling of a verdict.
QString spelled(Verdict verdict, PreferenceFormat format) {
    switch (format) {
    case PreferenceFormat::GenAIBench:
        switch (verdict) {
        case Verdict::A:
            return QStringLiteral("leftvote");
        case Verdict::B:
            return QStringLiteral("rightvote");
        case Verdict::Tie:
            return QStringLiteral("tievote");
        case Verdict::BothBad:
            return QStringLiteral("bothbad_vote");
        }
        break;
    case PreferenceFormat::VideoGenRewardBench:
        return verdict == Verdict::A   ? QStringLiteral("A")
               : verdict == Verdict::B ? QStringLiteral("B")
                                       : QStringLiteral("same");
    case PreferenceFormat::MonetBench:
        return verdict == Verdict::A   ? QStringLiteral("video1")
               : verdict == Verdict::B ? QStringLiteral("video2")
                                       : QStringLiteral("same");
    case PreferenceFormat::Jsonl:
    case PreferenceFormat::Csv:
    case PreferenceFormat::Trl:
    case PreferenceFormat::VideoFolder:
    case PreferenceFormat::PickAPic:
        break;
    }
    return verdictName(verdict);
}

} // namespace

ImportReport importPreferenceFile(Workspace& workspace, const PreferenceFile& file, const QString& annotator,
                                  const ImportProgress& progress) {
    const WorkspaceSql sql(workspace);
    const QString who = annotator.isEmpty() ? QStringLiteral("import:") + QFileInfo(file.path).fileName() : annotator;
    ImportReport report;
    LabelStore store(workspace);
    // Hashing and probing happen before the write transaction: a FIFO, a slow share or a huge file named
    // in the file never holds the workspace's write lock. A video named by many rows is examined once.
    QHash<QString, LabelStore::VideoFacts> examined;
    int done = 0;
    for (const PreferencePair& row : file.pairs) {
        ++done;
        for (const QString& path : {row.videoA, row.videoB}) {
            if (examined.contains(path)) {
                continue;
            }
            try {
                examined.insert(path, store.examineVideo(path));
            } catch (const media::MediaError& error) {
                throw ImportError(file.path, row.line, QString::fromStdString(error.what()));
            } catch (const WorkspaceError& error) {
                throw ImportError(file.path, row.line, QString::fromStdString(error.what()));
            }
        }
        if (progress && (done % 64 == 0 || done == file.pairs.size())) {
            progress(done, static_cast<int>(file.pairs.size()));
        }
    }
    workspace.transaction([&] {
        report = {};
        const qint64 videosBefore = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toLongLong();
        const qint64 pairsBefore = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM pairs")).toLongLong();
        // Standing labels by (pair, annotator): a re-import compares against them.
        QHash<QString, StoredLabel> standing;
        for (const StoredLabel& label : store.currentLabels()) {
            standing.insert(QString::number(label.pairId) + QLatin1Char('/') + label.annotator, label);
        }
        QHash<qint64, int> votesOnPair;
        // A video named by many rows is hashed and looked up once.
        QHash<QString, StoredVideo> seen;
        const auto video = [&](const QString& path, const QString& model, const QString& prompt) {
            if (const auto it = seen.constFind(path); it != seen.constEnd()) {
                return it.value();
            }
            const StoredVideo stored = store.addVideo(examined.value(path), model, prompt);
            seen.insert(path, stored);
            return stored;
        };
        for (const PreferencePair& row : file.pairs) {
            ++report.rows;
            StoredVideo a;
            StoredVideo b;
            try {
                a = video(row.videoA, row.modelA, row.prompt);
                b = video(row.videoB, row.modelB, row.prompt);
            } catch (const media::MediaError& error) {
                throw ImportError(file.path, row.line, QString::fromStdString(error.what()));
            } catch (const WorkspaceError& error) {
                throw ImportError(file.path, row.line, QString::fromStdString(error.what()));
            }
            const qint64 pairId =
                store.addPair(a.id, b.id, row.prompt, QStringLiteral("imported"), QFileInfo(file.path).fileName());
            const int vote = ++votesOnPair[pairId];
            LabelInput label;
            label.pairId = pairId;
            label.annotator = vote == 1 ? who : who + QStringLiteral("#") + QString::number(vote);
            label.verdict = row.verdict;
            label.aspects = row.aspects;
            label.secondsSpent = row.secondsSpent;
            label.watchedA = row.watchedA;
            label.watchedB = row.watchedB;
            label.source = QStringLiteral("import:") + file.path;
            const auto it = standing.constFind(QString::number(pairId) + QLatin1Char('/') + label.annotator);
            if (it != standing.constEnd() && it->verdict == label.verdict && it->aspects == label.aspects) {
                ++report.unchangedLabels;
                continue;
            }
            store.addLabel(label);
            ++report.newLabels;
        }
        report.newVideos =
            static_cast<int>(sql.scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toLongLong() - videosBefore);
        report.newPairs =
            static_cast<int>(sql.scalar(QStringLiteral("SELECT COUNT(*) FROM pairs")).toLongLong() - pairsBefore);
    });
    return report;
}

PreferenceFile workspacePreferences(const LabelStore& store) {
    PreferenceFile file;
    QHash<qint64, StoredPair> pairs;
    for (const StoredPair& pair : store.pairs()) {
        pairs.insert(pair.id, pair);
    }
    for (const StoredLabel& label : store.currentLabels()) {
        const StoredPair& pair = pairs[label.pairId];
        PreferencePair row;
        row.videoA = pair.videoA.path;
        row.videoB = pair.videoB.path;
        row.modelA = pair.videoA.model;
        row.modelB = pair.videoB.model;
        row.prompt = pair.prompt;
        row.verdict = label.verdict;
        row.aspects = label.aspects;
        row.secondsSpent = label.secondsSpent;
        row.watchedA = label.watchedA;
        row.watchedB = label.watchedB;
        for (auto it = label.aspects.begin(); it != label.aspects.end(); ++it) {
            if (!file.aspectNames.contains(it.key())) {
                file.aspectNames.append(it.key());
            }
        }
        file.pairs.append(row);
    }
    return file;
}

void writePreferenceFile(const PreferenceFile& file, const QString& path, PreferenceFormat format) {
    const PreferenceFormatRow& layout = preferenceFormatRow(format);
    if (layout.layout == PreferenceLayout::TrainingSet) {
        writeTrainingSet(file, path, format);
        return;
    }
    const QDir folder = QFileInfo(path).absoluteDir();
    const auto relative = [&](const QString& video) {
        const QString inside = folder.relativeFilePath(video);
        return inside.startsWith(QLatin1String("..")) ? video : inside;
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool json =
        format == PreferenceFormat::Jsonl ||
        (format != PreferenceFormat::Csv && (suffix == QLatin1String("jsonl") || suffix == QLatin1String("json")));
    // The format's columns, in order (preference_formats.cpp); our CSV adds a column per aspect.
    QStringList columns = layout.columns;
    if ((format == PreferenceFormat::Jsonl || format == PreferenceFormat::Csv) && !json) {
        for (const QString& aspect : file.aspectNames) {
            columns << QStringLiteral("aspect:") + aspect;
        }
    }
    QByteArray out;
    if (!json) {
        QStringList header;
        for (const QString& column : columns) {
            header << csvCell(column);
        }
        out += header.join(QLatin1Char(',')).toUtf8() + "\n";
    }
    for (const PreferencePair& row : file.pairs) {
        QMap<QString, QString> values;
        const QString a = relative(row.videoA);
        const QString b = relative(row.videoB);
        values[QStringLiteral("prompt")] = row.prompt;
        switch (format) {
        case PreferenceFormat::GenAIBench:
            values[QStringLiteral("left_model")] = row.modelA;
            values[QStringLiteral("left_video")] = a;
            values[QStringLiteral("right_model")] = row.modelB;
            values[QStringLiteral("right_video")] = b;
            values[QStringLiteral("vote_type")] = spelled(row.verdict, format);
            break;
        case PreferenceFormat::VideoGenRewardBench:
            values[QStringLiteral("path_A")] = a;
            values[QStringLiteral("path_B")] = b;
            values[QStringLiteral("A_model")] = row.modelA;
            values[QStringLiteral("B_model")] = row.modelB;
            for (const QString& aspect : {QStringLiteral("VQ"), QStringLiteral("MQ"), QStringLiteral("TA")}) {
                if (row.aspects.contains(aspect)) {
                    values[aspect] = spelled(row.aspects.value(aspect), format);
                }
            }
            values[QStringLiteral("Overall")] = spelled(row.verdict, format);
            break;
        case PreferenceFormat::MonetBench:
            values[QStringLiteral("video1_path")] = a;
            values[QStringLiteral("video2_path")] = b;
            values[QStringLiteral("standard_answer")] = spelled(row.verdict, format);
            break;
        case PreferenceFormat::Jsonl:
        case PreferenceFormat::Csv:
            values[QStringLiteral("video_a")] = a;
            values[QStringLiteral("video_b")] = b;
            values[QStringLiteral("model_a")] = row.modelA;
            values[QStringLiteral("model_b")] = row.modelB;
            values[QStringLiteral("label")] = verdictName(row.verdict);
            for (auto it = row.aspects.begin(); it != row.aspects.end(); ++it) {
                values[QStringLiteral("aspect:") + it.key()] = verdictName(it.value());
            }
            break;
        case PreferenceFormat::Trl:
        case PreferenceFormat::VideoFolder:
        case PreferenceFormat::PickAPic:
            break;
        }
        if (json) {
            QJsonObject object;
            QJsonObject aspects;
            for (const QString& column : columns) {
                object.insert(column, values.value(column));
            }
            if (format == PreferenceFormat::Jsonl || format == PreferenceFormat::Csv) {
                for (auto it = row.aspects.begin(); it != row.aspects.end(); ++it) {
                    aspects.insert(it.key(), verdictName(it.value()));
                }
                if (!aspects.isEmpty()) {
                    object.insert(QStringLiteral("aspects"), aspects);
                }
                // The effort behind the vote, where known (a lead's figures survive the round trip).
                for (const auto& [key, value] :
                     {std::pair{"seconds_spent", row.secondsSpent}, std::pair{"watched_a", row.watchedA},
                      std::pair{"watched_b", row.watchedB}}) {
                    if (value >= 0) {
                        object.insert(QLatin1String(key), value);
                    }
                }
            }
            out += QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n";
        } else {
            QStringList fields;
            for (const QString& column : columns) {
                fields << csvCell(values.value(column));
            }
            out += fields.join(QLatin1Char(',')).toUtf8() + "\n";
        }
    }
    QSaveFile save(path);
    if (!save.open(QIODevice::WriteOnly) || save.write(out) != out.size() || !save.commit()) {
        throw ImportError(path, 0, QStringLiteral("cannot write: ") + save.errorString());
    }
}

} // namespace svj::annotation
