#include "annotation/preference_file.h"

#include "annotation/csv_reader.h"
#include "annotation/csv_writer.h"
#include "annotation/import_error.h"
#include "annotation/preference_formats.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace svj::annotation {
namespace {

// One record, whatever the layout: field name -> text.
struct Row {
    int line = 0;
    QMap<QString, QString> fields;
};

QString readText(const QString& path) {
    QFile file(path);
    if (!file.exists()) {
        throw ImportError(path, 0, QStringLiteral("file not found"));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        throw ImportError(path, 0, QStringLiteral("cannot read: ") + file.errorString());
    }
    return QString::fromUtf8(file.readAll());
}

QVector<Row> csvRows(const QString& text, const QString& path) {
    const QVector<CsvRecord> records = parseCsv(text, path);
    if (records.isEmpty()) {
        throw ImportError(path, 0, QStringLiteral("the file is empty"));
    }
    QStringList header = records.front().fields;
    for (QString& name : header) {
        name = name.trimmed();
    }
    if (!header.isEmpty() && header.front().startsWith(QChar(0xFEFF))) {
        header.front().remove(0, 1); // byte-order mark
    }
    QVector<Row> rows;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        if (record.fields.size() != header.size()) {
            throw ImportError(path, record.line,
                              QStringLiteral("%1 fields where the header has %2 (a stray comma or quote?)")
                                  .arg(record.fields.size())
                                  .arg(header.size()));
        }
        Row row;
        row.line = record.line;
        for (qsizetype c = 0; c < header.size(); ++c) {
            row.fields.insert(header[c], csvCellText(record.fields[c]));
        }
        rows.append(row);
    }
    return rows;
}

QVector<Row> jsonRows(const QString& text, const QString& path) {
    QVector<Row> rows;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty()) {
            continue;
        }
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            throw ImportError(path, int(i) + 1,
                              QStringLiteral("not a JSON object (%1)")
                                  .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                               : QStringLiteral("a JSON value")));
        }
        Row row;
        row.line = int(i) + 1;
        const QJsonObject object = document.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isObject()) {
                // Nested aspect verdicts: {"aspects": {"VQ": "A"}} -> "aspect:VQ".
                const QJsonObject nested = it.value().toObject();
                for (auto n = nested.begin(); n != nested.end(); ++n) {
                    row.fields.insert(it.key() + QLatin1Char(':') + n.key(), n.value().toVariant().toString());
                }
            } else {
                row.fields.insert(it.key(), it.value().toVariant().toString());
            }
        }
        rows.append(row);
    }
    if (rows.isEmpty()) {
        throw ImportError(path, 0, QStringLiteral("the file holds no pairs"));
    }
    return rows;
}

QString field(const Row& row, const QStringList& names, const QString& path, bool required = true) {
    for (const QString& name : names) {
        const auto it = row.fields.find(name);
        if (it != row.fields.end()) {
            return it.value().trimmed();
        }
    }
    if (required) {
        throw ImportError(path, row.line, QStringLiteral("missing column '%1'").arg(names.front()));
    }
    return {};
}

Verdict verdictOf(const Row& row, const QString& text, const QString& column, const QString& path) {
    const std::optional<Verdict> verdict = parseVerdict(text);
    if (!verdict) {
        throw ImportError(path, row.line, QStringLiteral("unknown verdict '%1' in column '%2'").arg(text, column));
    }
    return *verdict;
}

// The overall verdict of a pair rated on aspects only: the side more aspects prefer; a split, or every
// aspect a tie, is a tie; both bad on every aspect is both bad.
Verdict overallFromAspects(const Row& row, const QMap<QString, Verdict>& aspects, const QString& path) {
    if (aspects.isEmpty()) {
        throw ImportError(path, row.line,
                          QStringLiteral("missing column 'Overall', and no VQ / MQ / TA verdict to derive it from"));
    }
    int a = 0;
    int b = 0;
    int bothBad = 0;
    for (const Verdict verdict : aspects) {
        a += verdict == Verdict::A ? 1 : 0;
        b += verdict == Verdict::B ? 1 : 0;
        bothBad += verdict == Verdict::BothBad ? 1 : 0;
    }
    if (bothBad == aspects.size()) {
        return Verdict::BothBad;
    }
    return a > b ? Verdict::A : b > a ? Verdict::B : Verdict::Tie;
}

QString resolve(const QString& video, const Row& row, const QString& column, const QString& path) {
    if (video.isEmpty()) {
        throw ImportError(path, row.line, QStringLiteral("empty video path in column '%1'").arg(column));
    }
    return QDir::cleanPath(QFileInfo(path).absoluteDir().absoluteFilePath(video));
}

} // namespace

QString preferenceFormatName(PreferenceFormat format) {
    return QString::fromLatin1(preferenceFormatRow(format).name);
}

std::optional<PreferenceFormat> parsePreferenceFormat(const QString& name) {
    for (const PreferenceFormatRow& row : preferenceFormats()) {
        if (name.compare(QLatin1String(row.name), Qt::CaseInsensitive) == 0) {
            return row.format;
        }
    }
    return std::nullopt;
}

QString tiesFileOf(const QString& path, PreferenceFormat format) {
    if (format == PreferenceFormat::VideoFolder) {
        return QFileInfo(path).absoluteDir().filePath(QStringLiteral("ties.jsonl"));
    }
    QString stem = path;
    if (stem.endsWith(QLatin1String(".jsonl"))) {
        stem.chop(6);
    }
    return stem + QStringLiteral(".ties.jsonl");
}

PreferenceFile readPreferenceFile(const QString& given, PreferenceFormat format) {
    const QString path = format == PreferenceFormat::VideoFolder && QFileInfo(given).isDir()
                             ? QDir(given).filePath(QStringLiteral("metadata.jsonl"))
                             : given;
    const QString text = readText(path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool jsonLayout =
        format == PreferenceFormat::Jsonl || format == PreferenceFormat::Trl ||
        format == PreferenceFormat::VideoFolder ||
        (format != PreferenceFormat::Csv && (suffix == QLatin1String("jsonl") || suffix == QLatin1String("json")));
    const bool withTies = preferenceFormatRow(format).tiesApart;
    const QString tiesPath = withTies ? tiesFileOf(path, format) : QString();
    const bool haveTies = withTies && QFileInfo::exists(tiesPath);
    // A training set of ties alone has an empty main file.
    QVector<Row> rows;
    if (!(haveTies && text.trimmed().isEmpty())) {
        rows = jsonLayout ? jsonRows(text, path) : csvRows(text, path);
    }
    PreferenceFile file;
    file.path = path;
    file.format = format;
    bool derivedOverall = false;
    const auto readRows = [&](const QVector<Row>& source, const QString& sourcePath, bool ties) {
        for (const Row& row : source) {
            const QString& path = sourcePath;
            PreferencePair pair;
            pair.line = row.line;
            if (ties) {
                pair.videoA =
                    resolve(field(row, {QStringLiteral("video_a")}, path), row, QStringLiteral("video_a"), path);
                pair.videoB =
                    resolve(field(row, {QStringLiteral("video_b")}, path), row, QStringLiteral("video_b"), path);
                pair.prompt = field(row, {QStringLiteral("prompt")}, path, false);
                pair.verdict =
                    verdictOf(row, field(row, {QStringLiteral("label")}, path), QStringLiteral("label"), path);
                file.pairs.append(pair);
                continue;
            }
            switch (format) {
            case PreferenceFormat::Trl:
            case PreferenceFormat::VideoFolder: {
                const QString chosen =
                    format == PreferenceFormat::Trl ? QStringLiteral("chosen") : QStringLiteral("chosen_file_name");
                const QString rejected =
                    format == PreferenceFormat::Trl ? QStringLiteral("rejected") : QStringLiteral("rejected_file_name");
                pair.videoA = resolve(field(row, {chosen}, path), row, chosen, path);
                pair.videoB = resolve(field(row, {rejected}, path), row, rejected, path);
                pair.prompt = field(row, {QStringLiteral("prompt")}, path, false);
                pair.verdict = Verdict::A;
                break;
            }
            case PreferenceFormat::PickAPic: {
                pair.videoA =
                    resolve(field(row, {QStringLiteral("video_0")}, path), row, QStringLiteral("video_0"), path);
                pair.videoB =
                    resolve(field(row, {QStringLiteral("video_1")}, path), row, QStringLiteral("video_1"), path);
                pair.modelA = field(row, {QStringLiteral("model_0")}, path, false);
                pair.modelB = field(row, {QStringLiteral("model_1")}, path, false);
                pair.prompt = field(row, {QStringLiteral("prompt")}, path, false);
                bool ok0 = false;
                bool ok1 = false;
                const double label0 = field(row, {QStringLiteral("label_0")}, path).toDouble(&ok0);
                const double label1 = field(row, {QStringLiteral("label_1")}, path).toDouble(&ok1);
                if (!ok0 || !ok1 || std::abs(label0 + label1 - 1.0) > 1e-6 || label0 < 0 || label1 < 0) {
                    throw ImportError(path, row.line,
                                      QStringLiteral("label_0 and label_1 must be numbers summing to 1 "
                                                     "(1 / 0, 0 / 1 or 0.5 / 0.5)"));
                }
                pair.verdict = label0 > label1 ? Verdict::A : label1 > label0 ? Verdict::B : Verdict::Tie;
                break;
            }
            case PreferenceFormat::GenAIBench: {
                pair.prompt = field(row, {QStringLiteral("prompt")}, path, false);
                pair.modelA = field(row, {QStringLiteral("left_model")}, path, false);
                pair.modelB = field(row, {QStringLiteral("right_model")}, path, false);
                // `left_video_path` / `right_video_path`: the spelling of some public evaluation scripts.
                pair.videoA =
                    resolve(field(row, {QStringLiteral("left_video"), QStringLiteral("left_video_path")}, path), row,
                            QStringLiteral("left_video"), path);
                pair.videoB =
                    resolve(field(row, {QStringLiteral("right_video"), QStringLiteral("right_video_path")}, path), row,
                            QStringLiteral("right_video"), path);
                pair.verdict =
                    verdictOf(row, field(row, {QStringLiteral("vote_type")}, path), QStringLiteral("vote_type"), path);
                break;
            }
            case PreferenceFormat::VideoGenRewardBench: {
                pair.prompt = field(row, {QStringLiteral("prompt")}, path, false);
                pair.modelA = field(row, {QStringLiteral("A_model")}, path, false);
                pair.modelB = field(row, {QStringLiteral("B_model")}, path, false);
                pair.videoA =
                    resolve(field(row, {QStringLiteral("path_A")}, path), row, QStringLiteral("path_A"), path);
                pair.videoB =
                    resolve(field(row, {QStringLiteral("path_B")}, path), row, QStringLiteral("path_B"), path);
                for (const QString& aspect : {QStringLiteral("VQ"), QStringLiteral("MQ"), QStringLiteral("TA")}) {
                    const QString value = field(row, {aspect}, path, false);
                    if (!value.isEmpty()) {
                        pair.aspects.insert(aspect, verdictOf(row, value, aspect, path));
                    }
                }
                if (row.fields.contains(QStringLiteral("Overall"))) {
                    pair.verdict =
                        verdictOf(row, field(row, {QStringLiteral("Overall")}, path), QStringLiteral("Overall"), path);
                } else {
                    // VideoAlign's training CSV: the same columns without Overall.
                    pair.verdict = overallFromAspects(row, pair.aspects, path);
                    derivedOverall = true;
                }
                break;
            }
            case PreferenceFormat::MonetBench: {
                pair.videoA = resolve(field(row, {QStringLiteral("video1_path")}, path), row,
                                      QStringLiteral("video1_path"), path);
                pair.videoB = resolve(field(row, {QStringLiteral("video2_path")}, path), row,
                                      QStringLiteral("video2_path"), path);
                pair.prompt = field(row, {QStringLiteral("prompt")}, path, false);
                pair.verdict = verdictOf(row, field(row, {QStringLiteral("standard_answer")}, path),
                                         QStringLiteral("standard_answer"), path);
                break;
            }
            case PreferenceFormat::Jsonl:
            case PreferenceFormat::Csv: {
                pair.videoA =
                    resolve(field(row, {QStringLiteral("video_a")}, path), row, QStringLiteral("video_a"), path);
                pair.videoB =
                    resolve(field(row, {QStringLiteral("video_b")}, path), row, QStringLiteral("video_b"), path);
                pair.modelA = field(row, {QStringLiteral("model_a")}, path, false);
                pair.modelB = field(row, {QStringLiteral("model_b")}, path, false);
                pair.prompt = field(row, {QStringLiteral("prompt")}, path, false);
                pair.verdict = verdictOf(row, field(row, {QStringLiteral("label"), QStringLiteral("verdict")}, path),
                                         QStringLiteral("label"), path);
                const auto effort = [&](const char* key) {
                    bool number = false;
                    const double value = row.fields.value(QLatin1String(key)).toDouble(&number);
                    return number && value >= 0 ? value : -1.0;
                };
                pair.secondsSpent = effort("seconds_spent");
                pair.watchedA = effort("watched_a");
                pair.watchedB = effort("watched_b");
                for (auto it = row.fields.begin(); it != row.fields.end(); ++it) {
                    // Aspect verdicts: {"aspects": {"VQ": "A"}} in JSONL, columns "aspect:VQ" in CSV.
                    if (it.key().startsWith(QLatin1String("aspects:")) ||
                        it.key().startsWith(QLatin1String("aspect:"))) {
                        const QString aspect = it.key().section(QLatin1Char(':'), 1);
                        if (!it.value().trimmed().isEmpty()) {
                            pair.aspects.insert(aspect, verdictOf(row, it.value(), it.key(), path));
                        }
                    }
                }
                break;
            }
            }
            for (auto it = pair.aspects.begin(); it != pair.aspects.end(); ++it) {
                if (!file.aspectNames.contains(it.key())) {
                    file.aspectNames.append(it.key());
                }
            }
            file.pairs.append(pair);
        }
    };
    readRows(rows, path, false);
    if (derivedOverall) {
        file.notes.append(QStringLiteral("%1 has no 'Overall' column (VideoAlign's training layout): each pair's "
                                         "overall verdict is the majority of its VQ / MQ / TA verdicts, a split "
                                         "or all 'same' a tie")
                              .arg(path));
    }
    if (haveTies) {
        const QVector<Row> tieRows = jsonRows(readText(tiesPath), tiesPath);
        QString pairsHash;
        for (const Row& row : tieRows) {
            const QString belongsTo = row.fields.value(QString::fromLatin1(kPairsFileHashField));
            if (belongsTo.isEmpty()) {
                continue; // written before ties named their pairs file
            }
            if (pairsHash.isEmpty()) {
                QFile pairs(path);
                if (!pairs.open(QIODevice::ReadOnly)) {
                    throw ImportError(path, 0, QStringLiteral("cannot read it again: %1").arg(pairs.errorString()));
                }
                pairsHash =
                    QString::fromLatin1(QCryptographicHash::hash(pairs.readAll(), QCryptographicHash::Sha256).toHex());
            }
            if (belongsTo != pairsHash) {
                throw ImportError(tiesPath, row.line,
                                  QStringLiteral("belongs to another version of %1 (an export stopped between its two "
                                                 "files?): export again, or remove this file to read the pairs alone")
                                      .arg(QFileInfo(path).fileName()));
            }
        }
        readRows(tieRows, tiesPath, true);
    }
    return file;
}

} // namespace svj::annotation
