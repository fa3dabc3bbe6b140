// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/tubelet_encoder.hpp"

#include "model/model_error.h"

namespace svj::model::detail {
namespace F = torch::nn::functional;

TubeletEncoderImpl::TubeletEncoderImpl(const TubeletConfig& c) {
    const int64_t hidden = c.hiddenChannels;
    first = register_module("first", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, hidden, 8).stride(8)));
    rest = register_module("rest", torch::nn::Conv3d(torch::nn::Conv3dOptions(3, hidden, {4, 8, 8}).stride({4, 8, 8})));
    const int groups = hidden % 8 == 0 ? 8 : 1;
    norm = register_module("norm", torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, hidden)));
    mix = register_module("mix",
                          torch::nn::Conv3d(torch::nn::Conv3dOptions(hidden, hidden, {1, 3, 3}).padding({0, 1, 1})));
    out = register_module("out", torch::nn::Conv3d(torch::nn::Conv3dOptions(hidden, c.latentChannels, 1)));
}

torch::Tensor TubeletEncoderImpl::forward(const torch::Tensor& video) {
    if (video.dim() != 5 || video.size(1) != 3 || (video.size(2) - 1) % 4 != 0) {
        throw ModelError("tubelet encoder input must be [B, 3, 1 + 4k, H, W]");
    }
    if (video.size(3) % 8 != 0 || video.size(4) % 8 != 0) {
        throw ModelError("tubelet encoder input height and width must be multiples of 8");
    }
    torch::Tensor head = first(video.select(2, 0)).unsqueeze(2); // [B, C, 1, h, w]
    torch::Tensor hidden = head;
    if (video.size(2) > 1) {
        hidden = torch::cat({head, rest(video.slice(2, 1))}, 2);
    }
    hidden = F::silu(norm(hidden));
    hidden = hidden + F::silu(mix(hidden));
    return out(hidden).permute({0, 2, 1, 3, 4}); // [B, T, C, h, w]
}

} // namespace svj::model::detail
