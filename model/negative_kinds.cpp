#include "model/negative_kinds.h"

#include "model/model_error.h"

#include <string>

namespace svj::model {
namespace {

// GT-SVJ Table A.1 gives 0.3 to generated videos and spreads 0.7 over the perturbations by difficulty, without
// the numbers: ours favour the long-range ones.
constexpr std::array<NegativeKindRow, kNegativeKinds> kRows{{
    {NegativeKind::Generated, "generated", "generated", 0.30},
    {NegativeKind::FrameShuffle, "frame_shuffle", "frame shuffle", 0.12},
    {NegativeKind::FrameDrop, "frame_drop", "frame drop", 0.12},
    {NegativeKind::NoisySegment, "noisy_segment", "noisy segment", 0.10},
    {NegativeKind::PatchSwap, "patch_swap", "patch swap", 0.16},
    {NegativeKind::TemporalSliceSwap, "temporal_slice_swap", "temporal slice swap", 0.20},
}};

} // namespace

const std::array<NegativeKindRow, kNegativeKinds>& negativeKinds() {
    return kRows;
}

const NegativeKindRow& negativeKindRow(NegativeKind kind) {
    const auto index = static_cast<size_t>(kind);
    if (index >= kRows.size()) {
        throw ModelError("unknown negative kind " + std::to_string(index));
    }
    return kRows[index];
}

NegativeKind latentPerturbation(size_t index) {
    if (index >= kLatentPerturbations) {
        throw ModelError("no latent perturbation number " + std::to_string(index));
    }
    return static_cast<NegativeKind>(index + 1);
}

} // namespace svj::model
