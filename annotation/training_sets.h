// Preference labels written as training sets: TRL's prompt / chosen / rejected (ties in a side file), a
// Hugging Face videofolder (videos copied beside metadata.jsonl), Pick-a-Pic's label_0 / label_1. Each reads
// back through readPreferenceFile to the same preferences.
#pragma once

#include "annotation/preference_file.h"

namespace svj::annotation {

// `path`: the .jsonl file (Trl: and PATH.ties.jsonl beside it; PickAPic: .jsonl or .csv) or, for
// VideoFolder, the folder to create (videos under videos/, metadata.jsonl, ties.jsonl). Files are written
// atomically; throws ImportError naming what could not be written.
void writeTrainingSet(const PreferenceFile& file, const QString& path, PreferenceFormat format);

} // namespace svj::annotation
