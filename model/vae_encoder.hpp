// Private to model/ (include after <torch/torch.h>): the encoder half of CogVideoX's causal 3D VAE
// (AutoencoderKLCogVideoX.encoder), with diffusers' module names, causal frame cache and frame batching.
#pragma once

#include "model/config.h"

namespace svj::model::detail {

// The causal convolutions' carried frames between chunks, in the order the convolutions run.
struct ConvCache {
    std::vector<torch::Tensor> frames;
    size_t cursor = 0;

    void rewind() { cursor = 0; }
};

// Conv3d padded causally in time: (kernel - 1) frames in front, taken from the cache or replicated.
struct CausalConv3dImpl : torch::nn::Module {
    CausalConv3dImpl(int64_t in, int64_t out, int64_t kernel);
    torch::Tensor forward(const torch::Tensor& x, ConvCache& cache);
    torch::nn::Conv3d conv{nullptr};
    int64_t kernel;
};
TORCH_MODULE(CausalConv3d);

struct ResnetBlock3dImpl : torch::nn::Module {
    ResnetBlock3dImpl(int64_t in, int64_t out, int groups, double eps);
    torch::Tensor forward(const torch::Tensor& x, ConvCache& cache);
    torch::nn::GroupNorm norm1{nullptr};
    CausalConv3d conv1{nullptr};
    torch::nn::GroupNorm norm2{nullptr};
    CausalConv3d conv2{nullptr};
    torch::nn::Conv3d shortcut{nullptr}; // conv_shortcut, 1x1x1, when the channel count changes
};
TORCH_MODULE(ResnetBlock3d);

// Halves height and width (3x3 stride-2 conv after a right/bottom zero pad); with compressTime also time:
// average pairs of frames, keeping frame 0 alone when the count is odd.
struct Downsample3dImpl : torch::nn::Module {
    Downsample3dImpl(int64_t channels, bool compressTime);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Conv2d conv{nullptr};
    bool compressTime;
};
TORCH_MODULE(Downsample3d);

struct VaeEncoderImpl : torch::nn::Module {
    VaeEncoderImpl(const VaeConfig& config);
    // One chunk of frames [B, 3, F, H, W] in [-1, 1] -> moments [B, 2 * latent, T, H/8, W/8].
    torch::Tensor forwardChunk(const torch::Tensor& x, ConvCache& cache);
    // A whole clip, batched as diffusers does (the first chunk takes the remainder: 9, then 8 at a time),
    // the cache carrying causal context across chunks. Returns (mean, logvar), each [B, C, T, h, w].
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& video);

    VaeConfig config;
    CausalConv3d convIn{nullptr};
    torch::nn::ModuleList downBlocks{nullptr};
    torch::nn::ModuleList midResnets{nullptr}; // mid_block.resnets
    torch::nn::GroupNorm normOut{nullptr};
    CausalConv3d convOut{nullptr};
    std::vector<std::vector<ResnetBlock3d>> resnets; // per down block
    std::vector<Downsample3d> downsamplers;          // per down block (null for the last)
};
TORCH_MODULE(VaeEncoder);

// Names and shapes of the VAE encoder's parameters (without the "encoder." prefix).
std::vector<std::pair<std::string, std::vector<int64_t>>> vaeEncoderParameterShapes(const VaeConfig& config);

} // namespace svj::model::detail
