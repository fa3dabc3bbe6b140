// Private to model/ (include after <torch/torch.h>): the fixed measures the tubelet encoder reads beside the
// pixels (the frame-to-frame difference; the magnitudes of the luma's change, gradients and Laplacian; of
// the chroma's gradients and change). Two implementations of one definition: LibTorch operators (any device
// and dtype, differentiable) and a fused loop for float32 on the CPU, which builds every channel in one pass
// over the frames instead of a dozen full-size temporaries (the measures cost more than the network did).
#pragma once

#include "model/config.h"

namespace svj::model::detail {

// Channels the measures add to the 3 of the pixels.
int64_t measureChannels(const TubeletConfig& config);

// [B, 3, F, H, W] in [-1, 1] -> [B, 3 + measureChannels, F, H, W]: the pixels, then the measures. Takes the
// fused loop where it applies (CPU, float32, no gradient wanted through the input) unless `operatorsOnly`.
torch::Tensor withMeasures(const torch::Tensor& video, const TubeletConfig& config, bool operatorsOnly = false);

// The same, as frame 0 [B, C, H, W] and frames 1.. [B, C, F-1, H, W], each contiguous: what the tubelet
// encoder's two projections read (slicing one tensor would copy it whole for the convolution).
std::pair<torch::Tensor, torch::Tensor> withMeasuresSplit(const torch::Tensor& video, const TubeletConfig& config);

} // namespace svj::model::detail
