// A human's verdict on a pair of videos, as stored in labels and spoken by the benchmark formats.
#pragma once

#include <QString>

#include <optional>

namespace svj::annotation {

// Stored value: keep the numbers.
enum class Verdict { A = 0, B = 1, Tie = 2, BothBad = 3 };

// "A", "B", "tie", "both-bad".
QString verdictName(Verdict verdict);
// Our own spelling plus the benchmarks': leftvote / rightvote / tievote / bothbad_vote (GenAI-Bench),
// A / B / same (VideoGen-RewardBench), video1 / video2, left / right, 1 / 2 / 0. Case-insensitive.
std::optional<Verdict> parseVerdict(const QString& text);
// +1 (A preferred), -1 (B preferred), 0 (tie or both bad): GenAI-Bench's 4-way mapping for accuracy.
int preferenceSign(Verdict verdict);

} // namespace svj::annotation
