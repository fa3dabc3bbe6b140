// The clean-vs-broken check of a judge on footage it never trained on, with the two no-learning baselines
// computed by the same program on the same pairs: every clean clip against broken copies of itself, one per
// fault of the five families (random strength, place and extent), whole frames at their own size and rate
// scored the way `svj score` scores a video. Reports accuracy per fault, per family and overall for the
// judge and both baselines; localisation (does the peak of E_broken(t) - E_clean(t) fall on the fault);
// false alarms (a high-quality re-encode should tie with its clean clip); and how flat clean curves are
// where windows meet.
#pragma once

#include "media/video_faults.h"
#include "model/judge.h"
#include "training/footage.h"
#include "training/video_judging.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace svj::training {

struct CheckClip {
    media::PackedClip clip; // `frames` frames and the look-ahead after them
    int frames = 0;
    double fps = 25.0;
    std::string source;
    std::string what;
    std::string key; // `what` without the footage's folder: its broken copies are seeded from it
    FootageKind kind = FootageKind::Camera;
};

struct CheckClipSettings {
    double seconds = 2.0;  // each clip's length (at least 33 frames, at most 120)
    int clipsPerVideo = 2; // spread over the video
    int lookAhead = 8;
    int maxWidth = 1280; // larger frames are cut (at their own scale) to this
    int maxHeight = 720;
    int clipsPerPhoto = 1;
    int photoWidth = 640; // photographs set in motion at this size
    int photoHeight = 360;
    uint64_t seed = 1;
};

using CheckLog = std::function<void(const std::string& message)>;

// Clips of the held-out footage: videos cut into clips, photos set in motion (with held-out objects).
std::vector<CheckClip> loadCheckClips(const std::vector<FootageItem>& items, const CheckClipSettings& settings,
                                      const CheckLog& log = {});

struct FaultCheckSettings {
    std::vector<media::VideoFault> faults; // empty: all
    int repeats = 1;                       // copies per fault and clip (other places and strengths)
    uint64_t seed = 1;
    bool baselines = true;
    bool falseAlarms = true;
    int threads = 2; // for making the broken copies and measuring the baselines
};

// How many copies of each clip a check with `settings` judges against it (the re-encode for false alarms
// included): CheckProgress counts the clips times this.
size_t copiesPerCheckClip(const FaultCheckSettings& settings);

struct CheckProgress {
    size_t done = 0;
    size_t total = 0; // clips times copiesPerCheckClip
};

// `judge` may be null: the baselines alone. Throws model::Cancelled when `cancel` is set.
nlohmann::json runFaultCheck(model::Judge* judge, const std::vector<CheckClip>& clips,
                             const FaultCheckSettings& settings, const std::atomic<bool>* cancel = nullptr,
                             const std::function<void(const CheckProgress&)>& progress = {});

// The table of a result: per family and overall, the judge and both baselines, with pair counts.
std::string describeFaultCheck(const nlohmann::json& result);

} // namespace svj::training
