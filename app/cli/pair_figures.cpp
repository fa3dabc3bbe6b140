#include "app/cli/pair_figures.h"

#include "app/cli/interrupt.h"
#include "model/json_text.h"
#include "model/metrics.h"
#include "training/preference_figures.h"
#include "training/score_run.h"

#include <iostream>
#include <set>
#include <vector>

namespace svj::cli {

std::vector<std::string> pairVideos(const annotation::PreferenceFile& file) {
    std::vector<std::string> videos;
    std::set<std::string> seen;
    for (const annotation::PreferencePair& pair : file.pairs) {
        for (const QString& video : {pair.videoA, pair.videoB}) {
            if (seen.insert(video.toStdString()).second) {
                videos.push_back(video.toStdString());
            }
        }
    }
    return videos;
}

void scoreWithJudge(const annotation::PreferenceFile& file, const std::string& checkpoint, int threads, Scores& scores,
                    std::map<std::string, Scores>& aspectScores) {
    training::ScoreOptions options;
    options.videos = pairVideos(file);
    options.checkpoint = checkpoint;
    options.judge.threads = threads;
    options.keepGoing = false; // a video that cannot be read stops the evaluation, naming it
    training::ScoreRun run(options);
    run.judge();
    run.run(
        [&](const training::ScoreEvent& event) {
            if (event.kind != training::ScoreEventKind::Scored) {
                return;
            }
            scores[event.video] = event.score->preference();
            for (const QString& aspect : file.aspectNames) {
                aspectScores[aspect.toStdString()][event.video] =
                    event.score->aspectPreference(run.judge().config(), aspect.toStdString());
            }
        },
        installStopRequest());
}

nlohmann::json pairFigures(const annotation::PreferenceFile& file, const Scores& scores,
                           const std::map<std::string, Scores>& aspectScores) {
    std::vector<model::PairOutcome> overall;
    std::map<std::string, std::vector<model::PairOutcome>> aspects;
    for (const annotation::PreferencePair& pair : file.pairs) {
        const std::string a = pair.videoA.toStdString();
        const std::string b = pair.videoB.toStdString();
        const double margin = scores.at(a) - scores.at(b);
        overall.push_back({annotation::preferenceSign(pair.verdict), margin});
        for (auto it = pair.aspects.begin(); it != pair.aspects.end(); ++it) {
            const std::string aspect = it.key().toStdString();
            const auto own = aspectScores.find(aspect);
            const double aspectMargin = own == aspectScores.end() ? margin : own->second.at(a) - own->second.at(b);
            aspects[aspect].push_back({annotation::preferenceSign(it.value()), aspectMargin});
        }
    }
    nlohmann::json perAspect = nlohmann::json::object();
    for (const auto& [name, outcomes] : aspects) {
        perAspect[name] = training::preferenceFigures(outcomes);
    }
    return {{"overall", training::preferenceFigures(overall)}, {"aspects", perAspect}};
}

void printPairFigures(const nlohmann::json& result, bool json) {
    if (json) {
        std::cout << svj::model::jsonText(result) << "\n";
        return;
    }
    std::cout << result["pairs_file"].get<std::string>() << " (" << result["format"].get<std::string>()
              << "), scores from " << result["scores_from"].get<std::string>() << "\n";
    std::cout << training::describeFigures("overall", result["overall"]) << "\n";
    for (const auto& [name, figure] : result["aspects"].items()) {
        std::cout << training::describeFigures(name, figure) << "\n";
    }
}

} // namespace svj::cli
