// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/tubelet_encoder.hpp"

#include "model/model_error.h"

namespace svj::model::detail {
namespace F = torch::nn::functional;

TubeletEncoderImpl::TubeletEncoderImpl(const TubeletConfig& c)
    : config(c) {
    const int64_t hidden = c.hiddenChannels;
    const int64_t measured = 3 + (c.differenceInput ? 3 : 0) + (c.edgeFeatures ? 4 : 0) + (c.chromaFeatures ? 3 : 0);
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
    std::vector<torch::Tensor> channels{video};
    const torch::Tensor previous = torch::cat({video.slice(2, 0, 1), video.slice(2, 0, frames - 1)}, 2);
    if (config.differenceInput) {
        // The change from the frame before (none before the first): jerks, repeats and flicker are in it.
        channels.push_back(video - previous);
    }
    if (config.edgeFeatures) {
        const torch::Tensor weights = torch::tensor({0.299, 0.587, 0.114}, video.options()).view({1, 3, 1, 1, 1});
        const torch::Tensor luma = (video * weights).sum(1, true); // [B, 1, F, H, W]
        const torch::Tensor before = (previous * weights).sum(1, true);
        // Replicated edges: a tile's border is not an edge of the picture.
        const torch::Tensor padded =
            F::pad(luma.squeeze(1), F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReplicate)); // [B, F, H+2, W+2]
        const int64_t h = video.size(3);
        const int64_t w = video.size(4);
        const torch::Tensor centre = padded.slice(2, 1, h + 1).slice(3, 1, w + 1);
        const torch::Tensor right = padded.slice(2, 1, h + 1).slice(3, 2, w + 2);
        const torch::Tensor left = padded.slice(2, 1, h + 1).slice(3, 0, w);
        const torch::Tensor down = padded.slice(2, 2, h + 2).slice(3, 1, w + 1);
        const torch::Tensor up = padded.slice(2, 0, h).slice(3, 1, w + 1);
        // Scaled so a clear edge or jump is of order one, like the pixels.
        channels.push_back(4.0 * (luma - before).abs());
        channels.push_back(4.0 * (right - centre).abs().unsqueeze(1));
        channels.push_back(4.0 * (down - centre).abs().unsqueeze(1));
        channels.push_back(2.0 * (4 * centre - left - right - up - down).abs().unsqueeze(1));
    }
    if (config.chromaFeatures) {
        // BT.601 colour differences; bleed smears them off the luma's edges, so their gradients and the
        // luma's no longer agree, and colour flicker changes them where the luma stays.
        const torch::Tensor toChroma =
            torch::tensor({-0.169, -0.331, 0.5, 0.5, -0.419, -0.081}, video.options()).view({2, 3, 1, 1, 1});
        const auto chromaOf = [&](const torch::Tensor& rgb) {
            return torch::stack({(rgb * toChroma[0]).sum(1), (rgb * toChroma[1]).sum(1)}, 1); // [B, 2, F, H, W]
        };
        const torch::Tensor chroma = chromaOf(video);
        const int64_t h = video.size(3);
        const int64_t w = video.size(4);
        const torch::Tensor across =
            F::pad((chroma.slice(4, 1, w) - chroma.slice(4, 0, w - 1)).abs().sum(1, true), F::PadFuncOptions({0, 1}));
        const torch::Tensor downwards = F::pad((chroma.slice(3, 1, h) - chroma.slice(3, 0, h - 1)).abs().sum(1, true),
                                               F::PadFuncOptions({0, 0, 0, 1}));
        channels.push_back(8.0 * across);
        channels.push_back(8.0 * downwards);
        channels.push_back(8.0 * (chroma - chromaOf(previous)).abs().sum(1, true));
    }
    torch::Tensor input = channels.size() == 1 ? video : torch::cat(channels, 1);
    if (stem) {
        // Every frame through the stem: [B, C, F, H, W] -> [B*F, C, H, W] -> back.
        torch::Tensor perFrame =
            input.permute({0, 2, 1, 3, 4}).reshape({batch * frames, input.size(1), video.size(3), video.size(4)});
        perFrame = F::silu(stem(perFrame));
        input = perFrame.reshape({batch, frames, perFrame.size(1), perFrame.size(2), perFrame.size(3)})
                    .permute({0, 2, 1, 3, 4});
    }
    torch::Tensor head = first(input.select(2, 0)).unsqueeze(2); // [B, C, 1, h, w]
    torch::Tensor hidden = head;
    if (input.size(2) > 1) {
        hidden = torch::cat({head, rest(input.slice(2, 1))}, 2);
    }
    hidden = F::silu(norm(hidden));
    hidden = hidden + F::silu(mix(hidden));
    return out(hidden).permute({0, 2, 1, 3, 4}); // [B, T, C, h, w]
}

} // namespace svj::model::detail
