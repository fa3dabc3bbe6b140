// The preference formats, one row each: the name a --format option takes, what each keeps of a label, its file
// layout and, for the tabular ones, its columns in order. Readers, writers, the export check and the export
// dialog all go by these rows; adding a format is a row here and its cases in preference_file.cpp (reading) and
// workspace_preferences.cpp / training_sets.cpp (writing).
#pragma once

#include "annotation/preference_file.h"

#include <QStringList>

#include <span>

namespace svj::annotation {

enum class PreferenceLayout {
    Rows,        // a CSV or JSONL file, one row a pair (video A, video B, verdict)
    TrainingSet, // chosen / rejected rows, written by writeTrainingSet (training_sets.h)
};

struct PreferenceFormatRow {
    PreferenceFormat format;
    const char* name;      // --format NAME
    const char* extension; // the file an export suggests ("" for a folder)
    PreferenceLayout layout;
    bool keepsBothBad;   // both-bad survives the round trip (else it becomes a tie)
    bool keepsAspects;   // per-aspect verdicts survive
    bool keepsModels;    // the generators' names survive
    bool tiesApart;      // ties and both-bad go to a file of their own (tiesFileOf)
    QStringList columns; // Rows: the columns an export writes, in order (our CSV adds "aspect:NAME" ones)
};

// In PreferenceFormat order.
std::span<const PreferenceFormatRow> preferenceFormats();
const PreferenceFormatRow& preferenceFormatRow(PreferenceFormat format);

} // namespace svj::annotation
