#include "app/cli/video_score.h"

#include "model/default_judge.h"
#include "training/video_judging.h"

#include <algorithm>

namespace svj::cli {

std::string chosenCheckpoint(const CommandLine& commandLine) {
    const std::optional<std::string> named = commandLine.value("ckpt");
    return named ? *named : model::defaultJudgePath();
}

double VideoScore::aspectPreference(const model::JudgeConfig& config, const std::string& aspect) const {
    const auto it = std::find(config.aspects.begin(), config.aspects.end(), aspect);
    const auto index = static_cast<size_t>(it - config.aspects.begin());
    return stage2 && index < aspectScores.size() ? static_cast<double>(aspectScores[index]) : preference();
}

VideoScore scoreVideo(model::Judge& judge, const std::string& path, const std::atomic<bool>& stop,
                      const WindowScored& onWindow) {
    const training::JudgedVideo judged =
        training::judgeVideoFile(judge, path, training::judgingPlan(judge.config()), &stop, onWindow);
    VideoScore result;
    result.path = path;
    result.frameCount = judged.frameCount;
    result.fps = judged.fps;
    result.framePtsUs = judged.framePtsUs;
    result.windows = judged.windows;
    result.curve = judged.curve;
    result.aspectScores = judged.aspectScores;
    result.reward = judged.reward;
    result.stage2 = judged.stage2;
    result.tilesPerFrame = judged.tilesPerFrame;
    return result;
}

} // namespace svj::cli
