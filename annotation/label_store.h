// The label store on a workspace: videos (probed, content-hashed so a moved file is found again), pairs,
// annotators and append-only labels (a correction or an undo is a new row that supersedes an older one).
#pragma once

#include "annotation/verdict.h"
#include "annotation/workspace.h"
#include "media/video_info.h"

#include <QMap>
#include <QString>
#include <QVector>

#include <optional>

namespace svj::annotation {

struct StoredVideo {
    qint64 id = 0;
    QString path;
    QString contentHash;
    double durationSeconds = 0.0;
    double fps = 0.0;
    int width = 0;
    int height = 0;
    qint64 frameCount = 0;
    QString model;
};

struct StoredPair {
    qint64 id = 0;
    StoredVideo videoA;
    StoredVideo videoB;
    QString prompt;
    QString origin; // "imported", "auto", "gold"
    QString source; // the file it was imported from, ...
};

struct LabelInput {
    qint64 pairId = 0;
    QString annotator;
    Verdict verdict = Verdict::Tie;
    QMap<QString, Verdict> aspects;
    QString comment;
    QString evidenceJson;   // [{"t": seconds, "side": "A", "note": "..."}], as the GUI records it
    double watchedA = -1.0; // fraction of A watched, -1 unknown
    double watchedB = -1.0;
    double secondsSpent = -1.0;
    std::optional<bool> aOnLeft; // which side A was shown on
    QString source;              // "svj db label", "import:FILE", "workbench"
};

struct StoredLabel {
    qint64 id = 0;
    qint64 pairId = 0;
    QString annotator;
    Verdict verdict = Verdict::Tie;
    QMap<QString, Verdict> aspects;
    QString comment;
    qint64 supersedes = 0;
    QString createdAt;
    double secondsSpent = -1.0; // -1 unknown
    double watchedA = -1.0;
    double watchedB = -1.0;
};

// Per-aspect verdicts as labels store them ({"VQ":"A","MQ":"tie"}); unknown verdicts are left out.
QMap<QString, Verdict> parseAspectVerdicts(const QString& json);

class LabelStore {
public:
    explicit LabelStore(Workspace& workspace);

    // SHA-256 over the file's size and its first and last 4 MiB: cheap on large videos, and a moved or renamed
    // file keeps it. Throws WorkspaceError naming an unreadable file.
    static QString contentHash(const QString& path);

    // What adding a video needs from its file: read (hashed, probed when the workspace does not know the
    // content yet) before a write transaction starts, so a slow or hostile file never holds the workspace's
    // write lock. Throws WorkspaceError for a file that is not a regular file (a FIFO, a device) or cannot be
    // read, media::MediaError for one that is not a readable video.
    struct VideoFacts {
        QString path; // absolute, clean
        QString contentHash;
        std::optional<media::VideoInfo> info; // empty when the workspace already holds the content
    };
    VideoFacts examineVideo(const QString& path) const;

    // The video's row, added (probed through media/) or found by content (its path updated when it moved).
    // Throws media::MediaError for a file that is not a readable video.
    StoredVideo addVideo(const QString& path, const QString& model = {}, const QString& prompt = {});
    StoredVideo addVideo(const VideoFacts& facts, const QString& model = {}, const QString& prompt = {});
    // The pair's row (A, B in this order), added or found.
    qint64 addPair(qint64 videoA, qint64 videoB, const QString& prompt, const QString& origin, const QString& source);
    // Appends a label; returns its id once committed. Throws WorkspaceError for an unknown pair.
    qint64 addLabel(const LabelInput& label);
    // Appends an "undone" row superseding `labelId` (the annotator's label on that pair is gone; the row stays).
    qint64 undoLabel(qint64 labelId);

    QVector<StoredPair> pairs() const;
    std::optional<StoredPair> pair(qint64 id) const;
    // Each annotator's standing label on each pair (the newest row not superseded; undone ones left out).
    QVector<StoredLabel> currentLabels() const;
    qint64 labelRows() const; // every row, superseded and undone included
    qint64 videoRows() const;
    qint64 pairRows() const;

private:
    qint64 promptId(const QString& prompt);
    qint64 annotatorId(const QString& name);
    StoredVideo videoFromQuery(const class QSqlQuery& query, int first) const;

    Workspace& m_workspace;
};

} // namespace svj::annotation
