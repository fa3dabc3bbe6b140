// Private to model/ (include after <torch/torch.h>): the learned latent encoder of `tiny` and `small`, in
// place of the VAE: pixels [B, 3, F, H, W] -> latents [B, T, C, H/8, W/8] with CogVideoX's causal time
// layout (latent 0 from frame 0 alone, latent k from frames 4k-3 ... 4k). Optionally a full-resolution stem
// (with the frame-to-frame difference as extra input) before the tubelets.
#pragma once

#include "model/config.h"

namespace svj::model::detail {

struct TubeletEncoderImpl : torch::nn::Module {
    TubeletEncoderImpl(const TubeletConfig& config);
    torch::Tensor forward(const torch::Tensor& video);

    TubeletConfig config;
    torch::nn::Conv2d stem{nullptr};  // per frame, full resolution (when configured)
    torch::nn::Conv2d first{nullptr}; // frame 0: 8x8 patches (of stem cells: 8 / stride)
    torch::nn::Conv3d rest{nullptr};  // frames 1..: 4x8x8 tubelets
    torch::nn::Conv3d mix{nullptr};   // 1x3x3 spatial mixing
    torch::nn::Conv3d out{nullptr};   // to the latent channels
    torch::nn::GroupNorm norm{nullptr};
};
TORCH_MODULE(TubeletEncoder);

} // namespace svj::model::detail
