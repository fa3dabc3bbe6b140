#include "app/cli/training_clips.h"

#include "media/clip_sampler.h"
#include "media/media_error.h"
#include "media/video_faults.h"
#include "media/video_files.h"
#include "media/video_reader.h"
#include "model/metrics.h"
#include "model/model_error.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

namespace svj::cli {
namespace {

model::TrainingClip toTrainingClip(media::Clip clip) {
    model::TrainingClip out;
    out.frames = clip.frameCount;
    out.height = clip.height;
    out.width = clip.width;
    out.source =
        clip.path + " @" + std::to_string(clip.plan.sourceIndices.empty() ? 0 : clip.plan.sourceIndices.front());
    out.rgb = std::move(clip.rgb);
    return out;
}

media::PackedClip toPacked(const model::TrainingClip& clip) {
    media::PackedClip packed;
    packed.rgb = clip.rgb;
    packed.frames = clip.frames;
    packed.height = clip.height;
    packed.width = clip.width;
    return packed;
}

// Every window of a video, once per coverage pass (later passes start part of a window later, so the
// clips do not all begin on the same frames) and per sampling rate (the judge's rate times each scale:
// the same footage moving slower and faster).
std::vector<model::TrainingClip> videoClips(const std::string& path, const model::JudgeConfig& config,
                                            const std::vector<double>& offsets, double margin, Progress& progress,
                                            const std::vector<double>& rateScales = {1.0}) {
    std::vector<model::TrainingClip> clips;
    media::VideoReader reader(path);
    bool first = true;
    for (const double rate : rateScales) {
        for (const double offset : offsets) {
            media::ClipSpec spec = judgeClipSpec(config);
            spec.fps = config.inputFps * rate;
            spec.width = 2 * static_cast<int>(std::lround(config.inputWidth * (1.0 + margin) / 2));
            spec.height = 2 * static_cast<int>(std::lround(config.inputHeight * (1.0 + margin) / 2));
            spec.startSeconds = offset * static_cast<double>(spec.frameCount - 1) / spec.fps;
            try {
                for (media::Clip& clip : media::sampleCoverage(reader, spec)) {
                    clips.push_back(toTrainingClip(std::move(clip)));
                }
            } catch (const media::MediaError& error) {
                if (error.kind() != media::MediaErrorKind::OutOfRange &&
                    error.kind() != media::MediaErrorKind::InvalidVideo) {
                    throw;
                }
                if (first) {
                    progress.event("skipped", {{"video", path}, {"why", error.what()}},
                                   "skipped " + path + ": " + std::string(error.what()));
                }
            }
            first = false;
        }
    }
    return clips;
}

// Mean absolute difference per colour sample, in 0..255 units.
double meanAbsoluteDifference(const media::PackedClip& a, const media::PackedClip& b) {
    uint64_t sum = 0;
    for (size_t i = 0; i < a.rgb.size(); ++i) {
        sum += static_cast<uint64_t>(std::abs(static_cast<int>(a.rgb[i]) - static_cast<int>(b.rgb[i])));
    }
    return a.rgb.empty() ? 0.0 : static_cast<double>(sum) / static_cast<double>(a.rgb.size());
}

constexpr int kCheckRepeats = 3;

// Below this a broken copy looks like its clean clip (a quarter of a grey level on average).
constexpr double kVisibleDifference = 0.25;

} // namespace

media::ClipSpec judgeClipSpec(const model::JudgeConfig& config) {
    media::ClipSpec spec;
    spec.fps = config.inputFps;
    spec.frameCount = config.inputFrames;
    spec.width = config.inputWidth;
    spec.height = config.inputHeight;
    spec.shortPolicy = media::ShortVideoPolicy::Shrink;
    return spec;
}

std::vector<TrainingClip> loadCheckClips(const std::vector<std::string>& videos, const model::JudgeConfig& config,
                                         Progress& progress) {
    std::vector<TrainingClip> clips;
    for (const std::string& path : videos) {
        for (model::TrainingClip& clip : videoClips(path, config, {0.0}, 0.0, progress)) {
            clips.push_back({std::move(clip), path, {}});
        }
    }
    return clips;
}

std::string readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw model::ModelError(path + ": cannot read the file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TrainingClips loadTrainingClips(const std::string& videos, const std::optional<std::string>& generated,
                                const model::JudgeConfig& config, const ClipSettings& settings, Progress& progress) {
    TrainingClips data;
    std::vector<std::string> paths = media::listVideoFiles(videos);
    // The held-out videos: a seeded draw, so a resumed run holds out the same ones.
    std::vector<std::string> shuffled = paths;
    std::mt19937_64 splitRandom(settings.seed);
    std::shuffle(shuffled.begin(), shuffled.end(), splitRandom);
    size_t holdCount = 0;
    if (settings.holdoutFraction > 0 && paths.size() >= 2) {
        holdCount = std::clamp<size_t>(static_cast<size_t>(std::lround(settings.holdoutFraction * paths.size())), 1,
                                       paths.size() - 1);
    }
    std::vector<std::string> heldOut(shuffled.begin(), shuffled.begin() + static_cast<std::ptrdiff_t>(holdCount));
    for (const std::string& path : paths) {
        const bool hold = std::find(heldOut.begin(), heldOut.end(), path) != heldOut.end();
        // Held-out videos are checked on their first pass only: the check needs no shifted duplicates.
        const std::vector<double> offsets =
            hold ? std::vector<double>{settings.windowOffsets.front()} : settings.windowOffsets;
        // Training clips are larger than the judge's input (the trainer cuts them at random); held-out clips
        // are exactly what `svj score` would show the judge.
        std::vector<model::TrainingClip> clips =
            videoClips(path, config, offsets, hold ? 0.0 : settings.cropMargin, progress,
                       hold ? std::vector<double>{1.0} : settings.rateScales);
        if (clips.empty()) {
            continue;
        }
        (hold ? data.heldOutVideos : data.trainVideos).push_back(path);
        for (model::TrainingClip& clip : clips) {
            (hold ? data.heldOut : data.real).push_back({std::move(clip), path, {}});
        }
    }
    if (data.real.empty()) {
        throw model::ModelError(videos + ": no video long enough for a " + std::to_string(config.inputFrames) +
                                "-frame clip is left for training");
    }
    // Broken copies: each real clip gets `faultCopies` different faults, the kinds rotating across clips.
    const std::vector<media::VideoFault> faults = media::allVideoFaults();
    std::mt19937_64 faultRandom(settings.seed * 0x9E3779B97F4A7C15ull + 17);
    for (size_t i = 0; i < data.real.size(); ++i) {
        const media::PackedClip packed = toPacked(data.real[i].clip);
        for (int k = 0; k < settings.faultCopies; ++k) {
            const media::VideoFault fault = faults[(i + static_cast<size_t>(k)) % faults.size()];
            media::FaultRecord record;
            media::PackedClip broken = media::applyVideoFault(packed, fault, faultRandom, &record);
            if (record.length == 0) {
                continue; // too short to break
            }
            model::TrainingClip copy = data.real[i].clip;
            copy.rgb = std::move(broken.rgb);
            copy.source += " (" + record.description + ")";
            data.real[i].brokenCopies.push_back(std::move(copy));
        }
    }
    if (generated) {
        for (const std::string& path : media::listVideoFiles(*generated)) {
            for (model::TrainingClip& clip : videoClips(path, config, {0.0}, settings.cropMargin, progress)) {
                data.negatives.push_back({std::move(clip), path, {}});
            }
        }
    }
    return data;
}

nlohmann::json evaluateCleanVsBroken(model::Judge& judge, const std::vector<TrainingClip>& clean, uint64_t seed) {
    const std::vector<media::VideoFault> faults = media::allVideoFaults();
    std::vector<model::PairOutcome> all;
    nlohmann::json perFault = nlohmann::json::object();
    std::vector<std::vector<model::PairOutcome>> byFault(faults.size());
    size_t invisible = 0;
    for (size_t i = 0; i < clean.size(); ++i) {
        const model::TrainingClip& clip = clean[i].clip;
        const media::PackedClip packed = toPacked(clip);
        // The same broken copies every time the check runs: its own generator, seeded per clip; each fault
        // several times (other places and strengths) so a handful of clips still gives a steady figure.
        std::mt19937_64 random(seed * 1000003ull + i);
        std::vector<media::PackedClip> broken;
        std::vector<size_t> kinds;
        for (int repeat = 0; repeat < kCheckRepeats; ++repeat) {
            for (size_t f = 0; f < faults.size(); ++f) {
                broken.push_back(media::applyVideoFault(packed, faults[f], random));
                kinds.push_back(f);
            }
        }
        std::vector<model::ClipView> views{{clip.rgb.data(), clip.frames, clip.height, clip.width}};
        for (const media::PackedClip& copy : broken) {
            views.push_back({copy.rgb.data(), copy.frames, copy.height, copy.width});
        }
        const std::vector<model::ScoreResult> scores = judge.scoreBatch(views, 10);
        for (size_t b = 0; b < broken.size(); ++b) {
            const size_t f = kinds[b];
            // A fault that changed (almost) nothing, such as a freeze on a still shot, cannot be judged:
            // the pair is left out and counted.
            if (meanAbsoluteDifference(packed, broken[b]) < kVisibleDifference) {
                ++invisible;
                continue;
            }
            // Clean is A and humans prefer it; the margin is score(A) - score(B) with score = -energy.
            const model::PairOutcome pair{1, static_cast<double>(scores[b + 1].energy - scores[0].energy)};
            byFault[f].push_back(pair);
            all.push_back(pair);
        }
    }
    for (size_t f = 0; f < faults.size(); ++f) {
        perFault[media::videoFaultName(faults[f])] = model::accuracyWithoutTies(byFault[f]);
    }
    return {{"overall", model::accuracyWithoutTies(all)},
            {"pairs", all.size()},
            {"clips", clean.size()},
            {"invisible_pairs_left_out", invisible},
            {"faults", perFault}};
}

std::string describeCleanVsBroken(const nlohmann::json& result) {
    std::ostringstream text;
    text.precision(3);
    text << result.value("overall", 0.0) << " of " << result.value("pairs", 0) << " pairs (";
    bool first = true;
    for (auto it = result["faults"].begin(); it != result["faults"].end(); ++it) {
        text << (first ? "" : ", ") << it.key() << " " << it.value().get<double>();
        first = false;
    }
    text << ")";
    return text.str();
}

} // namespace svj::cli
