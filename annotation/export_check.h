// The round-trip check of an export: the written file read back must hold the same preferences (by video
// content, so training-set copies count), allowing only what the format cannot carry (both-bad where it has
// no such verdict, per-aspect verdicts where it has no columns). What the export dialog shows.
#pragma once

#include "annotation/preference_file.h"

#include <QString>
#include <QStringList>

namespace svj::annotation {

struct ExportCheck {
    int written = 0;
    int readBack = 0;
    QStringList differences; // the first few, described; empty when the file holds what was written
    bool ok() const { return written == readBack && differences.isEmpty(); }
};

// Reads `path` back as `format` and compares it with `exported`. Throws ImportError when it cannot be read.
ExportCheck checkExport(const PreferenceFile& exported, const QString& path, PreferenceFormat format);

} // namespace svj::annotation
