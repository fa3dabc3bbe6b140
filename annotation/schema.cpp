#include "annotation/schema.h"

namespace svj::annotation {
namespace {

// Written once for both engines: {id} (a key never reused) and {real} are SqlDialect::schemaStatement's; the
// rest is SQL that SQLite and PostgreSQL both speak.
const QStringList kVersion1 = {
    QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE prompts (id {id}, text TEXT NOT NULL UNIQUE)"),
    QStringLiteral(
        "CREATE TABLE videos (id {id}, path TEXT NOT NULL, "
        "content_hash TEXT NOT NULL UNIQUE, duration_s {real}, fps {real}, width INTEGER, height INTEGER, "
        "frame_count INTEGER, model TEXT, prompt_id INTEGER REFERENCES prompts(id), added_at TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE pairs (id {id}, "
                   "video_a INTEGER NOT NULL REFERENCES videos(id), video_b INTEGER NOT NULL REFERENCES videos(id), "
                   "prompt_id INTEGER REFERENCES prompts(id), "
                   "origin TEXT NOT NULL CHECK (origin IN ('imported', 'auto', 'gold')), gold_answer TEXT, "
                   "source TEXT, created_at TEXT NOT NULL, UNIQUE (video_a, video_b))"),
    QStringLiteral("CREATE TABLE annotators (id {id}, name TEXT NOT NULL UNIQUE)"),
    QStringLiteral("CREATE TABLE assignments (id {id}, "
                   "pair_id INTEGER NOT NULL REFERENCES pairs(id), annotator_id INTEGER NOT NULL "
                   "REFERENCES annotators(id), position INTEGER NOT NULL, a_on_left INTEGER NOT NULL, "
                   "state TEXT NOT NULL DEFAULT 'open', UNIQUE (pair_id, annotator_id))"),
    // Append-only: a correction or an undo is a new row that supersedes an older one.
    QStringLiteral(
        "CREATE TABLE labels (id {id}, "
        "pair_id INTEGER NOT NULL REFERENCES pairs(id), annotator_id INTEGER NOT NULL "
        "REFERENCES annotators(id), "
        "verdict TEXT NOT NULL CHECK (verdict IN ('A', 'B', 'tie', 'both-bad', 'undone')), "
        "aspects TEXT, evidence TEXT, comment TEXT, watched_a {real}, watched_b {real}, seconds_spent {real}, "
        "a_on_left INTEGER, supersedes INTEGER REFERENCES labels(id), source TEXT, "
        "created_at TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX labels_by_pair ON labels (pair_id, annotator_id, id)"),
    QStringLiteral("CREATE INDEX labels_by_supersedes ON labels (supersedes)"),
    QStringLiteral("CREATE TABLE checkpoints (id {id}, path TEXT NOT NULL UNIQUE, "
                   "sidecar TEXT, created_at TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE judge_scores (id {id}, "
                   "video_id INTEGER NOT NULL REFERENCES videos(id), checkpoint_id INTEGER NOT NULL "
                   "REFERENCES checkpoints(id), energy {real} NOT NULL, reward {real}, frame_energies TEXT NOT NULL, "
                   "frame_indices TEXT NOT NULL, input_width INTEGER, input_height INTEGER, input_fps {real}, "
                   "created_at TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE training_runs (id {id}, "
                   "checkpoint_id INTEGER REFERENCES checkpoints(id), parent TEXT, command TEXT, metrics TEXT, "
                   "started_at TEXT NOT NULL, finished_at TEXT)"),
};

// Version 2: the queue's lookup (an annotator's open items in order) by index, for a fast next item.
const QStringList kVersion2 = {
    QStringLiteral("CREATE INDEX assignments_queue ON assignments (annotator_id, state, position)"),
    QStringLiteral("CREATE INDEX pairs_by_videos ON pairs (video_b, video_a)"),
};

// Version 3: a lead's final verdict on a pair the annotators disagree on (one per pair; a new one replaces it).
const QStringList kVersion3 = {
    QStringLiteral("CREATE TABLE adjudications (pair_id INTEGER PRIMARY KEY REFERENCES pairs(id), "
                   "verdict TEXT NOT NULL CHECK (verdict IN ('A', 'B', 'tie', 'both-bad')), "
                   "annotator_id INTEGER NOT NULL REFERENCES annotators(id), comment TEXT, created_at TEXT NOT NULL)"),
};

// Version 4: scoring a workspace's videos with several workers at once (`svj score --db WS --claim`): a video is
// claimed for a checkpoint until a lease runs out, then done (its score stored) or failed (unreadable).
const QStringList kVersion4 = {
    QStringLiteral("CREATE TABLE score_claims (video_id INTEGER NOT NULL REFERENCES videos(id), "
                   "checkpoint TEXT NOT NULL, worker TEXT NOT NULL, token TEXT NOT NULL, claimed_at TEXT NOT NULL, "
                   "expires_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'claimed' "
                   "CHECK (state IN ('claimed', 'done', 'failed')), message TEXT, PRIMARY KEY (video_id, checkpoint))"),
};

} // namespace

QStringList migrationTo(int version) {
    switch (version) {
    case 1:
        return kVersion1;
    case 2:
        return kVersion2;
    case 3:
        return kVersion3;
    case 4:
        return kVersion4;
    default:
        return {};
    }
}

QStringList schemaTables() {
    return {QStringLiteral("meta"),          QStringLiteral("prompts"),       QStringLiteral("videos"),
            QStringLiteral("pairs"),         QStringLiteral("annotators"),    QStringLiteral("assignments"),
            QStringLiteral("labels"),        QStringLiteral("checkpoints"),   QStringLiteral("judge_scores"),
            QStringLiteral("training_runs"), QStringLiteral("adjudications"), QStringLiteral("score_claims")};
}

int latestSchemaVersion() {
    return 4;
}

} // namespace svj::annotation
