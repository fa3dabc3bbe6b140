// Labels between a workspace and the preference file formats: import a file (videos, pairs and its votes,
// all in one transaction) and export the standing labels as a file in any of the formats.
#pragma once

#include "annotation/import_error.h"
#include "annotation/label_store.h"
#include "annotation/preference_file.h"

namespace svj::annotation {

struct ImportReport {
    int rows = 0;
    int newVideos = 0;
    int newPairs = 0;
    int newLabels = 0;
    int unchangedLabels = 0; // already in the workspace (a re-import adds nothing)
};

// Every row of `file` becomes a pair (A, B as in the file) and a label by `annotator` (default
// "import:FILE NAME"; the k-th vote on the same pair in one file by "...#k", so votes are kept apart and a
// re-import is idempotent). All rows or none: a video that cannot be read is an ImportError naming the file
// and line, and nothing is written.
ImportReport importPreferenceFile(Workspace& workspace, const PreferenceFile& file, const QString& annotator = {},
                                  const ImportProgress& progress = {});

// The standing labels as preference rows (one per label; videos as absolute paths).
PreferenceFile workspacePreferences(const LabelStore& store);

// Writes `file` in `format` (JSON lines when `path` ends in .jsonl/.json, else CSV), video paths relative
// to the output's folder when they lie under it; atomically. Throws ImportError naming `path`.
// VideoGen-RewardBench and MonetBench have no both-bad: it is written as a tie ("same").
void writePreferenceFile(const PreferenceFile& file, const QString& path, PreferenceFormat format);

} // namespace svj::annotation
