// `svj eval`: a judge's accuracy against human preferences from a benchmark file, with ties (threshold
// swept, best reported with it; the reference procedure too) and without, overall and per aspect. The
// scores come from our judge or, with --scores, from any other judge. Wiring only: annotation/ reads the
// file, model/ scores and computes the metrics.
#include "annotation/import_error.h"
#include "annotation/preference_file.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/training_run.h"
#include "app/cli/video_score.h"
#include "media/media_error.h"
#include "model/json_text.h"
#include "model/judge.h"
#include "model/metrics.h"
#include "model/model_error.h"
#include "training/preference_figures.h"

#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>

namespace svj::cli {
namespace {

// video (absolute, clean path) -> score, higher = better.
using Scores = std::map<std::string, double>;

std::string cleanPath(const QString& path, const QString& relativeTo) {
    return QDir::cleanPath(QFileInfo(relativeTo).absoluteDir().absoluteFilePath(path)).toStdString();
}

// A scores file from another judge: CSV with `video` (or `path`) and `score` columns, or JSONL objects
// {"video": ..., "score": ...}. Paths relative to the file's folder.
Scores readScores(const std::string& file) {
    const QString path = QString::fromStdString(file);
    Scores scores;
    const std::string text = readTextFile(file);
    const bool json = QFileInfo(path).suffix().toLower().startsWith(QLatin1String("json"));
    int lineNumber = 0;
    int videoColumn = -1;
    int scoreColumn = -1;
    size_t begin = 0;
    while (begin <= text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(begin, end - begin);
        begin = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        const auto where = [&] { return file + ":" + std::to_string(lineNumber) + ": "; };
        std::string video;
        double score = NAN;
        if (json) {
            nlohmann::json object;
            try {
                object = nlohmann::json::parse(line);
            } catch (const nlohmann::json::exception&) {
                throw model::ModelError(where() + "not a JSON object");
            }
            const char* key = object.contains("video") ? "video" : "path";
            if (!object.is_object() || !object.contains(key) || !object.contains("score") ||
                !object["score"].is_number()) {
                throw model::ModelError(where() + "needs \"video\" and a numeric \"score\"");
            }
            video = object[key].get<std::string>();
            score = object["score"].get<double>();
        } else {
            std::vector<std::string> fields(1);
            for (const char c : line) {
                if (c == ',') {
                    fields.emplace_back();
                } else if (c != '"') {
                    fields.back() += c;
                }
            }
            if (videoColumn < 0) {
                for (size_t i = 0; i < fields.size(); ++i) {
                    if (fields[i] == "video" || fields[i] == "path") {
                        videoColumn = static_cast<int>(i);
                    } else if (fields[i] == "score") {
                        scoreColumn = static_cast<int>(i);
                    }
                }
                if (videoColumn < 0 || scoreColumn < 0) {
                    throw model::ModelError(where() + "the header needs 'video' and 'score' columns");
                }
                continue;
            }
            if (static_cast<int>(fields.size()) <= std::max(videoColumn, scoreColumn)) {
                throw model::ModelError(where() + "too few fields");
            }
            video = fields[static_cast<size_t>(videoColumn)];
            try {
                size_t used = 0;
                score = std::stod(fields[static_cast<size_t>(scoreColumn)], &used);
            } catch (const std::exception&) {
                throw model::ModelError(where() + "score '" + fields[static_cast<size_t>(scoreColumn)] +
                                        "' is not a number");
            }
        }
        scores[cleanPath(QString::fromStdString(video), path)] = score;
    }
    return scores;
}

} // namespace

int runEval(const Arguments& arguments) {
    CommandLine commandLine("eval",
                            {{"pairs", "FILE", "the labelled pairs"},
                             {"format", "NAME", kPreferenceFormatsHelp, "jsonl"},
                             {"ckpt", "CKPT", "our judge (default: the shipped one)"},
                             {"scores", "FILE", "scores of another judge (CSV video,score or JSONL), higher = better"},
                             {"threads", "N", "CPU threads (0 = one per core)", "0"},
                             {"json", "", "print the figures as one JSON object"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj eval --pairs FILE --format NAME [--ckpt CKPT | --scores FILE] [--json]\n\n"
                     "Pairwise accuracy of a judge against human preferences, as VideoGen-RewardBench defines it:\n"
                     "with ties (a margin within epsilon is a predicted tie; epsilon swept, the best reported with\n"
                     "it, and the reference implementation's one-pair-at-a-time procedure beside it) and without ties\n"
                     "(human ties left out), overall and per aspect. GenAI-Bench's both-bad counts as a tie.\n"
                     "Our judge scores each video as minus its mean energy; a fine-tuned (stage-2) judge by its\n"
                     "reward, and each aspect it was fine-tuned on by its own score for that aspect.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::optional<std::string> pairsFile = commandLine.value("pairs");
    if (!pairsFile) {
        throw UsageError("eval needs --pairs FILE");
    }
    const std::optional<annotation::PreferenceFormat> format =
        annotation::parsePreferenceFormat(QString::fromStdString(commandLine.valueOr("format", "jsonl")));
    if (!format) {
        throw UsageError("unknown --format '" + commandLine.valueOr("format", "") + "'");
    }
    if (commandLine.value("ckpt") && commandLine.value("scores")) {
        throw UsageError("give --ckpt or --scores, not both");
    }
    annotation::PreferenceFile file;
    Scores scores;
    std::map<std::string, Scores> aspectScores; // a stage-2 judge's own score on each aspect it has
    try {
        file = annotation::readPreferenceFile(QString::fromStdString(*pairsFile), *format);
        for (const QString& note : file.notes) {
            printNote(note.toStdString());
        }
        if (commandLine.value("scores")) {
            scores = readScores(*commandLine.value("scores"));
        }
    } catch (const annotation::ImportError& error) {
        printError(error.what());
        return kExitBadInput;
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    // Every video must be there before anything is scored (a missing one is named with its line).
    for (const annotation::PreferencePair& pair : file.pairs) {
        for (const QString& video : {pair.videoA, pair.videoB}) {
            const std::string key = video.toStdString();
            const bool known = commandLine.value("scores") ? scores.count(key) != 0 : QFileInfo::exists(video);
            if (!known) {
                printError(*pairsFile + ":" + std::to_string(pair.line) + ": " + key +
                           (commandLine.value("scores") ? " has no score in " + *commandLine.value("scores")
                                                        : std::string(" does not exist")));
                return kExitBadInput;
            }
        }
    }
    std::string source = commandLine.valueOr("scores", "");
    if (!commandLine.value("scores")) {
        model::JudgeOptions options;
        options.threads = commandLine.intValue("threads", 0);
        try {
            source = chosenCheckpoint(commandLine);
            model::Judge judge = model::Judge::load(source, options);
            const std::atomic<bool>& stop = installStopRequest();
            for (const annotation::PreferencePair& pair : file.pairs) {
                for (const QString& video : {pair.videoA, pair.videoB}) {
                    const std::string key = video.toStdString();
                    if (scores.count(key) == 0) {
                        const VideoScore score = scoreVideo(judge, key, stop);
                        scores[key] = score.preference();
                        for (const QString& aspect : file.aspectNames) {
                            aspectScores[aspect.toStdString()][key] =
                                score.aspectPreference(judge.config(), aspect.toStdString());
                        }
                    }
                }
            }
        } catch (const media::MediaError& error) {
            printError(error.what());
            return kExitBadInput;
        } catch (const model::ModelError& error) {
            printError(error.what());
            return kExitBadInput;
        }
    }
    std::vector<model::PairOutcome> overall;
    std::map<std::string, std::vector<model::PairOutcome>> aspects;
    for (const annotation::PreferencePair& pair : file.pairs) {
        const double margin = scores[pair.videoA.toStdString()] - scores[pair.videoB.toStdString()];
        overall.push_back({annotation::preferenceSign(pair.verdict), margin});
        for (auto it = pair.aspects.begin(); it != pair.aspects.end(); ++it) {
            const std::string aspect = it.key().toStdString();
            const auto own = aspectScores.find(aspect);
            const double aspectMargin = own == aspectScores.end() ? margin
                                                                  : own->second[pair.videoA.toStdString()] -
                                                                        own->second[pair.videoB.toStdString()];
            aspects[aspect].push_back({annotation::preferenceSign(it.value()), aspectMargin});
        }
    }
    nlohmann::json result = {{"pairs_file", *pairsFile},
                             {"format", annotation::preferenceFormatName(*format).toStdString()},
                             {"scores_from", source},
                             {"overall", training::preferenceFigures(overall)}};
    nlohmann::json perAspect = nlohmann::json::object();
    for (const auto& [name, pairs] : aspects) {
        perAspect[name] = training::preferenceFigures(pairs);
    }
    result["aspects"] = perAspect;
    if (commandLine.flag("json")) {
        std::cout << svj::model::jsonText(result) << "\n";
    } else {
        std::cout << *pairsFile << " (" << result["format"].get<std::string>() << "), scores from " << source << "\n";
        std::cout << training::describeFigures("overall", result["overall"]) << "\n";
        for (const auto& [name, figure] : perAspect.items()) {
            std::cout << training::describeFigures(name, figure) << "\n";
        }
    }
    return kExitOk;
}

} // namespace svj::cli
