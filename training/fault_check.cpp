#include "training/fault_check.h"

#include "media/codec_round_trip.h"
#include "media/media_error.h"
#include "media/video_reader.h"
#include "model/metrics.h"
#include "training/baselines.h"
#include "training/parallel_for.h"
#include "training/photo_motion.h"
#include "training/seeds.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iomanip>
#include <map>
#include <sstream>

namespace svj::training {
namespace {

constexpr double kVisibleDifference = 0.25;
constexpr int kLocalisationSlack = 4; // frames either side of the fault's span

double medianOf(std::vector<double> values) {
    if (values.empty()) {
        return std::nan("");
    }
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

media::PackedClip firstFrames(const media::PackedClip& clip, int frames) {
    media::PackedClip out = clip;
    out.frames = std::min(frames, clip.frames);
    out.rgb.resize(clip.frameBytes() * static_cast<size_t>(out.frames));
    return out;
}

// Frames [first, first + count) of a video, cut to at most maxWidth x maxHeight around the centre.
media::PackedClip readClip(media::VideoReader& reader, int64_t first, int count, int maxWidth, int maxHeight) {
    media::VideoFrame frame;
    media::PackedClip clip;
    for (int t = 0; t < count; ++t) {
        reader.readFrame(first + t, frame);
        if (t == 0) {
            clip.width = std::min(frame.width, maxWidth) & ~1;
            clip.height = std::min(frame.height, maxHeight) & ~1;
            clip.frames = count;
            clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(count));
        }
        const int x = (frame.width - clip.width) / 2 / 16 * 16;
        const int y = (frame.height - clip.height) / 2 / 16 * 16;
        for (int row = 0; row < clip.height; ++row) {
            std::memcpy(clip.frame(t) + static_cast<size_t>(row) * clip.width * 3,
                        frame.row(y + row) + static_cast<size_t>(x) * 3, static_cast<size_t>(clip.width) * 3);
        }
    }
    return clip;
}

// What is kept of one copy once it has been judged and measured.
struct Copy {
    int fault = -1; // -1: the high-quality re-encode of the false-alarm check
    media::FaultRecord record;
    bool visible = true;
    double energy = 0;
    std::vector<float> curve;
    ClipFeatures features;
};

struct ClipResult {
    double energy = 0;
    std::vector<float> curve;
    // Per window after the first: the source frame where it starts to count in the curve, and one where two
    // of its own latent frames meet (judges with their own rate hold a sample over several source frames).
    std::vector<int64_t> windowEntries;
    std::vector<int64_t> windowInsides;
    ClipFeatures features;
    std::vector<Copy> copies;
};

double accuracy(const std::vector<double>& margins) {
    std::vector<model::PairOutcome> outcomes;
    for (const double margin : margins) {
        outcomes.push_back({1, margin});
    }
    return model::accuracyWithoutTies(outcomes);
}

struct Tally {
    std::vector<double> judge;
    std::vector<double> frameDifference;
    std::vector<double> classical;
    int localised = 0;
    int hits = 0;

    nlohmann::json json(bool withJudge, bool withBaselines) const {
        nlohmann::json out = {{"pairs", judge.size() + (withJudge ? 0 : frameDifference.size())}};
        if (withJudge) {
            out["judge"] = accuracy(judge);
            out["localised_pairs"] = localised;
            out["localisation"] = localised > 0 ? static_cast<double>(hits) / localised : std::nan("");
        }
        if (withBaselines) {
            out["frame_difference"] = accuracy(frameDifference);
            out["classical"] = accuracy(classical);
        }
        return out;
    }
};

} // namespace

std::vector<CheckClip> loadCheckClips(const std::vector<FootageItem>& items, const CheckClipSettings& settings,
                                      const CheckLog& log) {
    std::vector<CheckClip> clips;
    std::vector<const FootageItem*> objects;
    for (const FootageItem& item : items) {
        if (item.kind == FootageKind::Object) {
            objects.push_back(&item);
        }
    }
    for (const FootageItem& item : items) {
        std::mt19937_64 random(detail::seedOfText(settings.seed, item.key()));
        try {
            if (item.isVideo()) {
                media::VideoReader reader(item.path);
                const double fps = reader.info().frameRate.valid() ? reader.info().frameRate.value() : 25.0;
                const int64_t count = reader.frameCount();
                const int wanted = std::clamp(static_cast<int>(std::lround(settings.seconds * fps)), 33, 120);
                int frames = wanted;
                if (count < frames + settings.lookAhead) {
                    frames = static_cast<int>(count) - settings.lookAhead;
                }
                if (frames < 17) {
                    if (log) {
                        log("left out " + item.path + ": " + std::to_string(count) +
                            " frames are too few for a check clip");
                    }
                    continue;
                }
                const int64_t room = count - frames - settings.lookAhead;
                const int pieces = static_cast<int>(std::min<int64_t>(settings.clipsPerVideo, 1 + room / frames));
                for (int p = 0; p < pieces; ++p) {
                    const int64_t first = pieces == 1 ? room / 2 : room * p / (pieces - 1);
                    CheckClip clip;
                    clip.clip =
                        readClip(reader, first, frames + settings.lookAhead, settings.maxWidth, settings.maxHeight);
                    clip.frames = frames;
                    clip.fps = fps;
                    clip.source = item.source;
                    clip.kind = item.kind;
                    clip.what = item.path + " @" + std::to_string(first);
                    clip.key = item.key() + " @" + std::to_string(first);
                    clips.push_back(std::move(clip));
                }
            } else if (item.kind == FootageKind::Photo) {
                const Picture picture = loadPicture(item.path, 3000);
                for (int p = 0; p < settings.clipsPerPhoto; ++p) {
                    Picture object;
                    const bool withObject = !objects.empty() && std::uniform_int_distribution<int>(0, 1)(random) == 1;
                    if (withObject) {
                        object = loadPicture(
                            objects[std::uniform_int_distribution<size_t>(0, objects.size() - 1)(random)]->path, 800);
                    }
                    PhotoMotionSpec spec;
                    spec.width = settings.photoWidth;
                    spec.height = settings.photoHeight;
                    spec.fps = 25.0;
                    spec.frames = static_cast<int>(std::lround(settings.seconds * spec.fps)) + settings.lookAhead;
                    PhotoMotionClip rendered = renderPhotoMotion(picture, withObject ? &object : nullptr, spec, random);
                    std::normal_distribution<float> normal(0.0f, 1.0f);
                    const double noise = std::uniform_real_distribution<double>(0.0, 1.5)(random);
                    for (uint8_t& value : rendered.clip.rgb) {
                        value = static_cast<uint8_t>(std::clamp(std::lround(value + noise * normal(random)), 0L, 255L));
                    }
                    media::RoundTripSettings encode;
                    encode.fps = spec.fps;
                    encode.crf = std::uniform_int_distribution<int>(14, 24)(random);
                    CheckClip clip;
                    clip.clip = media::encodeRoundTrip(rendered.clip, encode);
                    clip.frames = spec.frames - settings.lookAhead;
                    clip.fps = spec.fps;
                    clip.source = item.source;
                    clip.kind = item.kind;
                    clip.what = item.path + " (" + rendered.description + ")";
                    clip.key = item.key() + " #" + std::to_string(p);
                    clips.push_back(std::move(clip));
                }
            }
        } catch (const media::MediaError& error) {
            if (log) {
                log("left out " + item.path + ": " + error.detail());
            }
        }
    }
    return clips;
}

size_t copiesPerCheckClip(const FaultCheckSettings& settings) {
    const size_t faultCount = settings.faults.empty() ? media::allVideoFaults().size() : settings.faults.size();
    return faultCount * static_cast<size_t>(std::max(1, settings.repeats)) + (settings.falseAlarms ? 1 : 0);
}

nlohmann::json runFaultCheck(model::Judge* judge, const std::vector<CheckClip>& clips,
                             const FaultCheckSettings& settings, const std::atomic<bool>* cancel,
                             const std::function<void(const CheckProgress&)>& progress) {
    const std::vector<media::VideoFault> faults = settings.faults.empty() ? media::allVideoFaults() : settings.faults;
    JudgingPlan plan = judge ? judgingPlan(judge->config()) : JudgingPlan{};
    plan.keepTileScores = true; // broken copies reuse the clean clip's scores where they did not change
    const size_t copiesPerClip = copiesPerCheckClip(settings);
    CheckProgress done{0, clips.size() * copiesPerClip};
    std::vector<ClipResult> results(clips.size());
    for (size_t c = 0; c < clips.size(); ++c) {
        const CheckClip& check = clips[c];
        const media::PackedClip clean = firstFrames(check.clip, check.frames);
        ClipResult& result = results[c];
        JudgedClip reference;
        reference.clip = &clean;
        if (judge) {
            reference.judged = judgeClip(*judge, clean, check.fps, plan);
            result.energy = reference.judged.curve.energy;
            result.curve = reference.judged.curve.frameEnergies;
            const std::vector<model::ScoredWindow>& windows = reference.judged.windows;
            for (size_t w = 1; w < windows.size(); ++w) {
                const std::vector<int64_t>& shown = windows[w].sourceFrames;
                size_t entry = 0;
                while (entry < windows[w].frameWeights.size() && windows[w].frameWeights[entry] <= 0.0f) {
                    ++entry;
                }
                if (entry < shown.size()) {
                    result.windowEntries.push_back(shown[entry]);
                }
                if (shown.size() > 5) {
                    result.windowInsides.push_back(shown[5]); // latent frames 1 and 2 meet there
                }
            }
        }
        // The copies of this clip, made and measured side by side, judged one after the other.
        result.copies.resize(copiesPerClip);
        std::vector<media::PackedClip> broken(result.copies.size());
        detail::parallelFor(result.copies.size(), settings.threads, [&](size_t k) {
            Copy& copy = result.copies[k];
            const bool reencode = settings.falseAlarms && k + 1 == result.copies.size();
            if (reencode) {
                media::RoundTripSettings encode;
                encode.fps = check.fps;
                encode.crf = 14;
                encode.preset = "medium";
                broken[k] = media::encodeRoundTrip(clean, encode);
            } else {
                const media::VideoFault fault = faults[k % faults.size()];
                copy.fault = static_cast<int>(fault);
                std::mt19937_64 random(
                    detail::mixSeeds(detail::mixSeeds(settings.seed, detail::seedOfText(0, check.key)), k));
                media::FaultSettings faultSettings;
                faultSettings.keepFrames = check.frames;
                faultSettings.fps = check.fps;
                broken[k] = media::applyVideoFault(check.clip, fault, random, &copy.record, faultSettings);
                copy.visible =
                    copy.record.length > 0 && media::meanAbsoluteDifference(clean, broken[k]) >= kVisibleDifference;
            }
            if (settings.baselines && copy.visible) {
                copy.features = measureClipFeatures(broken[k], 0, check.what);
            }
        });
        if (settings.baselines) {
            result.features = measureClipFeatures(clean, 0, check.what);
        }
        for (size_t k = 0; k < result.copies.size(); ++k) {
            if (cancel && cancel->load()) {
                throw model::Cancelled();
            }
            Copy& copy = result.copies[k];
            if (judge && copy.visible) {
                JudgingPlan copyPlan = plan;
                copyPlan.keepTileScores = false;
                const JudgedVideo judged = judgeClip(*judge, broken[k], check.fps, copyPlan, 0, &reference);
                copy.energy = judged.curve.energy;
                copy.curve = judged.curve.frameEnergies;
            }
            broken[k] = {};
            ++done.done;
            if (progress) {
                progress(done);
            }
        }
    }

    // Baseline (b) is fitted on everything the check measured (clean clips and their broken copies).
    std::vector<ClipFeatures> testSet;
    for (const ClipResult& result : results) {
        testSet.push_back(result.features);
        for (const Copy& copy : result.copies) {
            if (copy.visible && copy.fault >= 0) {
                testSet.push_back(copy.features);
            }
        }
    }
    const ClassicalMix classical(testSet);

    Tally overall;
    std::map<std::string, Tally> byFamily;
    std::map<std::string, Tally> byFault;
    std::map<std::string, Tally> byKind;
    int invisible = 0;
    std::vector<double> reencodeDeltas;
    std::vector<double> faultMargins;
    std::vector<double> faultPeaks;
    int reencodeWorse = 0;
    std::vector<double> boundaryJumps;
    std::vector<double> otherSteps;
    nlohmann::json details = nlohmann::json::array(); // every pair's margins (E(broken) - E(clean) and the like)
    for (size_t c = 0; c < clips.size(); ++c) {
        const ClipResult& result = results[c];
        const double cleanClassical = settings.baselines ? classical.score(result.features) : 0.0;
        for (const Copy& copy : result.copies) {
            if (copy.fault < 0) {
                if (judge) {
                    reencodeDeltas.push_back(std::abs(copy.energy - result.energy));
                    reencodeWorse += copy.energy > result.energy ? 1 : 0;
                }
                continue;
            }
            if (!copy.visible) {
                ++invisible;
                continue;
            }
            const auto fault = static_cast<media::VideoFault>(copy.fault);
            const std::string family = media::faultFamilyName(media::faultSpec(fault).family);
            std::vector<Tally*> tallies{&overall, &byFamily[family], &byFault[media::videoFaultName(fault)],
                                        &byKind[footageKindName(clips[c].kind)]};
            bool localised = false;
            bool hit = false;
            nlohmann::json detail = {{"clip", clips[c].what},
                                     {"kind", footageKindName(clips[c].kind)},
                                     {"fault", media::videoFaultName(fault)},
                                     {"description", copy.record.description},
                                     {"strength", copy.record.strength}};
            if (judge) {
                const double margin = copy.energy - result.energy;
                detail["judge"] = margin;
                faultMargins.push_back(margin);
                if (copy.record.confinedInTime(clips[c].frames) && copy.curve.size() == result.curve.size()) {
                    localised = true;
                    size_t peak = 0;
                    double best = -1e30;
                    for (size_t t = 0; t < copy.curve.size(); ++t) {
                        const double delta = copy.curve[t] - result.curve[t];
                        if (delta > best) {
                            best = delta;
                            peak = t;
                        }
                    }
                    faultPeaks.push_back(best);
                    const int low = copy.record.eventFirst - kLocalisationSlack;
                    const int high = copy.record.eventFirst + copy.record.eventLength - 1 + kLocalisationSlack;
                    hit = static_cast<int>(peak) >= low && static_cast<int>(peak) <= high;
                }
                for (Tally* tally : tallies) {
                    tally->judge.push_back(margin);
                    tally->localised += localised ? 1 : 0;
                    tally->hits += hit ? 1 : 0;
                }
                if (localised) {
                    detail["localised"] = hit;
                }
            }
            if (settings.baselines) {
                const double a = copy.features.irregularity - result.features.irregularity;
                const double b = classical.score(copy.features) - cleanClassical;
                for (Tally* tally : tallies) {
                    tally->frameDifference.push_back(a);
                    tally->classical.push_back(b);
                }
                detail["frame_difference"] = a;
                detail["classical"] = b;
            }
            details.push_back(std::move(detail));
        }
        // Where windows meet on a clean clip (the curve starts to average in the next window), against the
        // steps between latent frames inside the same windows.
        const auto stepAt = [&](int64_t frame, std::vector<double>& into) {
            if (frame > 0 && static_cast<size_t>(frame) < result.curve.size()) {
                into.push_back(
                    std::abs(result.curve[static_cast<size_t>(frame)] - result.curve[static_cast<size_t>(frame) - 1]));
            }
        };
        for (const int64_t entry : result.windowEntries) {
            stepAt(entry, boundaryJumps);
        }
        for (const int64_t inside : result.windowInsides) {
            stepAt(inside, otherSteps);
        }
    }

    const bool withBaselines = settings.baselines;
    const bool withJudge = judge != nullptr;
    nlohmann::json out;
    out["clips"] = clips.size();
    out["pairs"] = withJudge ? overall.judge.size() : overall.frameDifference.size();
    out["invisible_pairs_left_out"] = invisible;
    out["overall"] = overall.json(withJudge, withBaselines);
    out["families"] = nlohmann::json::object();
    for (const auto& [name, tally] : byFamily) {
        out["families"][name] = tally.json(withJudge, withBaselines);
    }
    out["faults"] = nlohmann::json::object();
    for (const auto& [name, tally] : byFault) {
        out["faults"][name] = tally.json(withJudge, withBaselines);
    }
    out["pair_margins"] = std::move(details);
    out["footage_kinds"] = nlohmann::json::object();
    for (const auto& [name, tally] : byKind) {
        out["footage_kinds"][name] = tally.json(withJudge, withBaselines);
    }
    if (withJudge) {
        std::vector<double> absoluteMargins;
        for (const double m : faultMargins) {
            absoluteMargins.push_back(std::abs(m));
        }
        const double typical = medianOf(absoluteMargins);
        out["false_alarm"] = {
            {"clips", reencodeDeltas.size()},
            {"median_abs_delta", medianOf(reencodeDeltas)},
            {"median_fault_margin", typical},
            {"ratio", medianOf(reencodeDeltas) / typical},
            {"reencode_ranked_worse",
             reencodeDeltas.empty() ? std::nan("") : static_cast<double>(reencodeWorse) / reencodeDeltas.size()}};
        out["curve"] = {{"median_boundary_jump", medianOf(boundaryJumps)},
                        {"median_other_step", medianOf(otherSteps)},
                        {"median_fault_peak", medianOf(faultPeaks)},
                        {"boundary_jump_over_fault_peak", medianOf(boundaryJumps) / medianOf(faultPeaks)}};
    }
    return out;
}

std::string describeFaultCheck(const nlohmann::json& result) {
    std::ostringstream text;
    const bool withJudge = result["overall"].contains("judge");
    const bool withBaselines = result["overall"].contains("frame_difference");
    const auto cell = [](const nlohmann::json& row, const char* key) {
        std::ostringstream value;
        if (!row.contains(key) || !row[key].is_number() || std::isnan(row[key].get<double>())) {
            return std::string("   -  ");
        }
        value << std::fixed << std::setprecision(3) << row[key].get<double>();
        return value.str();
    };
    text << std::left << std::setw(24) << "" << std::right << std::setw(7) << "pairs";
    if (withJudge) {
        text << std::setw(8) << "judge";
    }
    if (withBaselines) {
        text << std::setw(11) << "framediff" << std::setw(11) << "classical";
    }
    if (withJudge) {
        text << std::setw(12) << "localised";
    }
    text << "\n";
    const auto line = [&](const std::string& name, const nlohmann::json& row) {
        text << std::left << std::setw(24) << name << std::right << std::setw(7) << row.value("pairs", 0);
        if (withJudge) {
            text << std::setw(8) << cell(row, "judge");
        }
        if (withBaselines) {
            text << std::setw(11) << cell(row, "frame_difference") << std::setw(11) << cell(row, "classical");
        }
        if (withJudge) {
            text << std::setw(7) << cell(row, "localisation") << " (" << row.value("localised_pairs", 0) << ")";
        }
        text << "\n";
    };
    for (const media::FaultFamily family : media::allFaultFamilies()) {
        const std::string name = media::faultFamilyName(family);
        if (!result["families"].contains(name)) {
            continue;
        }
        line(name, result["families"][name]);
        for (const media::VideoFault fault : media::faultsOfFamily(family)) {
            const std::string faultName = media::videoFaultName(fault);
            if (result["faults"].contains(faultName)) {
                line("  " + faultName, result["faults"][faultName]);
            }
        }
    }
    line("overall", result["overall"]);
    if (result.contains("false_alarm")) {
        const nlohmann::json& alarm = result["false_alarm"];
        text << "false alarm (clean vs CRF 14 re-encode, " << alarm.value("clips", 0) << " clips): median |dE| "
             << cell(alarm, "median_abs_delta") << " = " << cell(alarm, "ratio")
             << " of the median fault margin; re-encode ranked worse in " << cell(alarm, "reencode_ranked_worse")
             << "\n";
    }
    if (result.contains("curve")) {
        const nlohmann::json& curve = result["curve"];
        text << "clean curves: median jump where windows meet " << cell(curve, "median_boundary_jump") << ", elsewhere "
             << cell(curve, "median_other_step") << "; median fault peak " << cell(curve, "median_fault_peak") << "\n";
    }
    return text.str();
}

} // namespace svj::training
