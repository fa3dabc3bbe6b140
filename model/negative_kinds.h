// Stage 1's negatives, one row per kind: its key in a judge's config ("negatives": {KEY: weight}), its name in
// training logs and its default share of the mix. A latent perturbation's code is its case in perturbations.cpp;
// adding a kind is a row here and that function. Torch-free.
#pragma once

#include <array>
#include <cstddef>

namespace svj::model {

// The numbers order the sampling weights (and so the random draws of a seeded run): keep them.
enum class NegativeKind { Generated = 0, FrameShuffle, FrameDrop, NoisySegment, PatchSwap, TemporalSliceSwap };

inline constexpr size_t kNegativeKinds = 6;
// Every kind but Generated: GT-SVJ's latent perturbations.
inline constexpr size_t kLatentPerturbations = kNegativeKinds - 1;

struct NegativeKindRow {
    NegativeKind kind;
    const char* jsonKey; // in the config's "negatives" object
    const char* name;    // in logs and reports
    double defaultWeight;
};

// In NegativeKind order.
const std::array<NegativeKindRow, kNegativeKinds>& negativeKinds();
const NegativeKindRow& negativeKindRow(NegativeKind kind);
// The latent perturbation number `index` (0 .. kLatentPerturbations - 1).
NegativeKind latentPerturbation(size_t index);

} // namespace svj::model
