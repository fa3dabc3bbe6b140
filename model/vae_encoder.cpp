// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/vae_encoder.hpp"

#include "model/model_error.h"

namespace svj::model::detail {
namespace {
namespace F = torch::nn::functional;

torch::nn::GroupNorm groupNorm(int groups, int64_t channels, double eps) {
    return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels).eps(eps));
}
} // namespace

CausalConv3dImpl::CausalConv3dImpl(int64_t in, int64_t out, int64_t kernelSize)
    : kernel(kernelSize) {
    const int64_t spatialPad = (kernelSize - 1) / 2;
    conv = register_module(
        "conv", torch::nn::Conv3d(
                    torch::nn::Conv3dOptions(in, out, kernelSize).padding({0, spatialPad, spatialPad}).stride(1)));
}

torch::Tensor CausalConv3dImpl::forward(const torch::Tensor& x, ConvCache& cache) {
    torch::Tensor input = x;
    if (kernel > 1) {
        const size_t slot = cache.cursor++;
        if (slot >= cache.frames.size()) {
            cache.frames.resize(slot + 1);
        }
        torch::Tensor front;
        if (cache.frames[slot].defined()) {
            front = cache.frames[slot];
        } else {
            front = x.slice(2, 0, 1).expand({-1, -1, kernel - 1, -1, -1});
        }
        input = torch::cat({front, x}, 2);
        cache.frames[slot] = input.slice(2, input.size(2) - (kernel - 1)).clone();
    }
    return conv(input);
}

ResnetBlock3dImpl::ResnetBlock3dImpl(int64_t in, int64_t out, int groups, double eps) {
    norm1 = register_module("norm1", groupNorm(groups, in, eps));
    conv1 = register_module("conv1", CausalConv3d(in, out, 3));
    norm2 = register_module("norm2", groupNorm(groups, out, eps));
    conv2 = register_module("conv2", CausalConv3d(out, out, 3));
    if (in != out) {
        shortcut = register_module("conv_shortcut", torch::nn::Conv3d(torch::nn::Conv3dOptions(in, out, 1)));
    }
}

torch::Tensor ResnetBlock3dImpl::forward(const torch::Tensor& x, ConvCache& cache) {
    torch::Tensor hidden = conv1(F::silu(norm1(x)), cache);
    hidden = conv2(F::silu(norm2(hidden)), cache);
    return hidden + (shortcut ? shortcut(x) : x);
}

Downsample3dImpl::Downsample3dImpl(int64_t channels, bool compress)
    : compressTime(compress) {
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels, 3).stride(2)));
}

torch::Tensor Downsample3dImpl::forward(const torch::Tensor& input) {
    torch::Tensor x = input;
    const int64_t batch = x.size(0);
    const int64_t channels = x.size(1);
    if (compressTime) {
        const int64_t frames = x.size(2);
        const int64_t height = x.size(3);
        const int64_t width = x.size(4);
        torch::Tensor series = x.permute({0, 3, 4, 1, 2}).reshape({batch * height * width, channels, frames});
        if (frames % 2 == 1) {
            torch::Tensor first = series.slice(2, 0, 1);
            torch::Tensor rest = series.slice(2, 1);
            if (rest.size(2) > 0) {
                rest = F::avg_pool1d(rest, F::AvgPool1dFuncOptions(2).stride(2));
            }
            series = torch::cat({first, rest}, 2);
        } else {
            series = F::avg_pool1d(series, F::AvgPool1dFuncOptions(2).stride(2));
        }
        x = series.reshape({batch, height, width, channels, series.size(2)}).permute({0, 3, 4, 1, 2});
    }
    x = F::pad(x, F::PadFuncOptions({0, 1, 0, 1}));
    const int64_t frames = x.size(2);
    torch::Tensor flat = x.permute({0, 2, 1, 3, 4}).reshape({batch * frames, channels, x.size(3), x.size(4)});
    flat = conv(flat);
    return flat.reshape({batch, frames, flat.size(1), flat.size(2), flat.size(3)}).permute({0, 2, 1, 3, 4});
}

VaeEncoderImpl::VaeEncoderImpl(const VaeConfig& c)
    : config(c) {
    c.validate();
    const auto& widths = c.blockOutChannels;
    convIn = register_module("conv_in", CausalConv3d(c.inChannels, widths.front(), 3));
    downBlocks = register_module("down_blocks", torch::nn::ModuleList());
    int64_t channels = widths.front();
    const int timeLevels = 2; // log2 of the temporal compression (4)
    for (size_t i = 0; i < widths.size(); ++i) {
        auto block = std::make_shared<torch::nn::Module>();
        torch::nn::ModuleList blockResnets;
        std::vector<ResnetBlock3d> list;
        for (int j = 0; j < c.layersPerBlock; ++j) {
            ResnetBlock3d resnet(j == 0 ? channels : widths[i], widths[i], c.normNumGroups, c.normEps);
            blockResnets->push_back(resnet);
            list.push_back(resnet);
        }
        block->register_module("resnets", blockResnets);
        resnets.push_back(list);
        channels = widths[i];
        if (i + 1 < widths.size()) {
            torch::nn::ModuleList down;
            Downsample3d sampler(channels, static_cast<int>(i) < timeLevels);
            down->push_back(sampler);
            block->register_module("downsamplers", down);
            downsamplers.push_back(sampler);
        } else {
            downsamplers.push_back(nullptr);
        }
        downBlocks->push_back(block);
    }
    auto mid = std::make_shared<torch::nn::Module>();
    midResnets = mid->register_module("resnets", torch::nn::ModuleList());
    for (int j = 0; j < 2; ++j) {
        midResnets->push_back(ResnetBlock3d(channels, channels, c.normNumGroups, c.normEps));
    }
    register_module("mid_block", mid);
    normOut = register_module("norm_out", groupNorm(c.normNumGroups, channels, 1e-6));
    convOut = register_module("conv_out", CausalConv3d(channels, 2 * c.latentChannels, 3));
}

torch::Tensor VaeEncoderImpl::forwardChunk(const torch::Tensor& x, ConvCache& cache) {
    cache.rewind();
    torch::Tensor hidden = convIn(x, cache);
    for (size_t i = 0; i < resnets.size(); ++i) {
        for (ResnetBlock3d& resnet : resnets[i]) {
            hidden = resnet(hidden, cache);
        }
        if (downsamplers[i]) {
            hidden = downsamplers[i](hidden);
        }
    }
    for (size_t j = 0; j < midResnets->size(); ++j) {
        hidden = midResnets->at<ResnetBlock3dImpl>(j).forward(hidden, cache);
    }
    hidden = F::silu(normOut(hidden));
    return convOut(hidden, cache);
}

std::pair<torch::Tensor, torch::Tensor> VaeEncoderImpl::encode(const torch::Tensor& video) {
    if (video.dim() != 5 || video.size(1) != config.inChannels) {
        throw ModelError("VAE input must be [B, " + std::to_string(config.inChannels) + ", F, H, W]");
    }
    if (video.size(3) % 8 != 0 || video.size(4) % 8 != 0) {
        throw ModelError("VAE input height and width must be multiples of 8");
    }
    const int64_t frames = video.size(2);
    const int64_t batchSize = config.frameBatchSize;
    const int64_t batches = std::max<int64_t>(frames / batchSize, 1);
    const int64_t remainder = frames % batchSize;
    ConvCache cache;
    std::vector<torch::Tensor> chunks;
    for (int64_t i = 0; i < batches; ++i) {
        const int64_t start = batchSize * i + (i == 0 ? 0 : remainder);
        const int64_t end = batchSize * (i + 1) + remainder;
        chunks.push_back(forwardChunk(video.slice(2, start, std::min(end, frames)), cache));
    }
    const torch::Tensor moments = torch::cat(chunks, 2);
    const torch::Tensor mean = moments.slice(1, 0, config.latentChannels);
    const torch::Tensor logvar = moments.slice(1, config.latentChannels).clamp(-30.0, 20.0);
    return {mean, logvar};
}

std::vector<std::pair<std::string, std::vector<int64_t>>> vaeEncoderParameterShapes(const VaeConfig& c) {
    std::vector<std::pair<std::string, std::vector<int64_t>>> shapes;
    auto conv3 = [&](const std::string& name, int64_t in, int64_t out, int64_t k) {
        shapes.push_back({name + ".weight", {out, in, k, k, k}});
        shapes.push_back({name + ".bias", {out}});
    };
    auto norm = [&](const std::string& name, int64_t channels) {
        shapes.push_back({name + ".weight", {channels}});
        shapes.push_back({name + ".bias", {channels}});
    };
    auto resnet = [&](const std::string& name, int64_t in, int64_t out) {
        norm(name + ".norm1", in);
        conv3(name + ".conv1.conv", in, out, 3);
        norm(name + ".norm2", out);
        conv3(name + ".conv2.conv", out, out, 3);
        if (in != out) {
            conv3(name + ".conv_shortcut", in, out, 1);
        }
    };
    const auto& widths = c.blockOutChannels;
    conv3("conv_in.conv", c.inChannels, widths.front(), 3);
    int64_t channels = widths.front();
    for (size_t i = 0; i < widths.size(); ++i) {
        for (int j = 0; j < c.layersPerBlock; ++j) {
            resnet("down_blocks." + std::to_string(i) + ".resnets." + std::to_string(j), j == 0 ? channels : widths[i],
                   widths[i]);
        }
        channels = widths[i];
        if (i + 1 < widths.size()) {
            shapes.push_back(
                {"down_blocks." + std::to_string(i) + ".downsamplers.0.conv.weight", {channels, channels, 3, 3}});
            shapes.push_back({"down_blocks." + std::to_string(i) + ".downsamplers.0.conv.bias", {channels}});
        }
    }
    for (int j = 0; j < 2; ++j) {
        resnet("mid_block.resnets." + std::to_string(j), channels, channels);
    }
    norm("norm_out", channels);
    conv3("conv_out.conv", channels, 2 * c.latentChannels, 3);
    return shapes;
}

} // namespace svj::model::detail
