#include "training/score_run.h"

#include "media/media_error.h"
#include "model/model_error.h"
#include "training/video_judging.h"

#include <algorithm>
#include <stdexcept>

namespace svj::training {

double VideoScore::aspectPreference(const model::JudgeConfig& config, const std::string& aspect) const {
    const auto it = std::find(config.aspects.begin(), config.aspects.end(), aspect);
    const auto index = static_cast<size_t>(it - config.aspects.begin());
    return stage2 && index < aspectScores.size() ? static_cast<double>(aspectScores[index]) : preference();
}

std::vector<std::string> shardOf(const std::vector<std::string>& videos, int shard, int shards) {
    if (shards < 1 || shard < 0 || shard >= shards) {
        throw std::invalid_argument("a shard i/N needs 0 <= i < N");
    }
    std::vector<std::string> share;
    for (size_t i = static_cast<size_t>(shard); i < videos.size(); i += static_cast<size_t>(shards)) {
        share.push_back(videos[i]);
    }
    return share;
}

ScoreRun::ScoreRun(ScoreOptions options)
    : m_options(std::move(options)) {
    m_options.videos = shardOf(m_options.videos, m_options.shard, m_options.shards);
}

model::Judge& ScoreRun::judge() {
    if (!m_judge) {
        m_judge.emplace(model::Judge::load(m_options.checkpoint, m_options.judge));
    }
    return *m_judge;
}

VideoScore ScoreRun::scoreOne(const std::string& path, const ScoreListener& listener, const std::atomic<bool>& stop) {
    model::Judge& scorer = judge();
    const WindowProgress progress = [&](size_t done, size_t total) {
        if (listener) {
            ScoreEvent event;
            event.kind = ScoreEventKind::Window;
            event.video = path;
            event.done = done;
            event.total = total;
            listener(event);
        }
    };
    const JudgedVideo judged = judgeVideoFile(scorer, path, judgingPlan(scorer.config()), &stop, progress);
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

int ScoreRun::run(const ScoreListener& listener, const std::atomic<bool>& stop, const KeptScore& keep) {
    const auto tell = [&](ScoreEventKind kind, const std::string& video, const VideoScore* score,
                          const std::string& message) {
        if (listener) {
            ScoreEvent event;
            event.kind = kind;
            event.video = video;
            event.score = score;
            event.message = message;
            listener(event);
        }
    };
    int failures = 0;
    size_t listed = 0;
    while (true) {
        std::string path;
        if (listed < m_options.videos.size()) {
            path = m_options.videos[listed++];
        } else if (m_options.source && !stop.load()) {
            const std::optional<std::string> next = m_options.source();
            if (!next) {
                break;
            }
            path = *next;
        } else {
            break;
        }
        if (keep && keep(path)) {
            tell(ScoreEventKind::Kept, path, nullptr, {});
            continue;
        }
        if (!m_judge) {
            judge(); // a checkpoint that cannot be loaded fails the run, not each video
        }
        VideoScore score;
        try {
            score = scoreOne(path, listener, stop);
        } catch (const media::MediaError& error) {
            if (!m_options.keepGoing) {
                throw;
            }
            ++failures;
            tell(ScoreEventKind::Failed, path, nullptr, error.what()); // names the file
            continue;
        } catch (const model::ModelError& error) {
            if (!m_options.keepGoing) {
                throw;
            }
            ++failures;
            tell(ScoreEventKind::Failed, path, nullptr, path + ": " + error.what());
            continue;
        }
        tell(ScoreEventKind::Scored, path, &score, {}); // what the listener throws ends the run
    }
    return failures;
}

} // namespace svj::training
