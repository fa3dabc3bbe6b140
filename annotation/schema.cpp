#include "annotation/schema.h"

namespace svj::annotation {
namespace {

// SQLite: INTEGER PRIMARY KEY AUTOINCREMENT never reuses an id, so a label id acknowledged to a user and
// later superseded still names that one row.
const QStringList kVersion1 = {
    QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE prompts (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL UNIQUE)"),
    QStringLiteral(
        "CREATE TABLE videos (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, "
        "content_hash TEXT NOT NULL UNIQUE, duration_s REAL, fps REAL, width INTEGER, height INTEGER, "
        "frame_count INTEGER, model TEXT, prompt_id INTEGER REFERENCES prompts(id), added_at TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE pairs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "video_a INTEGER NOT NULL REFERENCES videos(id), video_b INTEGER NOT NULL REFERENCES videos(id), "
                   "prompt_id INTEGER REFERENCES prompts(id), "
                   "origin TEXT NOT NULL CHECK (origin IN ('imported', 'auto', 'gold')), gold_answer TEXT, "
                   "source TEXT, created_at TEXT NOT NULL, UNIQUE (video_a, video_b))"),
    QStringLiteral("CREATE TABLE annotators (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE)"),
    QStringLiteral("CREATE TABLE assignments (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "pair_id INTEGER NOT NULL REFERENCES pairs(id), annotator_id INTEGER NOT NULL "
                   "REFERENCES annotators(id), position INTEGER NOT NULL, a_on_left INTEGER NOT NULL, "
                   "state TEXT NOT NULL DEFAULT 'open', UNIQUE (pair_id, annotator_id))"),
    // Append-only: a correction or an undo is a new row that supersedes an older one.
    QStringLiteral("CREATE TABLE labels (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "pair_id INTEGER NOT NULL REFERENCES pairs(id), annotator_id INTEGER NOT NULL "
                   "REFERENCES annotators(id), "
                   "verdict TEXT NOT NULL CHECK (verdict IN ('A', 'B', 'tie', 'both-bad', 'undone')), "
                   "aspects TEXT, evidence TEXT, comment TEXT, watched_a REAL, watched_b REAL, seconds_spent REAL, "
                   "a_on_left INTEGER, supersedes INTEGER REFERENCES labels(id), source TEXT, "
                   "created_at TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX labels_by_pair ON labels (pair_id, annotator_id, id)"),
    QStringLiteral("CREATE INDEX labels_by_supersedes ON labels (supersedes)"),
    QStringLiteral("CREATE TABLE checkpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL UNIQUE, "
                   "sidecar TEXT, created_at TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE judge_scores (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "video_id INTEGER NOT NULL REFERENCES videos(id), checkpoint_id INTEGER NOT NULL "
                   "REFERENCES checkpoints(id), energy REAL NOT NULL, reward REAL, frame_energies TEXT NOT NULL, "
                   "frame_indices TEXT NOT NULL, input_width INTEGER, input_height INTEGER, input_fps REAL, "
                   "created_at TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE training_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "checkpoint_id INTEGER REFERENCES checkpoints(id), parent TEXT, command TEXT, metrics TEXT, "
                   "started_at TEXT NOT NULL, finished_at TEXT)"),
};

// Version 2: the queue's lookup (an annotator's open items in order) by index, for a fast next item.
const QStringList kVersion2 = {
    QStringLiteral("CREATE INDEX assignments_queue ON assignments (annotator_id, state, position)"),
    QStringLiteral("CREATE INDEX pairs_by_videos ON pairs (video_b, video_a)"),
};

} // namespace

QStringList migrationTo(int version) {
    switch (version) {
    case 1:
        return kVersion1;
    case 2:
        return kVersion2;
    default:
        return {};
    }
}

int latestSchemaVersion() {
    return 2;
}

} // namespace svj::annotation
