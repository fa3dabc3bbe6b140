#include "training/pair_sampler.h"

#include "media/codec_round_trip.h"
#include "training/parallel_for.h"
#include "training/seeds.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace svj::training {
namespace {

constexpr double kVisibleDifference = 0.25; // mean absolute difference below which a copy looks clean
constexpr int kAttempts = 8;

int uniformInt(std::mt19937_64& random, int low, int high) {
    return std::uniform_int_distribution<int>(low, std::max(low, high))(random);
}

// A square cut [x, x + side) x [y, y + side) of frames [first, first + frames) of a clip.
media::PackedClip cut(const media::PackedClip& clip, int first, int frames, int x, int y, int side) {
    media::PackedClip out;
    out.width = out.height = side;
    out.frames = frames;
    out.rgb.resize(out.frameBytes() * static_cast<size_t>(frames));
    for (int t = 0; t < frames; ++t) {
        for (int row = 0; row < side; ++row) {
            std::memcpy(out.frame(t) + static_cast<size_t>(row) * side * 3,
                        clip.frame(first + t) + (static_cast<size_t>(y + row) * clip.width + x) * 3,
                        static_cast<size_t>(side) * 3);
        }
    }
    return out;
}

void mirror(std::vector<uint8_t>& rgb, int frames, int side) {
    for (int t = 0; t < frames; ++t) {
        for (int row = 0; row < side; ++row) {
            uint8_t* line = rgb.data() + (static_cast<size_t>(t) * side + row) * side * 3;
            for (int x = 0; x < side / 2; ++x) {
                std::swap_ranges(line + x * 3, line + x * 3 + 3, line + (side - 1 - x) * 3);
            }
        }
    }
}

// Where to cut the tile out of the working area: across the fault's region when it has one.
int placeTile(std::mt19937_64& random, int area, int tile, int regionStart, int regionLength, bool whole) {
    const int room = area - tile;
    if (room <= 0) {
        return 0;
    }
    if (whole) {
        return uniformInt(random, 0, room / 8) * 8;
    }
    // At least half the tile's side inside the region where the region allows it.
    const int low = std::clamp(regionStart - tile / 2, 0, room);
    const int high = std::clamp(regionStart + regionLength - tile / 2, low, room);
    return uniformInt(random, low, high);
}

// Every frame of the window is frame `held` of the working area (a window inside a long freeze).
media::PackedClip heldStill(const media::PackedClip& work, int frames, int held, media::FaultRecord& record) {
    media::PackedClip still = cut(work, 0, frames, 0, 0, work.width);
    for (int t = 0; t < frames; ++t) {
        std::memcpy(still.frame(t), work.frame(held), work.frameBytes());
    }
    record.fault = media::VideoFault::Freeze;
    record.family = media::FaultFamily::TemporalSampling;
    record.extent = media::FaultExtent::WholeClip;
    record.firstFrame = 0;
    record.length = frames;
    record.region = {0, 0, work.width, work.height};
    record.eventFirst = 0;
    record.eventLength = frames;
    record.description = "held on frame " + std::to_string(held) + " for the whole window";
    return still;
}

} // namespace

std::vector<float> latentMask(int frames, int first, int length) {
    const int latents = 1 + (frames - 1) / 4;
    std::vector<float> mask(static_cast<size_t>(latents), 0.0f);
    for (int t = 0; t < latents; ++t) {
        const int from = t == 0 ? 0 : 4 * t - 3;
        const int to = 4 * t; // inclusive
        if (first <= to && first + length - 1 >= from && length > 0) {
            mask[static_cast<size_t>(t)] = 1.0f;
        }
    }
    return mask;
}

PairSampler::PairSampler(const ClipBank& bank, PairSamplerSettings settings)
    : m_bank(bank)
    , m_settings(std::move(settings)) {
    m_byFamily.resize(media::allFaultFamilies().size());
    const std::vector<media::VideoFault> faults =
        m_settings.faults.empty() ? media::allVideoFaults() : m_settings.faults;
    for (const media::VideoFault fault : faults) {
        m_byFamily[static_cast<size_t>(media::faultSpec(fault).family)].push_back(fault);
    }
    m_settings.familyWeights.resize(m_byFamily.size(), 1.0);
    double total = 0.0;
    for (size_t f = 0; f < m_byFamily.size(); ++f) {
        if (m_byFamily[f].empty()) {
            m_settings.familyWeights[f] = 0.0;
        }
        total += std::max(0.0, m_settings.familyWeights[f]);
    }
    if (!(total > 0.0) && m_settings.latentShare + m_settings.benignShare < 1.0) {
        throw std::invalid_argument("training pairs: no fault family with faults has a weight above 0");
    }
    // Every cut is a tile of the judge's input out of a bank clip: a smaller clip would be read past its end.
    for (size_t c = 0; c < m_bank.size(); ++c) {
        const media::PackedClip& clip = m_bank.at(c).clip;
        if (clip.width < m_settings.tileSize || clip.height < m_settings.tileSize || clip.frames < m_settings.frames) {
            throw std::invalid_argument("training pairs: " + m_bank.at(c).what + " is " + std::to_string(clip.width) +
                                        "x" + std::to_string(clip.height) + ", " + std::to_string(clip.frames) +
                                        " frames, smaller than the judge's " + std::to_string(m_settings.tileSize) +
                                        " px, " + std::to_string(m_settings.frames) + "-frame input");
        }
    }
}

SampledPair PairSampler::pair(uint64_t seed, const std::vector<double>& faultWeights) const {
    const PairSamplerSettings& s = m_settings;
    std::mt19937_64 random(seed);
    SampledPair result;
    const double kindDraw = std::uniform_real_distribution<double>(0, 1)(random);
    result.kind = kindDraw < s.latentShare                   ? model::PairKind::LatentPerturbation
                  : kindDraw < s.latentShare + s.benignShare ? model::PairKind::Benign
                                                             : model::PairKind::Broken;
    std::discrete_distribution<int> familyDraw(s.familyWeights.begin(), s.familyWeights.end());
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        const BankClip& bankClip =
            m_bank.at(static_cast<size_t>(uniformInt(random, 0, static_cast<int>(m_bank.size()) - 1)));
        const media::PackedClip& clip = bankClip.clip;
        const int lookAhead = std::clamp(clip.frames - s.frames, 0, s.lookAhead);
        const int first = uniformInt(random, 0, clip.frames - s.frames - lookAhead);
        // The working area: the tile and a margin around it, on the 16-pixel grid of the region.
        const int area = std::min(clip.width, s.tileSize + 2 * s.margin) / 8 * 8;
        const int areaX = uniformInt(random, 0, (clip.width - area) / 16) * 16;
        const int areaY = uniformInt(random, 0, (clip.height - area) / 16) * 16;
        const media::PackedClip work = cut(clip, first, s.frames + lookAhead, areaX, areaY, area);
        const media::PackedClip clean = cut(work, 0, s.frames, 0, 0, area);
        media::PackedClip broken;
        media::FaultRecord record;
        bool whole = true;
        if (result.kind == model::PairKind::Broken) {
            media::VideoFault fault;
            if (faultWeights.empty()) {
                const std::vector<media::VideoFault>& family = m_byFamily[static_cast<size_t>(familyDraw(random))];
                fault = family[static_cast<size_t>(uniformInt(random, 0, static_cast<int>(family.size()) - 1))];
            } else {
                // Each fault's share of its family's, scaled by its weight: a family whose faults are still
                // ranked wrong more often gets more pairs, and so does a fault within it.
                std::vector<double> weights;
                std::vector<media::VideoFault> candidates;
                for (size_t f = 0; f < m_byFamily.size(); ++f) {
                    for (const media::VideoFault candidate : m_byFamily[f]) {
                        const auto index = static_cast<size_t>(candidate);
                        const double weight = index < faultWeights.size() ? std::max(0.0, faultWeights[index]) : 1.0;
                        weights.push_back(s.familyWeights[f] / static_cast<double>(m_byFamily[f].size()) * weight);
                        candidates.push_back(candidate);
                    }
                }
                fault = candidates[static_cast<size_t>(
                    std::discrete_distribution<int>(weights.begin(), weights.end())(random))];
            }
            media::FaultSettings settings;
            settings.keepFrames = s.frames;
            settings.fps = bankClip.fps;
            settings.minStrength = s.minStrength;
            settings.maxStrength = s.maxStrength;
            settings.maxRegion = s.maxRegion;
            const bool hold = fault == media::VideoFault::Freeze && s.holdShare > 0 &&
                              std::uniform_real_distribution<double>(0, 1)(random) < s.holdShare;
            broken = hold ? heldStill(work, s.frames, uniformInt(random, 0, s.frames - 1), record)
                          : media::applyVideoFault(work, fault, random, &record, settings);
            if (record.length == 0) {
                continue;
            }
            whole = record.region.width >= area && record.region.height >= area;
            result.fault = static_cast<int>(fault);
            result.eventLatents = latentMask(s.frames, record.eventFirst, record.eventLength);
            result.what = bankClip.what + ": " + record.description;
        } else if (result.kind == model::PairKind::Benign) {
            media::RoundTripSettings encode;
            encode.fps = bankClip.fps;
            encode.crf = uniformInt(random, 6, 16);
            encode.preset = uniformInt(random, 0, 1) ? "medium" : "veryfast";
            broken = media::encodeRoundTrip(clean, encode);
            result.what = bankClip.what + ": re-encoded at CRF " + std::to_string(encode.crf);
        } else {
            broken = clean;
            result.what = bankClip.what + ": a latent perturbation";
        }
        const int x = placeTile(random, area, s.tileSize, record.region.x, record.region.width, whole);
        const int y = placeTile(random, area, s.tileSize, record.region.y, record.region.height, whole);
        const media::PackedClip cleanTile = cut(clean, 0, s.frames, x, y, s.tileSize);
        const media::PackedClip brokenTile = cut(broken, 0, s.frames, x, y, s.tileSize);
        if (result.kind == model::PairKind::Broken &&
            media::meanAbsoluteDifference(cleanTile, brokenTile) < kVisibleDifference) {
            continue; // the fault left this cut as it was (a freeze on a still background)
        }
        result.clean = cleanTile.rgb;
        result.broken = brokenTile.rgb;
        if (s.flip && uniformInt(random, 0, 1) == 1) {
            mirror(result.clean, s.frames, s.tileSize);
            mirror(result.broken, s.frames, s.tileSize);
        }
        return result;
    }
    // Nothing visible after several draws (still clips): one of the paper's perturbations instead.
    const BankClip& bankClip =
        m_bank.at(static_cast<size_t>(uniformInt(random, 0, static_cast<int>(m_bank.size()) - 1)));
    const media::PackedClip tile = cut(bankClip.clip, 0, s.frames, 0, 0, std::min(s.tileSize, bankClip.clip.width));
    result = SampledPair{};
    result.kind = model::PairKind::LatentPerturbation;
    result.clean = tile.rgb;
    result.broken = tile.rgb;
    result.what = bankClip.what + ": a latent perturbation (no visible fault found)";
    return result;
}

std::vector<SampledPair> PairSampler::batch(int64_t step, int size, int threads,
                                            const std::vector<double>& faultWeights) const {
    return batch(step, 0, size, threads, faultWeights);
}

std::vector<SampledPair> PairSampler::batch(int64_t step, int begin, int end, int threads,
                                            const std::vector<double>& faultWeights) const {
    std::vector<SampledPair> pairs(static_cast<size_t>(std::max(0, end - begin)));
    detail::parallelFor(pairs.size(), threads, [&](size_t i) {
        const uint64_t index = static_cast<uint64_t>(begin) + i;
        pairs[i] =
            pair(detail::mixSeeds(detail::mixSeeds(m_settings.seed, static_cast<uint64_t>(step)), index), faultWeights);
    });
    return pairs;
}

std::vector<model::TrainingPair> trainingPairs(const std::vector<SampledPair>& pairs, int tileSize, int frames) {
    std::vector<model::TrainingPair> views;
    for (const SampledPair& pair : pairs) {
        model::TrainingPair view;
        view.clean = {pair.clean.data(), frames, tileSize, tileSize};
        view.broken = {pair.broken.data(), frames, tileSize, tileSize};
        view.kind = pair.kind;
        view.eventLatents = pair.eventLatents;
        views.push_back(std::move(view));
    }
    return views;
}

} // namespace svj::training
