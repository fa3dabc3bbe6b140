#include "app/cli/video_score.h"

#include "app/cli/training_clips.h"
#include "media/clip_sampler.h"
#include "media/video_reader.h"
#include "model/default_judge.h"

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
    const media::ClipSpec spec = judgeClipSpec(judge.config());
    media::VideoReader reader(path);
    VideoScore result;
    result.path = path;
    result.frameCount = reader.frameCount();
    result.fps = reader.info().frameRate.value();
    result.framePtsUs = reader.framePtsUs();
    const std::vector<media::Clip> clips = media::sampleCoverage(reader, spec);
    for (const media::Clip& clip : clips) {
        const model::ScoreResult score =
            judge.score({clip.rgb.data(), clip.frameCount, clip.height, clip.width}, {}, &stop);
        result.windows.push_back({clip.plan.sourceIndices, score.frameEnergies, score.energy});
        if (score.hasAspects) {
            result.stage2 = true;
            result.reward += score.reward / static_cast<float>(clips.size());
            result.aspectScores.resize(score.aspectScores.size(), 0.0f);
            for (size_t i = 0; i < score.aspectScores.size(); ++i) {
                result.aspectScores[i] += score.aspectScores[i] / static_cast<float>(clips.size());
            }
        }
        if (onWindow) {
            onWindow(result.windows.size(), clips.size());
        }
    }
    result.curve = model::stitchWindows(result.windows, result.frameCount);
    return result;
}

} // namespace svj::cli
