// `svj score`: the judge's energy curve of whole videos. Wiring only: media/ samples the windows that cover
// a video, model/ scores them and stitches one curve.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress.h"
#include "app/cli/video_score.h"
#include "model/json_text.h"
#ifdef SVJ_HAVE_ANNOTATION
#include "annotation/workspace.h"
#include "app/cli/workspace_scores.h"
#endif
#include "media/clip_sampler.h"
#include "media/media_error.h"
#include "media/video_reader.h"
#include "model/judge.h"
#include "model/model_error.h"
#include "model/score_curve.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

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

nlohmann::json toJson(const VideoScore& score, const model::Judge& judge, const std::string& checkpoint) {
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
                              {{"width", judge.config().inputWidth},
                               {"height", judge.config().inputHeight},
                               {"frames", judge.config().inputFrames},
                               {"fps", judge.config().inputFps},
                               {"view", judge.config().inputView == model::InputView::Tiles ? "tiles" : "frame"},
                               {"tiles_per_frame", score.tilesPerFrame}}},
                             {"windows", windows}};
    if (!score.aspectScores.empty()) {
        nlohmann::json aspects = nlohmann::json::object();
        for (size_t i = 0; i < score.aspectScores.size() && i < judge.config().aspects.size(); ++i) {
            aspects[judge.config().aspects[i]] = score.aspectScores[i];
        }
        result["aspects"] = aspects;
    }
    if (score.stage2) {
        result["reward"] = score.reward;
    }
    return result;
}

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

void printText(const VideoScore& score) {
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

} // namespace

int runScore(const Arguments& arguments) {
    CommandLine commandLine("score", {
                                         {"ckpt", "CKPT", "the judge (default: the one that ships with svj)"},
                                         {"json", "", "one JSON object per video on stdout"},
                                         {"csv", "", "video,frame,time_s,energy rows on stdout"},
                                         {"threads", "N", "CPU threads (0 = one per core)", "0"},
                                         {"device", "NAME", "cpu or cuda", "cpu"},
                                         {"dtype", "NAME", "f32 or bf16", "f32"},
                                         {"progress", "MODE", "bar, json (with --json) or none", "bar"},
#ifdef SVJ_HAVE_ANNOTATION
                                         {"db", "WORKSPACE", "also store each video's score in a workspace"},
                                         {"reuse", "",
                                          "with --db: print a score stored there for the same video and "
                                          "checkpoint instead of scoring again"},
#endif
                                     });
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj score VIDEO... [--ckpt CKPT] [--json | --csv] [--db WORKSPACE [--reuse]]\n\n"
                     "Scores whole videos with the judge: windows of the judge's clip length cover each video,\n"
                     "every window is scored, and the per-frame energies are stitched into one curve (lower =\n"
                     "better). Prints the total, the worst frame, the curve and the exact frames the judge saw.\n"
                     "With --reuse a score stored in the workspace after the checkpoint file was last written is\n"
                     "printed as it is (\"cached\": true in JSON); the judge is loaded only for the others.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    if (commandLine.positional().empty()) {
        throw UsageError("score needs at least one VIDEO");
    }
    if (commandLine.flag("json") && commandLine.flag("csv")) {
        throw UsageError("choose --json or --csv, not both");
    }
    const ProgressMode progressMode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    if (progressMode == ProgressMode::Json && !commandLine.flag("json")) {
        throw UsageError("--progress json needs --json (progress and scores share stdout, one object a line)");
    }
#ifdef SVJ_HAVE_ANNOTATION
    const std::optional<std::string> db = commandLine.value("db");
    if (commandLine.flag("reuse") && !db) {
        throw UsageError("--reuse needs --db WORKSPACE (where the scores are kept)");
    }
    if (commandLine.flag("reuse") && !commandLine.flag("json")) {
        throw UsageError("--reuse prints stored scores as JSON: add --json");
    }
#endif
    model::JudgeOptions options;
    options.threads = commandLine.intValue("threads", 0);
    options.device = commandLine.valueOr("device", "cpu");
    options.dtype = commandLine.valueOr("dtype", "f32");
    std::string checkpoint;
    try {
        checkpoint = chosenCheckpoint(commandLine);
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    // Loaded on first need: with --reuse a run whose scores are all stored never pays for it.
    std::optional<model::Judge> judge;
    const auto loadJudge = [&] {
        if (!judge) {
            judge.emplace(model::Judge::load(checkpoint, options));
        }
        return &*judge;
    };
#ifdef SVJ_HAVE_ANNOTATION
    if (!commandLine.flag("reuse"))
#endif
    {
        try {
            loadJudge();
        } catch (const model::ModelError& error) {
            printError(error.what());
            return kExitBadInput;
        }
    }
    const std::atomic<bool>& stop = installStopRequest();
    if (commandLine.flag("csv")) {
        std::cout << "video,frame,time_s,energy\n";
    }
    int failures = 0;
    for (const std::string& path : commandLine.positional()) {
        try {
#ifdef SVJ_HAVE_ANNOTATION
            if (commandLine.flag("reuse")) {
                if (const std::optional<nlohmann::json> stored = storedScoreJson(*db, path, checkpoint)) {
                    std::cout << svj::model::jsonText(*stored) << std::endl;
                    continue;
                }
            }
#endif
            std::optional<Progress> progress;
            const VideoScore score = scoreVideo(*loadJudge(), path, stop, [&](size_t done, size_t total) {
                if (!progress) {
                    progress.emplace(progressMode, "score", static_cast<int64_t>(total));
                }
                progress->update(static_cast<int64_t>(done), {{"video", path}});
            });
            if (progress) {
                progress->finish();
            }
#ifdef SVJ_HAVE_ANNOTATION
            if (db) {
                storeScoreInWorkspace(*db, score, *judge, checkpoint);
            }
#endif
            if (commandLine.flag("json")) {
                std::cout << svj::model::jsonText(toJson(score, *judge, checkpoint)) << "\n";
            } else if (commandLine.flag("csv")) {
                const std::string cell = csvPathCell(path);
                for (size_t i = 0; i < score.curve.frameEnergies.size(); ++i) {
                    std::printf("%s,%zu,%.6f,%.6f\n", cell.c_str(), i, static_cast<double>(score.framePtsUs[i]) / 1e6,
                                score.curve.frameEnergies[i]);
                }
            } else {
                printText(score);
            }
            std::fflush(stdout);
        } catch (const model::Cancelled&) {
            printError("stopped by " + std::string(stopSignalName()) + " while scoring " + path);
            return kExitFailure;
        } catch (const media::MediaError& error) {
            printError(error.what());
            ++failures;
        } catch (const model::ModelError& error) {
            if (!judge) {
                printError(error.what()); // the checkpoint itself: every video would fail the same way
                return kExitBadInput;
            }
            printError(path + ": " + error.what());
            ++failures;
#ifdef SVJ_HAVE_ANNOTATION
        } catch (const annotation::WorkspaceError& error) {
            printError(error.what());
            return kExitBadInput;
#endif
        }
    }
    return failures == 0 ? kExitOk : kExitBadInput;
}

} // namespace svj::cli
