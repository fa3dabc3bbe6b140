#include "annotation/pairing.h"

#include "annotation/csv_reader.h"
#include "annotation/import_error.h"
#include "annotation/label_store.h"
#include "annotation/workspace_sql.h"
#include "media/media_error.h"
#include "media/video_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <vector>

namespace svj::annotation {
namespace {

struct Entry {
    QString path;
    QString model;
    QString prompt;
    int line = 0;
};

std::vector<Entry> manifestEntries(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw ImportError(path, 0, QStringLiteral("cannot read the manifest"));
    }
    const QString text = QString::fromUtf8(file.readAll());
    const QDir base = QFileInfo(path).absoluteDir();
    std::vector<Entry> entries;
    const auto resolved = [&](const QString& video) { return QDir::cleanPath(base.absoluteFilePath(video)); };
    if (path.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive) ||
        path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        int line = 0;
        for (const QString& row : text.split(QLatin1Char('\n'))) {
            ++line;
            if (row.trimmed().isEmpty()) {
                continue;
            }
            QJsonParseError error{};
            const QJsonObject object = QJsonDocument::fromJson(row.toUtf8(), &error).object();
            const QString video =
                object.value(QStringLiteral("path")).toString(object.value(QStringLiteral("video")).toString());
            if (error.error != QJsonParseError::NoError || video.isEmpty()) {
                throw ImportError(path, line, QStringLiteral("needs a JSON object with \"path\""));
            }
            entries.push_back({resolved(video), object.value(QStringLiteral("model")).toString(),
                               object.value(QStringLiteral("prompt")).toString(), line});
        }
        return entries;
    }
    const QVector<CsvRecord> records = parseCsv(text, path);
    if (records.isEmpty()) {
        return entries;
    }
    const QStringList header = records.front().fields;
    const qsizetype pathColumn =
        std::max(header.indexOf(QStringLiteral("path")), header.indexOf(QStringLiteral("video")));
    if (pathColumn < 0) {
        throw ImportError(path, records.front().line, QStringLiteral("the header needs a 'path' column"));
    }
    const qsizetype modelColumn = header.indexOf(QStringLiteral("model"));
    const qsizetype promptColumn = header.indexOf(QStringLiteral("prompt"));
    for (qsizetype i = 1; i < records.size(); ++i) {
        const CsvRecord& record = records[i];
        if (record.fields.size() != header.size()) {
            throw ImportError(
                path, record.line,
                QStringLiteral("%1 fields where the header has %2").arg(record.fields.size()).arg(header.size()));
        }
        entries.push_back({resolved(record.fields[pathColumn]),
                           modelColumn >= 0 ? record.fields[modelColumn] : QString(),
                           promptColumn >= 0 ? record.fields[promptColumn] : QString(), record.line});
    }
    return entries;
}

} // namespace

VideoImportReport importVideos(Workspace& workspace, const QString& folderOrManifest, const ImportProgress& progress) {
    const WorkspaceSql sql(workspace);
    std::vector<Entry> entries;
    const QFileInfo info(folderOrManifest);
    if (info.isDir()) {
        const QDir root(info.absoluteFilePath());
        for (const std::string& file : media::listVideoFiles(folderOrManifest.toStdString())) {
            const QString path = QDir::cleanPath(QFileInfo(QString::fromStdString(file)).absoluteFilePath());
            const QString relative = root.relativeFilePath(path);
            // ROOT/MODEL/PROMPT.mp4: the first folder names the generator, the stem the prompt.
            const QString model =
                relative.contains(QLatin1Char('/')) ? relative.section(QLatin1Char('/'), 0, 0) : QString();
            entries.push_back({path, model, QFileInfo(path).completeBaseName(), 0});
        }
    } else {
        entries = manifestEntries(folderOrManifest);
    }
    // Every listed file exists, or the manifest's line is named (before anything is written).
    for (const Entry& entry : entries) {
        if (entry.line > 0 && !QFileInfo(entry.path).isFile()) {
            throw ImportError(folderOrManifest, entry.line, QStringLiteral("%1: no such file").arg(entry.path));
        }
    }
    VideoImportReport report;
    LabelStore store(workspace);
    // Every file is hashed and probed before the write transaction: a slow disk or a hostile file never
    // holds the workspace's write lock (the progress covers this part, the writing is quick).
    std::vector<LabelStore::VideoFacts> facts;
    facts.reserve(entries.size());
    for (const Entry& entry : entries) {
        try {
            facts.push_back(store.examineVideo(entry.path));
        } catch (const media::MediaError& error) {
            throw ImportError(entry.line > 0 ? folderOrManifest : entry.path, entry.line,
                              QString::fromStdString(error.what()));
        } catch (const WorkspaceError& error) {
            throw ImportError(entry.line > 0 ? folderOrManifest : entry.path, entry.line,
                              QString::fromStdString(error.what()));
        }
        if (progress) {
            progress(static_cast<int>(facts.size()), static_cast<int>(entries.size()));
        }
    }
    workspace.transaction([&] {
        const qint64 before = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toLongLong();
        report = {};
        for (size_t e = 0; e < entries.size(); ++e) {
            const Entry& entry = entries[e];
            try {
                const StoredVideo video = store.addVideo(facts[e], entry.model, entry.prompt);
                // A known video takes the manifest's model and prompt when it had none.
                sql.exec(QStringLiteral("UPDATE videos SET model = COALESCE(model, NULLIF(?, '')) WHERE id = ?"),
                         {entry.model, video.id});
                if (!entry.prompt.isEmpty()) {
                    sql.exec(QStringLiteral("INSERT INTO prompts (text) VALUES (?) ON CONFLICT DO NOTHING"),
                             {entry.prompt});
                    sql.exec(QStringLiteral("UPDATE videos SET prompt_id = COALESCE(prompt_id, (SELECT id FROM "
                                            "prompts WHERE text = ?)) WHERE id = ?"),
                             {entry.prompt, video.id});
                }
            } catch (const media::MediaError& error) {
                throw ImportError(entry.line > 0 ? folderOrManifest : entry.path, entry.line,
                                  QString::fromStdString(error.what()));
            }
            ++report.videos;
        }
        report.newVideos =
            static_cast<int>(sql.scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toLongLong() - before);
    });
    return report;
}

int makePairs(Workspace& workspace, const PairingOptions& options) {
    const WorkspaceSql sql(workspace);
    struct Video {
        qint64 id;
        QString model;
        qint64 prompt;
        double score;
        bool scored;
    };
    std::vector<Video> videos;
    QSqlQuery query = sql.exec(QStringLiteral(
        "SELECT v.id, COALESCE(v.model, ''), COALESCE(v.prompt_id, 0), "
        "(SELECT COALESCE(s.reward, -s.energy) FROM judge_scores s WHERE s.video_id = v.id ORDER BY s.id DESC LIMIT 1) "
        "FROM videos v WHERE COALESCE(v.model, '') <> '' ORDER BY v.id"));
    while (query.next()) {
        videos.push_back({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toLongLong(),
                          query.value(3).toDouble(), !query.value(3).isNull()});
    }
    QSet<QString> existing;
    QSqlQuery pairs = sql.exec(QStringLiteral("SELECT video_a, video_b FROM pairs"));
    while (pairs.next()) {
        const qint64 a = pairs.value(0).toLongLong();
        const qint64 b = pairs.value(1).toLongLong();
        existing.insert(QStringLiteral("%1-%2").arg(std::min(a, b)).arg(std::max(a, b)));
    }
    // Candidates as index pairs into `videos`.
    std::vector<std::pair<size_t, size_t>> candidates;
    if (options.mode == PairingMode::RoundRobin) {
        std::map<QString, std::vector<size_t>> byModel;
        for (size_t i = 0; i < videos.size(); ++i) {
            byModel[videos[i].model].push_back(i);
        }
        std::vector<QString> models;
        for (const auto& [model, list] : byModel) {
            models.push_back(model);
        }
        for (size_t m = 0; m < models.size(); ++m) {
            for (size_t n = m + 1; n < models.size(); ++n) {
                const std::vector<size_t>& first = byModel[models[m]];
                const std::vector<size_t>& second = byModel[models[n]];
                const size_t rounds = std::max(first.size(), second.size());
                for (size_t r = 0; r < rounds; ++r) {
                    candidates.emplace_back(first[r % first.size()], second[r % second.size()]);
                }
            }
        }
    } else {
        for (size_t i = 0; i < videos.size(); ++i) {
            for (size_t j = i + 1; j < videos.size(); ++j) {
                if (videos[i].prompt != 0 && videos[i].prompt == videos[j].prompt &&
                    videos[i].model != videos[j].model) {
                    candidates.emplace_back(i, j);
                }
            }
        }
    }
    std::mt19937_64 random(options.seed);
    std::shuffle(candidates.begin(), candidates.end(), random);
    if (options.mode == PairingMode::Uncertain) {
        // Only pairs the judge scored, the smallest |margin| first: where a human label teaches it most.
        candidates.erase(
            std::remove_if(candidates.begin(), candidates.end(),
                           [&](const auto& c) { return !videos[c.first].scored || !videos[c.second].scored; }),
            candidates.end());
        std::stable_sort(candidates.begin(), candidates.end(), [&](const auto& x, const auto& y) {
            return std::abs(videos[x.first].score - videos[x.second].score) <
                   std::abs(videos[y.first].score - videos[y.second].score);
        });
    }
    LabelStore store(workspace);
    int added = 0;
    workspace.transaction([&] {
        for (const auto& [i, j] : candidates) {
            if (options.limit > 0 && added >= options.limit) {
                break;
            }
            const qint64 a = videos[i].id;
            const qint64 b = videos[j].id;
            const QString key = QStringLiteral("%1-%2").arg(std::min(a, b)).arg(std::max(a, b));
            if (existing.contains(key)) {
                continue;
            }
            existing.insert(key);
            const bool swap = std::uniform_int_distribution<int>(0, 1)(random) == 1;
            const QVariant prompt =
                sql.scalar(QStringLiteral("SELECT text FROM prompts WHERE id = ?"), {videos[i].prompt});
            store.addPair(swap ? b : a, swap ? a : b, prompt.toString(), QStringLiteral("auto"),
                          options.mode == PairingMode::SamePrompt   ? QStringLiteral("same-prompt")
                          : options.mode == PairingMode::RoundRobin ? QStringLiteral("round-robin")
                                                                    : QStringLiteral("uncertain"));
            ++added;
        }
    });
    return added;
}

} // namespace svj::annotation
