#include "app/cli/pair_figures.h"

#include "model/metrics.h"
#include "training/preference_figures.h"

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

} // namespace svj::cli
