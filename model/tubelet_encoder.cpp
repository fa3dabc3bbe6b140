// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/tubelet_encoder.hpp"

#include "model/model_error.h"

#include "model/tubelet_measures.hpp"

namespace svj::model::detail {
namespace F = torch::nn::functional;

TubeletEncoderImpl::TubeletEncoderImpl(const TubeletConfig& c)
    : config(c) {
    const int64_t hidden = c.hiddenChannels;
    const int64_t measured = 3 + measureChannels(c);
    int64_t inputs = measured;
    int64_t patch = 8;
    if (c.stemChannels > 0) {
        const int64_t stemInputs = measured;
        // Stride 1: a 3x3 kernel; stride 2: 4x4, so every pixel is still read by two cells.
        const int64_t kernel = c.stemStride == 2 ? 4 : 3;
        stem = register_module(
            "stem", torch::nn::Conv2d(
                        torch::nn::Conv2dOptions(stemInputs, c.stemChannels, kernel).stride(c.stemStride).padding(1)));
        inputs = c.stemChannels;
        patch = 8 / c.stemStride;
    }
    first = register_module("first", torch::nn::Conv2d(torch::nn::Conv2dOptions(inputs, hidden, patch).stride(patch)));
    rest = register_module(
        "rest",
        torch::nn::Conv3d(torch::nn::Conv3dOptions(inputs, hidden, {4, patch, patch}).stride({4, patch, patch})));
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
    const int64_t batch = video.size(0);
    const int64_t frames = video.size(2);
    torch::Tensor hidden;
    if (stem) {
        // Every frame through the stem: [B, C, F, H, W] -> [B*F, C, H, W] -> back.
        const torch::Tensor input = withMeasures(video, config);
        torch::Tensor perFrame =
            input.permute({0, 2, 1, 3, 4}).reshape({batch * frames, input.size(1), video.size(3), video.size(4)});
        perFrame = F::silu(stem(perFrame));
        const torch::Tensor cells =
            perFrame.reshape({batch, frames, perFrame.size(1), perFrame.size(2), perFrame.size(3)})
                .permute({0, 2, 1, 3, 4});
        hidden = first(cells.select(2, 0)).unsqueeze(2); // [B, C, 1, h, w]
        if (frames > 1) {
            hidden = torch::cat({hidden, rest(cells.slice(2, 1))}, 2);
        }
    } else if (frames > 1) {
        const auto [head, tail] = withMeasuresSplit(video, config);
        hidden = torch::cat({first(head).unsqueeze(2), rest(tail)}, 2);
    } else {
        hidden = first(withMeasures(video, config).select(2, 0)).unsqueeze(2);
    }
    hidden = F::silu(norm(hidden));
    hidden = hidden + F::silu(mix(hidden));
    return out(hidden).permute({0, 2, 1, 3, 4}); // [B, T, C, h, w]
}

} // namespace svj::model::detail
