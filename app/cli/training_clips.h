// The clips `svj pretrain` trains and checks on: real footage decoded once at the judge's input size, split
// by video into training and held-out parts, with deliberately broken copies as extra negatives. Wiring
// between media/ (decoding, faults) and model/ (clips as plain RGB).
#pragma once

#include "app/cli/progress.h"
#include "media/clip_sampler.h"
#include "model/config.h"
#include "model/judge.h"
#include "model/training_data.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace svj::cli {

struct ClipSettings {
    int faultCopies = 6;                             // broken copies per real training clip
    double holdoutFraction = 0.25;                   // of the videos, at least one when there are two or more
    std::vector<double> windowOffsets{0.0, 0.5};     // coverage passes, shifted by this fraction of a window
    std::vector<double> rateScales{1.0, 0.625, 1.5}; // training clips sampled at these multiples of the rate
    double cropMargin = 0.25; // training clips are this much larger than the judge's input, cut at random
    uint64_t seed = 1;
};

struct TrainingClip {
    model::TrainingClip clip;
    std::string video;
    std::vector<model::TrainingClip> brokenCopies; // real training clips only
};

struct TrainingClips {
    std::vector<TrainingClip> real;      // positives, each with its broken copies
    std::vector<TrainingClip> negatives; // generated videos
    std::vector<TrainingClip> heldOut;   // clean clips of held-out videos
    std::vector<std::string> trainVideos;
    std::vector<std::string> heldOutVideos;
};

// Throws media::MediaError naming the file when a listed video cannot be read at all; a video too short
// for one clip is skipped with a message.
TrainingClips loadTrainingClips(const std::string& videos, const std::optional<std::string>& generated,
                                const model::JudgeConfig& config, const ClipSettings& settings, Progress& progress);

// What the judge sees of a video: its rate, clip length and size; short videos shrink to 1 + 4k frames.
media::ClipSpec judgeClipSpec(const model::JudgeConfig& config);

// Clean clips of whole videos exactly as `svj score` shows them to the judge (for the fault check).
std::vector<TrainingClip> loadCheckClips(const std::vector<std::string>& videos, const model::JudgeConfig& config,
                                         Progress& progress);

// Every held-out clip against broken copies of itself, three per fault: the share of pairs where the clean
// clip gets the lower energy, overall and per fault ({"overall": x, "pairs": n, "faults": {...}}). Pairs
// where the fault left the pixels (nearly) unchanged are left out and counted.
nlohmann::json evaluateCleanVsBroken(model::Judge& judge, const std::vector<TrainingClip>& clean, uint64_t seed);
std::string describeCleanVsBroken(const nlohmann::json& result);

std::string readTextFile(const std::string& path);

} // namespace svj::cli
