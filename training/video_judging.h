// How the judge looks at a whole video: consecutive frames at the video's own rate (or the judge's rate when
// it has one, e.g. 8 fps for generated video), in windows of the judge's clip length that overlap by half,
// each frame cut into tiles of the judge's input size at the video's own scale (never a thumbnail). Each
// window's latent-frame energies are the mean over its tiles; the windows are stitched into one curve with
// one energy per source frame. Shared by `svj score`, `svj faultcheck`, training checks and bench/.
#pragma once

#include "media/video_faults.h"
#include "model/judge.h"
#include "model/score_curve.h"
#include "model/training_data.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace svj::training {

struct JudgingPlan {
    int tileSize = 64;           // the judge's square input
    int windowFrames = 17;       // 1 + 4k
    int windowStride = 8;        // frames between window starts (a multiple of 4 keeps latent frames aligned)
    int maxTiles = 48;           // tiles per frame; larger frames get a sparser, evenly spread grid
    double fps = 0.0;            // 0: every frame at the video's own rate; else frames picked at this rate
    int batch = 32;              // tile-windows per forward pass
    bool keepTileScores = false; // keep every tile's score (a reference for judging a changed copy)
};

// The plan a judge's config asks for (its input size, frames, rate, stride and tile budget).
JudgingPlan judgingPlan(const model::JudgeConfig& config);

// Where the tiles of a frame go: top-left corners, on a grid that covers the frame (the last row and
// column flush with its edges), thinned evenly to at most `maxTiles`. A frame smaller than a tile is first
// enlarged to `scaledWidth` x `scaledHeight` (its short side one tile).
struct TileGrid {
    std::vector<std::pair<int, int>> origins; // (x, y) in the (scaled) frame
    int scaledWidth = 0;
    int scaledHeight = 0;
    bool scaled = false;
};
TileGrid tileGrid(int width, int height, int tile, int maxTiles);

struct JudgedVideo {
    int64_t frameCount = 0;
    double fps = 0.0;
    std::vector<int64_t> framePtsUs;          // when each source frame starts
    std::vector<model::ScoredWindow> windows; // per window: the source frames shown and their energies
    model::VideoCurve curve;                  // one energy per source frame, the video's energy, worst frame
    int tilesPerFrame = 0;
    bool scaled = false;             // frames were smaller than a tile and enlarged
    std::vector<float> aspectScores; // stage-2 judges: mean over tiles and windows
    float reward = 0.0f;
    bool stage2 = false;
    int64_t tilesScored = 0;                                 // tile-windows the judge ran on
    std::vector<std::vector<model::ScoreResult>> tileScores; // per window, per tile (JudgingPlan::keepTileScores)
};

// Frame `index` (0-based, in the source) as packed RGB24 of the video's size; valid until the next call.
using FrameFetcher = std::function<const uint8_t*(int64_t index)>;
using WindowProgress = std::function<void(size_t done, size_t total)>;

// A judged clip whose tile scores a copy of it may reuse: where the copy's tile-window is byte for byte the
// reference's, its score is the reference's (the judge is deterministic), and only the changed ones run.
struct JudgingReference {
    const JudgedVideo* judged = nullptr; // judged with keepTileScores
    int64_t frameCount = 0;
    int width = 0;
    int height = 0;
    FrameFetcher fetch;
};

// The general form: `frameCount` frames of `width` x `height` at `fps`, with their start times (empty:
// evenly spaced). Throws model::Cancelled when `cancel` is set.
JudgedVideo judgeFrames(model::Judge& judge, int64_t frameCount, int width, int height, double fps,
                        const std::vector<int64_t>& framePtsUs, const FrameFetcher& fetch, const JudgingPlan& plan,
                        const std::atomic<bool>* cancel = nullptr, const WindowProgress& progress = {},
                        const JudgingReference* reference = nullptr);

struct JudgedClip {
    const media::PackedClip* clip = nullptr;
    JudgedVideo judged; // judged with keepTileScores
};

// A clip in memory (its first `frames` frames; all when 0), optionally as a changed copy of `reference`.
JudgedVideo judgeClip(model::Judge& judge, const media::PackedClip& clip, double fps, const JudgingPlan& plan,
                      int frames = 0, const JudgedClip* reference = nullptr);
// A video file, decoded once front to back. Throws media::MediaError for a file that cannot be read.
JudgedVideo judgeVideoFile(model::Judge& judge, const std::string& path, const JudgingPlan& plan,
                           const std::atomic<bool>* cancel = nullptr, const WindowProgress& progress = {});

// The windows of a video a fine-tune trains and checks on, as the judge sees them: with tiles, up to
// `tilesPerWindow` input-sized tiles of each window at the video's own scale, spread over the frame (each a
// clip of its own); with the frame view, the resized frames. Throws media::MediaError for an unreadable file.
std::vector<model::TrainingClip> judgeWindows(const std::string& path, const model::JudgeConfig& config,
                                              int tilesPerWindow = 4);

} // namespace svj::training
