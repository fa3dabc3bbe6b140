// What `svj score` prints of a scoring run: progress while a video is scored, then its score as one JSON object,
// CSV rows (one a frame) or a few lines for a person with a one-line picture of the curve; failures on stderr.
#pragma once

#include "app/cli/progress.h"
#include "model/judge.h"
#include "training/score_run.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace svj::cli {

nlohmann::json scoreJson(const training::VideoScore& score, const model::JudgeConfig& config,
                         const std::string& checkpoint);
// The header row of printScoreCsv's rows.
void printScoreCsvHeader();
void printScoreCsv(const training::VideoScore& score);
void printScoreText(const training::VideoScore& score);

enum class ScoreFormat { Text, Json, Csv };

class ScorePrinter {
public:
    ScorePrinter(training::ScoreRun& run, ScoreFormat format, ProgressMode progress);
    // Prints the CSV header (other formats have none).
    void begin() const;
    void show(const training::ScoreEvent& event);
    // The video being scored, for a message when the run stops.
    const std::string& current() const { return m_current; }

private:
    training::ScoreRun& m_run;
    ScoreFormat m_format;
    ProgressMode m_progressMode;
    std::optional<Progress> m_progress;
    std::string m_current;
};

} // namespace svj::cli
