// Scoring videos as a library object: the judge loaded once (on first need), each video judged whole (windows
// of the judge's clip length, tiles at its own scale: training/video_judging) into one energy curve, an event
// per window and per video, cancel between windows. `svj score` and `svj eval` map flags to the options and
// print the events; tests drive it directly.
#pragma once

#include "model/judge.h"
#include "model/score_curve.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace svj::training {

struct VideoScore {
    std::string path;
    int64_t frameCount = 0;
    double fps = 0.0;
    std::vector<int64_t> framePtsUs;
    std::vector<model::ScoredWindow> windows;
    model::VideoCurve curve;
    std::vector<float> aspectScores; // mean over windows, stage-2 judges only
    float reward = 0.0f;             // mean over windows, stage-2 judges only (higher = better)
    bool stage2 = false;
    int tilesPerFrame = 1; // how many tiles of each frame the judge saw (1: the whole frame, resized)

    // How good the judge finds the video, higher = better: a stage-2 judge's reward, else minus the energy.
    double preference() const { return stage2 ? static_cast<double>(reward) : -static_cast<double>(curve.energy); }
    // The score on one aspect where a stage-2 judge has it (by name), else preference().
    double aspectPreference(const model::JudgeConfig& config, const std::string& aspect) const;
};

struct ScoreOptions {
    std::vector<std::string> videos;
    std::string checkpoint;
    model::JudgeOptions judge;
    // A video that cannot be read: a Failed event and the next video (true), or the error thrown (false).
    bool keepGoing = true;
    // This run scores share `shard` of `shards` (svj score --shard i/N, or RANK / WORLD_SIZE): every N-th video of
    // the list from the i-th on, so N runs with the same list score each video exactly once.
    int shard = 0;
    int shards = 1;
    // More videos after `videos`, pulled one at a time until it gives none (not sharded: a workspace's videos
    // claimed by this worker, say). Not asked once `stop` is set.
    std::function<std::optional<std::string>()> source;
};

// The videos of share `shard` of `shards` (0 <= shard < shards), in list order.
std::vector<std::string> shardOf(const std::vector<std::string>& videos, int shard, int shards);

enum class ScoreEventKind {
    Window, // a window of `video` scored: `done` of `total`
    Scored, // `video` scored: `score`
    Kept,   // `video` left to the caller's keep() (a score it already has)
    Failed  // `video` could not be scored: `message` names it and why
};

struct ScoreEvent {
    ScoreEventKind kind = ScoreEventKind::Window;
    std::string video;
    size_t done = 0;
    size_t total = 0;
    const VideoScore* score = nullptr; // Scored only; valid during the call
    std::string message;
};

using ScoreListener = std::function<void(const ScoreEvent& event)>;
// True when the caller already has a score of `video` it keeps (a workspace's stored score, say): the video is
// not scored and, when every video is kept, the judge is never loaded.
using KeptScore = std::function<bool(const std::string& video)>;

class ScoreRun {
public:
    // Keeps only its shard's videos; throws std::invalid_argument for a shard outside 0 .. shards - 1.
    explicit ScoreRun(ScoreOptions options);

    // Scores the videos in order and returns how many failed. Throws model::ModelError when the checkpoint cannot
    // be loaded (every video would fail alike), model::Cancelled when `stop` is set, and whatever the listener
    // throws; with keepGoing false, media::MediaError / model::ModelError of the first video that fails.
    int run(const ScoreListener& listener, const std::atomic<bool>& stop, const KeptScore& keep = {});

    // The judge, loaded on the first call. Throws model::ModelError naming the checkpoint.
    model::Judge& judge();
    bool judgeLoaded() const { return m_judge.has_value(); }
    const ScoreOptions& options() const { return m_options; }

private:
    VideoScore scoreOne(const std::string& path, const ScoreListener& listener, const std::atomic<bool>& stop);

    ScoreOptions m_options;
    std::optional<model::Judge> m_judge;
};

} // namespace svj::training
