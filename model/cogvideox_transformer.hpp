// Private to model/ (include after <torch/torch.h>): CogVideoX's transformer,
// module for module as diffusers builds it, so `named_parameters()` prints the checkpoint's own names
// (patch_embed.proj.weight, transformer_blocks.3.attn1.to_q.weight, ...).
#pragma once

#include "model/config.h"

#include "model/lora_linear.hpp"

namespace svj::model::detail {

struct PatchEmbedImpl : torch::nn::Module {
    PatchEmbedImpl(const TransformerConfig& config);
    // text [B, L, text dim], latents [B, T, C, H, W] -> tokens [B, L + T*(H/p)*(W/p), D], positions added.
    torch::Tensor forward(const torch::Tensor& text, const torch::Tensor& latents);

    TransformerConfig config;
    torch::nn::Conv2d proj{nullptr};
    torch::nn::Linear textProj{nullptr};
    torch::Tensor cachedPositions; // for the last (T, H, W) seen
    std::array<int64_t, 3> cachedGrid{-1, -1, -1};
};
TORCH_MODULE(PatchEmbed);

struct TimestepEmbeddingImpl : torch::nn::Module {
    TimestepEmbeddingImpl(int inDim, int timeDim);
    torch::Tensor forward(const torch::Tensor& sinusoid);
    torch::nn::Linear linear1{nullptr};
    torch::nn::Linear linear2{nullptr};
};
TORCH_MODULE(TimestepEmbedding);

// CogVideoXLayerNormZero ("expert AdaLN"): one LayerNorm, separate modulation for video and text tokens.
struct LayerNormZeroImpl : torch::nn::Module {
    LayerNormZeroImpl(int conditionDim, int dim, double eps);
    // Returns normalised video, normalised text, video gate, text gate.
    std::array<torch::Tensor, 4> forward(const torch::Tensor& video, const torch::Tensor& text,
                                         const torch::Tensor& embedding);
    torch::nn::Linear linear{nullptr};
    torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(LayerNormZero);

struct AttentionImpl : torch::nn::Module {
    AttentionImpl(int dim, int heads, int headDim);
    // Joint attention over [text; video]; returns (video, text).
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& video, const torch::Tensor& text,
                                                    const torch::Tensor* rotaryCos, const torch::Tensor* rotarySin);
    LoraLinear& projection(const std::string& name);

    int heads;
    int headDim;
    LoraLinear toQ{nullptr};
    LoraLinear toK{nullptr};
    LoraLinear toV{nullptr};
    LoraLinear toOut{nullptr}; // registered as to_out.0
    torch::nn::LayerNorm normQ{nullptr};
    torch::nn::LayerNorm normK{nullptr};
};
TORCH_MODULE(Attention);

struct FeedForwardImpl : torch::nn::Module {
    FeedForwardImpl(int dim, int hidden);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Linear proj{nullptr}; // net.0.proj
    torch::nn::Linear out{nullptr};  // net.2
};
TORCH_MODULE(FeedForward);

struct BlockImpl : torch::nn::Module {
    BlockImpl(const TransformerConfig& config);
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& video, const torch::Tensor& text,
                                                    const torch::Tensor& embedding, const torch::Tensor* rotaryCos,
                                                    const torch::Tensor* rotarySin);
    LayerNormZero norm1{nullptr};
    Attention attn1{nullptr};
    LayerNormZero norm2{nullptr};
    FeedForward ff{nullptr};
};
TORCH_MODULE(Block);

// What a forward pass hands back: video tokens after the tapped block (and, on request, after each block).
struct TransformerOutput {
    torch::Tensor timeEmbedding;                                   // [B, time dim]
    torch::Tensor tokens;                                          // after patch embedding and positions: [B, L + N, D]
    torch::Tensor video;                                           // video tokens after the last block run: [B, N, D]
    torch::Tensor text;                                            // text tokens after the last block run: [B, L, D]
    std::vector<std::pair<torch::Tensor, torch::Tensor>> perBlock; // (video, text) after each block, if kept
};

// diffusers' AdaLayerNorm (chunk_dim 1): shift and scale from the time embedding.
struct AdaLayerNormImpl : torch::nn::Module {
    AdaLayerNormImpl(int conditionDim, int dim, double eps);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& embedding);
    torch::nn::Linear linear{nullptr};
    torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(AdaLayerNorm);

struct CogVideoXTransformerImpl : torch::nn::Module {
    CogVideoXTransformerImpl(const TransformerConfig& config);

    // Runs blocks 0 ... lastBlock. latents [B, T, C, H, W]; text [B, L, text dim]; timesteps [B].
    // Everything before block `gradFromBlock` runs without recording autograd history (frozen layers
    // whose activations need not be kept for a backward pass).
    TransformerOutput forward(const torch::Tensor& latents, const torch::Tensor& text, const torch::Tensor& timesteps,
                              int lastBlock = -1, bool keepPerBlock = false, int gradFromBlock = 0);
    // The diffusion model's own output (noise / velocity prediction) [B, T, C_out, H, W], for parity checks.
    torch::Tensor predict(const TransformerOutput& output, int64_t frames, int64_t height, int64_t width);

    void attachLora(const LoraConfig& lora);
    void mergeLora();

    TransformerConfig config;
    PatchEmbed patchEmbed{nullptr};
    TimestepEmbedding timeEmbedding{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::LayerNorm normFinal{nullptr};
    AdaLayerNorm normOut{nullptr};
    torch::nn::Linear projOut{nullptr};
};
TORCH_MODULE(CogVideoXTransformer);

// Names and shapes of every parameter a CogVideoX transformer of `config` has, without building it.
std::vector<std::pair<std::string, std::vector<int64_t>>> transformerParameterShapes(const TransformerConfig& config);

} // namespace svj::model::detail
