#include "annotation/label_store.h"

#include "annotation/workspace_sql.h"
#include "media/video_probe.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace svj::annotation {
namespace {

constexpr qint64 kHashedBytes = 4 * 1024 * 1024;

QString aspectsJson(const QMap<QString, Verdict>& aspects) {
    if (aspects.isEmpty()) {
        return {};
    }
    QJsonObject object;
    for (auto it = aspects.begin(); it != aspects.end(); ++it) {
        object.insert(it.key(), verdictName(it.value()));
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QVariant nullable(double value) {
    return value < 0 ? QVariant() : QVariant(value);
}

} // namespace

QMap<QString, Verdict> parseAspectVerdicts(const QString& json) {
    QMap<QString, Verdict> aspects;
    if (json.isEmpty()) {
        return aspects;
    }
    const auto add = [&](const QString& name, const QString& value) {
        if (const std::optional<Verdict> verdict = parseVerdict(value)) {
            aspects.insert(name, *verdict);
        }
    };
    // As we write them (compact, no escapes): quoted strings alternate name, value. Anything else is parsed
    // as JSON. Reading 100,000 labels spends its time here otherwise.
    if (!json.contains(QLatin1Char('\\')) && !json.contains(QLatin1Char(' '))) {
        const QStringList parts = json.split(QLatin1Char('"'));
        for (qsizetype i = 1; i + 2 < parts.size(); i += 4) {
            add(parts[i], parts[i + 2]);
        }
        return aspects;
    }
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        add(it.key(), it.value().toString());
    }
    return aspects;
}

LabelStore::LabelStore(Workspace& workspace)
    : m_workspace(workspace) {}

QString LabelStore::contentHash(const QString& path) {
    // Opening a FIFO for reading blocks until a writer comes; a device never ends. Only regular files.
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0) {
        throw WorkspaceError(path,
                             QStringLiteral("cannot read the file: ") + QString::fromLocal8Bit(std::strerror(errno)));
    }
    if (!S_ISREG(status.st_mode)) {
        throw WorkspaceError(path, QStringLiteral("not a regular file (a pipe, a device or a folder): refused unread"));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw WorkspaceError(path, QStringLiteral("cannot read the file: ") + file.errorString());
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const qint64 size = file.size();
    hash.addData(QByteArray::number(size));
    hash.addData(file.read(kHashedBytes));
    if (size > 2 * kHashedBytes) {
        file.seek(size - kHashedBytes);
        hash.addData(file.read(kHashedBytes));
    } else if (size > kHashedBytes) {
        hash.addData(file.readAll());
    }
    return QString::fromLatin1(hash.result().toHex());
}

qint64 LabelStore::promptId(const QString& prompt) {
    const WorkspaceSql sql(m_workspace);
    if (prompt.isEmpty()) {
        return 0;
    }
    sql.run(QStringLiteral("INSERT INTO prompts (text) VALUES (?) ON CONFLICT DO NOTHING"), {prompt});
    return sql.scalar(QStringLiteral("SELECT id FROM prompts WHERE text = ?"), {prompt}).toLongLong();
}

qint64 LabelStore::annotatorId(const QString& name) {
    const WorkspaceSql sql(m_workspace);
    sql.run(QStringLiteral("INSERT INTO annotators (name) VALUES (?) ON CONFLICT DO NOTHING"), {name});
    return sql.scalar(QStringLiteral("SELECT id FROM annotators WHERE name = ?"), {name}).toLongLong();
}

StoredVideo LabelStore::videoFromQuery(const QSqlQuery& query, int first) const {
    StoredVideo video;
    video.id = query.value(first).toLongLong();
    video.path = query.value(first + 1).toString();
    video.contentHash = query.value(first + 2).toString();
    video.durationSeconds = query.value(first + 3).toDouble();
    video.fps = query.value(first + 4).toDouble();
    video.width = query.value(first + 5).toInt();
    video.height = query.value(first + 6).toInt();
    video.frameCount = query.value(first + 7).toLongLong();
    video.model = query.value(first + 8).toString();
    return video;
}

LabelStore::VideoFacts LabelStore::examineVideo(const QString& path) const {
    const WorkspaceSql sql(m_workspace);
    VideoFacts facts;
    facts.path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    facts.contentHash = contentHash(facts.path);
    const bool known =
        sql.scalar(QStringLiteral("SELECT id FROM videos WHERE content_hash = ?"), {facts.contentHash}).isValid();
    if (!known) {
        facts.info = media::probeVideo(facts.path.toStdString());
    }
    return facts;
}

StoredVideo LabelStore::addVideo(const QString& path, const QString& model, const QString& prompt) {
    return addVideo(examineVideo(path), model, prompt);
}

StoredVideo LabelStore::addVideo(const VideoFacts& facts, const QString& model, const QString& prompt) {
    const WorkspaceSql sql(m_workspace);
    const QString& absolute = facts.path;
    const QString& hash = facts.contentHash;
    const QString columns =
        QStringLiteral("id, path, content_hash, duration_s, fps, width, height, frame_count, model");
    QSqlQuery found = sql.exec(QStringLiteral("SELECT %1 FROM videos WHERE content_hash = ?").arg(columns), {hash});
    if (found.next()) {
        StoredVideo video = videoFromQuery(found, 0);
        if (video.path != absolute) {
            // The same content somewhere else: the file moved (or is a copy); the newest path wins.
            sql.exec(QStringLiteral("UPDATE videos SET path = ? WHERE id = ?"), {absolute, video.id});
            video.path = absolute;
        }
        return video;
    }
    // Examined while another writer added the same content, or never probed: probe now.
    const media::VideoInfo info = facts.info ? *facts.info : media::probeVideo(absolute.toStdString());
    StoredVideo video;
    video.path = absolute;
    video.contentHash = hash;
    video.durationSeconds = info.durationSeconds;
    video.fps = info.frameRate.value();
    video.width = info.displayWidth();
    video.height = info.displayHeight();
    video.frameCount = info.frameCount;
    video.model = model;
    const qint64 prompt_ = promptId(prompt);
    video.id = sql.insert(
        QStringLiteral("INSERT INTO videos (path, content_hash, duration_s, fps, width, height, frame_count, model, "
                       "prompt_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {absolute, hash, video.durationSeconds, video.fps, video.width, video.height, video.frameCount,
         model.isEmpty() ? QVariant() : QVariant(model), prompt_ ? QVariant(prompt_) : QVariant(),
         m_workspace.timestamp()});
    return video;
}

qint64 LabelStore::addPair(qint64 videoA, qint64 videoB, const QString& prompt, const QString& origin,
                           const QString& source) {
    const WorkspaceSql sql(m_workspace);
    const QVariant existing =
        sql.scalar(QStringLiteral("SELECT id FROM pairs WHERE video_a = ? AND video_b = ?"), {videoA, videoB});
    if (existing.isValid()) {
        return existing.toLongLong();
    }
    const qint64 prompt_ = promptId(prompt);
    return sql.insert(QStringLiteral("INSERT INTO pairs (video_a, video_b, prompt_id, origin, source, "
                                     "created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                      {videoA, videoB, prompt_ ? QVariant(prompt_) : QVariant(), origin,
                       source.isEmpty() ? QVariant() : QVariant(source), m_workspace.timestamp()});
}

qint64 LabelStore::addLabel(const LabelInput& label) {
    const WorkspaceSql sql(m_workspace);
    if (!sql.scalar(QStringLiteral("SELECT id FROM pairs WHERE id = ?"), {label.pairId}).isValid()) {
        throw WorkspaceError(m_workspace.path(), QStringLiteral("no pair %1 in this workspace").arg(label.pairId));
    }
    if (label.annotator.trimmed().isEmpty()) {
        throw WorkspaceError(m_workspace.path(), QStringLiteral("a label needs an annotator"));
    }
    const qint64 annotator = annotatorId(m_workspace.identity(label.annotator.trimmed()));
    if (!m_workspace.teamRole().isEmpty() && label.annotator.trimmed() != m_workspace.teamRole()) {
        // A team workspace labels as the login role; the name asked for is kept as its display name.
        sql.run(
            QStringLiteral("UPDATE annotators SET display_name = ? WHERE id = ? AND display_name IS DISTINCT FROM ?"),
            {label.annotator.trimmed(), annotator, label.annotator.trimmed()});
    }
    // The annotator's standing label on this pair, if any: the new row supersedes it.
    const QVariant previous =
        sql.scalar(QStringLiteral("SELECT id FROM labels l WHERE pair_id = ? AND annotator_id = ? AND NOT EXISTS "
                                  "(SELECT 1 FROM labels s WHERE s.supersedes = l.id) ORDER BY id DESC LIMIT 1"),
                   {label.pairId, annotator});
    const QString aspects = aspectsJson(label.aspects);
    // The annotator's queue item for this pair is done (the queue then never scans it again).
    sql.run(QStringLiteral("UPDATE assignments SET state = 'done' WHERE pair_id = ? AND annotator_id = ? "
                           "AND state = 'open'"),
            {label.pairId, annotator});
    return sql.insert(
        QStringLiteral("INSERT INTO labels (pair_id, annotator_id, verdict, aspects, evidence, comment, watched_a, "
                       "watched_b, seconds_spent, a_on_left, supersedes, source, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {label.pairId, annotator, verdictName(label.verdict), aspects.isEmpty() ? QVariant() : QVariant(aspects),
         label.evidenceJson.isEmpty() ? QVariant() : QVariant(label.evidenceJson),
         label.comment.isEmpty() ? QVariant() : QVariant(label.comment), nullable(label.watchedA),
         nullable(label.watchedB), nullable(label.secondsSpent),
         label.aOnLeft ? QVariant(*label.aOnLeft ? 1 : 0) : QVariant(), previous,
         label.source.isEmpty() ? QVariant() : QVariant(label.source), m_workspace.timestamp()});
}

qint64 LabelStore::undoLabel(qint64 labelId) {
    const WorkspaceSql sql(m_workspace);
    QSqlQuery query = sql.exec(
        QStringLiteral("SELECT pair_id, annotator_id, verdict, EXISTS (SELECT 1 FROM labels s WHERE s.supersedes = "
                       "l.id) FROM labels l WHERE id = ?"),
        {labelId});
    if (!query.next()) {
        throw WorkspaceError(m_workspace.path(), QStringLiteral("no label %1 in this workspace").arg(labelId));
    }
    if (query.value(3).toBool() || query.value(2).toString() == QLatin1String("undone")) {
        throw WorkspaceError(
            m_workspace.path(),
            QStringLiteral("label %1 is no longer the standing one (it was corrected or undone)").arg(labelId));
    }
    // Its queue item is open again.
    sql.run(QStringLiteral("UPDATE assignments SET state = 'open' WHERE pair_id = ? AND annotator_id = ? "
                           "AND state = 'done'"),
            {query.value(0), query.value(1)});
    return sql.insert(QStringLiteral("INSERT INTO labels (pair_id, annotator_id, verdict, supersedes, source, "
                                     "created_at) VALUES (?, ?, 'undone', ?, 'undo', ?)"),
                      {query.value(0), query.value(1), labelId, m_workspace.timestamp()});
}

namespace {
const char* const kPairSelect =
    "SELECT p.id, p.origin, p.source, pr.text, "
    "a.id, a.path, a.content_hash, a.duration_s, a.fps, a.width, a.height, a.frame_count, a.model, "
    "b.id, b.path, b.content_hash, b.duration_s, b.fps, b.width, b.height, b.frame_count, b.model "
    "FROM pairs p JOIN videos a ON a.id = p.video_a JOIN videos b ON b.id = p.video_b "
    "LEFT JOIN prompts pr ON pr.id = p.prompt_id";
} // namespace

QVector<StoredPair> LabelStore::pairs() const {
    const WorkspaceSql sql(m_workspace);
    QVector<StoredPair> result;
    QSqlQuery query = sql.exec(QString::fromLatin1(kPairSelect) + QStringLiteral(" ORDER BY p.id"));
    while (query.next()) {
        StoredPair pair;
        pair.id = query.value(0).toLongLong();
        pair.origin = query.value(1).toString();
        pair.source = query.value(2).toString();
        pair.prompt = query.value(3).toString();
        pair.videoA = videoFromQuery(query, 4);
        pair.videoB = videoFromQuery(query, 13);
        result.append(pair);
    }
    return result;
}

std::optional<StoredPair> LabelStore::pair(qint64 id) const {
    for (const StoredPair& pair : pairs()) {
        if (pair.id == id) {
            return pair;
        }
    }
    return std::nullopt;
}

QVector<StoredLabel> LabelStore::currentLabels() const {
    const WorkspaceSql sql(m_workspace);
    QVector<StoredLabel> result;
    QSqlQuery query = sql.exec(
        QStringLiteral("SELECT l.id, l.pair_id, an.name, l.verdict, l.aspects, l.comment, l.supersedes, l.created_at, "
                       "l.seconds_spent, l.watched_a, l.watched_b "
                       "FROM labels l JOIN annotators an ON an.id = l.annotator_id "
                       "WHERE l.verdict <> 'undone' AND NOT EXISTS (SELECT 1 FROM labels s WHERE s.supersedes = l.id) "
                       "ORDER BY l.pair_id, l.id"));
    while (query.next()) {
        StoredLabel label;
        label.id = query.value(0).toLongLong();
        label.pairId = query.value(1).toLongLong();
        label.annotator = query.value(2).toString();
        label.verdict = parseVerdict(query.value(3).toString()).value_or(Verdict::Tie);
        label.aspects = parseAspectVerdicts(query.value(4).toString());
        label.comment = query.value(5).toString();
        label.supersedes = query.value(6).toLongLong();
        label.createdAt = query.value(7).toString();
        label.secondsSpent = query.value(8).isNull() ? -1.0 : query.value(8).toDouble();
        label.watchedA = query.value(9).isNull() ? -1.0 : query.value(9).toDouble();
        label.watchedB = query.value(10).isNull() ? -1.0 : query.value(10).toDouble();
        result.append(label);
    }
    return result;
}

qint64 LabelStore::labelRows() const {
    return WorkspaceSql(m_workspace).scalar(QStringLiteral("SELECT COUNT(*) FROM labels")).toLongLong();
}

qint64 LabelStore::videoRows() const {
    return WorkspaceSql(m_workspace).scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toLongLong();
}

qint64 LabelStore::pairRows() const {
    return WorkspaceSql(m_workspace).scalar(QStringLiteral("SELECT COUNT(*) FROM pairs")).toLongLong();
}

} // namespace svj::annotation
