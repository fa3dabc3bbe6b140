// `svj eval`: a judge's accuracy against human preferences from a benchmark file, with ties (threshold
// swept, best reported with it; the reference procedure too) and without, overall and per aspect. The
// scores come from our judge (training::ScoreRun) or, with --scores, from any other judge. Wiring only:
// annotation/ reads the file, training/ scores the videos, app/cli/pair_figures.h turns margins into figures.
#include "annotation/import_error.h"
#include "annotation/preference_file.h"
#include "app/cli/checkpoint_option.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/format_option.h"
#include "app/cli/pair_figures.h"
#include "app/cli/scores_file.h"
#include "media/media_error.h"
#include "model/model_error.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

namespace svj::cli {

int runEval(const Arguments& arguments) {
    CommandLine commandLine("eval",
                            {{"pairs", "FILE", "the labelled pairs"},
                             formatOption(),
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
    const annotation::PreferenceFormat format = chosenFormat(commandLine);
    if (commandLine.value("ckpt") && commandLine.value("scores")) {
        throw UsageError("give --ckpt or --scores, not both");
    }
    annotation::PreferenceFile file;
    Scores scores;
    std::map<std::string, Scores> aspectScores; // a stage-2 judge's own score on each aspect it has
    try {
        file = annotation::readPreferenceFile(QString::fromStdString(*pairsFile), format);
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
        try {
            source = chosenCheckpoint(commandLine);
            scoreWithJudge(file, source, commandLine.intValue("threads", 0), scores, aspectScores);
        } catch (const media::MediaError& error) {
            printError(error.what());
            return kExitBadInput;
        } catch (const model::ModelError& error) {
            printError(error.what());
            return kExitBadInput;
        }
    }
    nlohmann::json result = {{"pairs_file", *pairsFile},
                             {"format", annotation::preferenceFormatName(format).toStdString()},
                             {"scores_from", source}};
    result.update(pairFigures(file, scores, aspectScores));
    printPairFigures(result, commandLine.flag("json"));
    return kExitOk;
}

} // namespace svj::cli
