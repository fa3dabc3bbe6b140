#include "app/cli/score_output.h"

#include "app/cli/commands.h"
#include "model/json_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace svj::cli {
namespace {

// A path as a CSV cell: always quoted, quotes doubled, and one a spreadsheet would run as a formula
// (= + - @ first) neutralised with a leading ' (the annotation layer's csvCell, for a build without it).
std::string csvPathCell(const std::string& path) {
    std::string cell = "\"";
    if (!path.empty() && std::string("=+-@\t\r").find(path.front()) != std::string::npos) {
        cell += '\'';
    }
    for (const char c : path) {
        cell += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return cell + "\"";
}

} // namespace

nlohmann::json scoreJson(const training::VideoScore& score, const model::JudgeConfig& config,
                         const std::string& checkpoint) {
    nlohmann::json windows = nlohmann::json::array();
    for (const model::ScoredWindow& window : score.windows) {
        windows.push_back({{"source_frames", window.sourceFrames},
                           {"frame_energies", window.frameEnergies},
                           {"energy", window.energy}});
    }
    nlohmann::json result = {{"video", score.path},
                             {"checkpoint", checkpoint},
                             {"energy", score.curve.energy},
                             {"frame_count", score.frameCount},
                             {"fps", score.fps},
                             {"worst_frame", score.curve.worstFrame},
                             {"frame_energies", score.curve.frameEnergies},
                             {"judge_input",
                              {{"width", config.inputWidth},
                               {"height", config.inputHeight},
                               {"frames", config.inputFrames},
                               {"fps", config.inputFps},
                               {"view", config.inputView == model::InputView::Tiles ? "tiles" : "frame"},
                               {"tiles_per_frame", score.tilesPerFrame}}},
                             {"windows", windows}};
    if (!score.aspectScores.empty()) {
        nlohmann::json aspects = nlohmann::json::object();
        for (size_t i = 0; i < score.aspectScores.size() && i < config.aspects.size(); ++i) {
            aspects[config.aspects[i]] = score.aspectScores[i];
        }
        result["aspects"] = aspects;
    }
    if (score.stage2) {
        result["reward"] = score.reward;
    }
    return result;
}

namespace {

// A one-line picture of the curve: ten levels from the video's lowest to its highest energy.
std::string sparkline(const std::vector<float>& values, size_t width) {
    if (values.empty()) {
        return {};
    }
    static const char* const kLevels[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    std::string line;
    const size_t columns = std::min(width, values.size());
    for (size_t c = 0; c < columns; ++c) {
        const size_t begin = c * values.size() / columns;
        const size_t end = std::max(begin + 1, (c + 1) * values.size() / columns);
        float peak = values[begin];
        for (size_t i = begin; i < end; ++i) {
            peak = std::max(peak, values[i]);
        }
        const float span = *high - *low;
        const int level = span > 0 ? static_cast<int>(std::lround(7.0f * (peak - *low) / span)) : 0;
        line += kLevels[std::clamp(level, 0, 7)];
    }
    return line;
}

} // namespace

void printScoreText(const training::VideoScore& score) {
    std::printf("%s\n  energy %.4f (lower = better) over %zu window(s); worst frame %lld at %.2f s\n",
                score.path.c_str(), score.curve.energy, score.windows.size(),
                static_cast<long long>(score.curve.worstFrame),
                score.curve.worstFrame >= 0
                    ? static_cast<double>(score.framePtsUs[static_cast<size_t>(score.curve.worstFrame)]) / 1e6
                    : 0.0);
    if (!score.curve.frameEnergies.empty()) {
        const auto [low, high] =
            std::minmax_element(score.curve.frameEnergies.begin(), score.curve.frameEnergies.end());
        std::printf("  curve %s  (%.4f .. %.4f, %zu frames)\n", sparkline(score.curve.frameEnergies, 72).c_str(), *low,
                    *high, score.curve.frameEnergies.size());
    }
    if (score.stage2) {
        std::printf("  reward %.4f (higher = better; the fine-tuned judge's aspects aggregated)\n", score.reward);
    }
    std::string used;
    for (const model::ScoredWindow& window : score.windows) {
        used += used.empty() ? "" : " | ";
        used += std::to_string(window.sourceFrames.front()) + ".." + std::to_string(window.sourceFrames.back()) + " (" +
                std::to_string(window.sourceFrames.size()) + " frames)";
    }
    std::printf("  frames the judge saw: %s\n", used.c_str());
    if (score.tilesPerFrame > 1) {
        std::printf("  each frame as %d tiles at its own scale\n", score.tilesPerFrame);
    }
}

void printScoreCsvHeader() {
    std::printf("video,frame,time_s,energy\n");
}

void printScoreCsv(const training::VideoScore& score) {
    const std::string cell = csvPathCell(score.path);
    for (size_t i = 0; i < score.curve.frameEnergies.size(); ++i) {
        std::printf("%s,%zu,%.6f,%.6f\n", cell.c_str(), i, static_cast<double>(score.framePtsUs[i]) / 1e6,
                    score.curve.frameEnergies[i]);
    }
}

ScorePrinter::ScorePrinter(training::ScoreRun& run, ScoreFormat format, ProgressMode progress)
    : m_run(run)
    , m_format(format)
    , m_progressMode(progress) {}

void ScorePrinter::begin() const {
    if (m_format == ScoreFormat::Csv) {
        printScoreCsvHeader();
    }
}

void ScorePrinter::show(const training::ScoreEvent& event) {
    m_current = event.video;
    if (event.kind == training::ScoreEventKind::Window) {
        if (!m_progress) {
            m_progress.emplace(m_progressMode, "score", static_cast<int64_t>(event.total));
        }
        m_progress->update(static_cast<int64_t>(event.done), {{"video", event.video}});
        return;
    }
    if (m_progress && event.kind == training::ScoreEventKind::Scored) {
        m_progress->finish();
    }
    m_progress.reset();
    if (event.kind == training::ScoreEventKind::Failed) {
        printError(event.message);
    }
    if (event.kind != training::ScoreEventKind::Scored) {
        return;
    }
    if (m_format == ScoreFormat::Json) {
        const nlohmann::json json = scoreJson(*event.score, m_run.judge().config(), m_run.options().checkpoint);
        std::printf("%s\n", svj::model::jsonText(json).c_str());
    } else if (m_format == ScoreFormat::Csv) {
        printScoreCsv(*event.score);
    } else {
        printScoreText(*event.score);
    }
    std::fflush(stdout);
}

} // namespace svj::cli
