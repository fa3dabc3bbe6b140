// Pairwise preference files in the formats the field uses: GenAI-Bench video, VideoGen-RewardBench,
// MonetBench, and our own JSONL and CSV. Video paths are resolved against the file's folder.
#pragma once

#include "annotation/verdict.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace svj::annotation {

// Stored value: keep the numbers. The last three are training-set layouts:
// - Trl: TRL's preference rows {"prompt", "chosen", "rejected"} (videos), ties and both-bad in FILE.ties.jsonl
//   beside it ({"video_a", "video_b", "prompt", "label"}).
// - VideoFolder: a Hugging Face `videofolder`: a folder with the videos and metadata.jsonl
//   ({"chosen_file_name", "rejected_file_name", "prompt"}), ties in ties.jsonl; read from the folder.
// - PickAPic: Pick-a-Pic's layout {"video_0", "video_1", "label_0", "label_1", "prompt", "model_0", "model_1"},
//   label 1 / 0 for a preference, 0.5 / 0.5 for a tie (both-bad becomes a tie).
enum class PreferenceFormat {
    GenAIBench = 0,
    VideoGenRewardBench = 1,
    MonetBench = 2,
    Jsonl = 3,
    Csv = 4,
    Trl = 5,
    VideoFolder = 6,
    PickAPic = 7
};

// "genai-bench", "videogen-rewardbench", "monetbench", "jsonl", "csv", "trl", "videofolder", "pick-a-pic".
QString preferenceFormatName(PreferenceFormat format);
std::optional<PreferenceFormat> parsePreferenceFormat(const QString& name);

// The file of ties (and both-bad) beside a TRL set ("X.ties.jsonl") or inside a videofolder ("ties.jsonl"). Each
// of its lines names the pairs file it goes with by that file's SHA-256, in kPairsFileHashField.
QString tiesFileOf(const QString& path, PreferenceFormat format);
inline constexpr const char* kPairsFileHashField = "pairs_sha256";

struct PreferencePair {
    QString videoA; // absolute paths
    QString videoB;
    QString modelA;
    QString modelB;
    QString prompt;
    Verdict verdict = Verdict::Tie;
    QMap<QString, Verdict> aspects; // per-aspect verdicts where the file has them (VQ, MQ, TA, ...)
    int line = 0;                   // where the pair is in the file
    // The effort behind the vote where the file has room for it (our JSONL: seconds_spent, watched_a,
    // watched_b); -1 unknown.
    double secondsSpent = -1.0;
    double watchedA = -1.0;
    double watchedB = -1.0;
};

struct PreferenceFile {
    QString path;
    PreferenceFormat format = PreferenceFormat::Jsonl;
    QVector<PreferencePair> pairs;
    QStringList aspectNames; // in file order
    // What the reader had to infer, one sentence each (an overall verdict derived from the aspects): the
    // commands that import print them.
    QStringList notes;
};

// Reads a whole file; JSONL or CSV layout follows the extension (.jsonl/.json vs .csv) for the benchmark
// formats that exist in both. Throws ImportError naming the file and line: unreadable file, missing
// columns, an unknown verdict, an empty video path. Nothing is returned partially.
PreferenceFile readPreferenceFile(const QString& path, PreferenceFormat format);

} // namespace svj::annotation
