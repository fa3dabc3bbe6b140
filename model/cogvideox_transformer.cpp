// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/cogvideox_transformer.hpp"

#include "model/model_error.h"

#include <cmath>

#include "model/embeddings.hpp"
#include "model/lora_linear.hpp"

namespace svj::model::detail {
namespace {

namespace F = torch::nn::functional;

torch::nn::LayerNorm layerNorm(int64_t dim, double eps) {
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(eps).elementwise_affine(true));
}

// softmax(q k^T / sqrt(d)) v over [B, heads, S, d]. LibTorch 2 has the fused kernels (flash, memory-
// efficient); 1.13 gets the formula, with the scale folded into the query (S x d multiplies instead of
// S x S).
torch::Tensor attention(const torch::Tensor& query, const torch::Tensor& key, const torch::Tensor& value) {
#if TORCH_VERSION_MAJOR >= 2
    return at::scaled_dot_product_attention(query, key, value);
#else
    const double scale = 1.0 / std::sqrt(static_cast<double>(query.size(-1)));
    const torch::Tensor weights = torch::softmax(torch::matmul(query * scale, key.transpose(-2, -1)), -1);
    return torch::matmul(weights, value);
#endif
}

} // namespace

PatchEmbedImpl::PatchEmbedImpl(const TransformerConfig& c)
    : config(c) {
    proj = register_module(
        "proj", torch::nn::Conv2d(
                    torch::nn::Conv2dOptions(c.inChannels, c.innerDim(), c.patchSize).stride(c.patchSize).bias(true)));
    textProj = register_module("text_proj", torch::nn::Linear(c.textEmbedDim, c.innerDim()));
}

torch::Tensor PatchEmbedImpl::forward(const torch::Tensor& text, const torch::Tensor& latents) {
    const int64_t batch = latents.size(0);
    const int64_t frames = latents.size(1);
    const int64_t channels = latents.size(2);
    const int64_t height = latents.size(3);
    const int64_t width = latents.size(4);
    const torch::Tensor textTokens = textProj(text);
    torch::Tensor video = proj(latents.reshape({-1, channels, height, width}));
    video = video.view({batch, frames, video.size(1), video.size(2), video.size(3)});
    video = video.flatten(3).transpose(2, 3).flatten(1, 2); // [B, T*h*w, D], t-major then h then w
    if (!config.useRotaryPositionalEmbeddings) {
        const int64_t gridH = height / config.patchSize;
        const int64_t gridW = width / config.patchSize;
        if (cachedGrid != std::array<int64_t, 3>{frames, gridH, gridW} || cachedPositions.device() != video.device()) {
            cachedPositions = sincosPositions3d(config.innerDim(), static_cast<int>(gridW), static_cast<int>(gridH),
                                                static_cast<int>(frames), config.spatialInterpolationScale,
                                                config.temporalInterpolationScale)
                                  .to(video.device());
            cachedGrid = {frames, gridH, gridW};
        }
        // Text positions are zeros, so only the video tokens get positions (and the text length is free:
        // diffusers fixes it at max_text_seq_length).
        video = video + cachedPositions.to(video.scalar_type()).unsqueeze(0);
    }
    return torch::cat({textTokens, video}, 1);
}

TimestepEmbeddingImpl::TimestepEmbeddingImpl(int inDim, int timeDim) {
    linear1 = register_module("linear_1", torch::nn::Linear(inDim, timeDim));
    linear2 = register_module("linear_2", torch::nn::Linear(timeDim, timeDim));
}

torch::Tensor TimestepEmbeddingImpl::forward(const torch::Tensor& sinusoid) {
    return linear2(F::silu(linear1(sinusoid)));
}

LayerNormZeroImpl::LayerNormZeroImpl(int conditionDim, int dim, double eps) {
    linear = register_module("linear", torch::nn::Linear(conditionDim, 6 * dim));
    norm = register_module("norm", layerNorm(dim, eps));
    // adaLN-Zero (DiT): a fresh block starts as the identity, which is what makes training from scratch
    // (tiny, small) stable. Pretrained checkpoints overwrite this.
    torch::NoGradGuard noGrad;
    linear->weight.zero_();
    linear->bias.zero_();
}

std::array<torch::Tensor, 4> LayerNormZeroImpl::forward(const torch::Tensor& video, const torch::Tensor& text,
                                                        const torch::Tensor& embedding) {
    const std::vector<torch::Tensor> chunks = linear(F::silu(embedding)).chunk(6, 1);
    // shift, scale, gate, enc_shift, enc_scale, enc_gate
    const torch::Tensor normVideo = norm(video) * (1 + chunks[1]).unsqueeze(1) + chunks[0].unsqueeze(1);
    const torch::Tensor normText = norm(text) * (1 + chunks[4]).unsqueeze(1) + chunks[3].unsqueeze(1);
    return {normVideo, normText, chunks[2].unsqueeze(1), chunks[5].unsqueeze(1)};
}

AttentionImpl::AttentionImpl(int dim, int headCount, int headSize)
    : heads(headCount)
    , headDim(headSize) {
    toQ = register_module("to_q", LoraLinear(dim, dim));
    toK = register_module("to_k", LoraLinear(dim, dim));
    toV = register_module("to_v", LoraLinear(dim, dim));
    torch::nn::ModuleList out;
    toOut = LoraLinear(dim, dim);
    out->push_back(toOut); // to_out.1 is a dropout: nothing to store
    register_module("to_out", out);
    normQ = register_module("norm_q", layerNorm(headSize, 1e-6));
    normK = register_module("norm_k", layerNorm(headSize, 1e-6));
}

LoraLinear& AttentionImpl::projection(const std::string& name) {
    if (name == "to_q") {
        return toQ;
    }
    if (name == "to_k") {
        return toK;
    }
    if (name == "to_v") {
        return toV;
    }
    if (name == "to_out.0") {
        return toOut;
    }
    throw ModelError("no attention projection '" + name + "'");
}

std::pair<torch::Tensor, torch::Tensor> AttentionImpl::forward(const torch::Tensor& video, const torch::Tensor& text,
                                                               const torch::Tensor* rotaryCos,
                                                               const torch::Tensor* rotarySin) {
    const int64_t textLength = text.size(1);
    const torch::Tensor joint = torch::cat({text, video}, 1);
    const int64_t batch = joint.size(0);
    auto split = [&](const torch::Tensor& x) { return x.view({batch, -1, heads, headDim}).transpose(1, 2); };
    torch::Tensor query = normQ(split(toQ(joint)));
    torch::Tensor key = normK(split(toK(joint)));
    const torch::Tensor value = split(toV(joint));
    if (rotaryCos && rotarySin) {
        // Rotary positions on the video part only.
        query = torch::cat(
            {query.slice(2, 0, textLength), applyRotary(query.slice(2, textLength), *rotaryCos, *rotarySin)}, 2);
        key =
            torch::cat({key.slice(2, 0, textLength), applyRotary(key.slice(2, textLength), *rotaryCos, *rotarySin)}, 2);
    }
    torch::Tensor output = attention(query, key, value).transpose(1, 2).reshape({batch, -1, heads * headDim});
    output = toOut(output);
    return {output.slice(1, textLength), output.slice(1, 0, textLength)};
}

FeedForwardImpl::FeedForwardImpl(int dim, int hidden) {
    // net.0 = GELU(tanh) with its projection, net.1 = dropout, net.2 = the output projection.
    torch::nn::ModuleList net;
    auto gelu = std::make_shared<torch::nn::Module>();
    proj = gelu->register_module("proj", torch::nn::Linear(dim, hidden));
    net->push_back(gelu);
    net->push_back(torch::nn::Dropout(0.0));
    out = torch::nn::Linear(hidden, dim);
    net->push_back(out);
    register_module("net", net);
}

torch::Tensor FeedForwardImpl::forward(const torch::Tensor& x) {
    return out(F::gelu(proj(x), F::GELUFuncOptions().approximate("tanh")));
}

BlockImpl::BlockImpl(const TransformerConfig& c) {
    const int dim = c.innerDim();
    norm1 = register_module("norm1", LayerNormZero(c.timeEmbedDim, dim, c.normEps));
    attn1 = register_module("attn1", Attention(dim, c.numAttentionHeads, c.attentionHeadDim));
    norm2 = register_module("norm2", LayerNormZero(c.timeEmbedDim, dim, c.normEps));
    ff = register_module("ff", FeedForward(dim, 4 * dim));
}

std::pair<torch::Tensor, torch::Tensor> BlockImpl::forward(const torch::Tensor& video, const torch::Tensor& text,
                                                           const torch::Tensor& embedding,
                                                           const torch::Tensor* rotaryCos,
                                                           const torch::Tensor* rotarySin) {
    const int64_t textLength = text.size(1);
    auto [normVideo, normText, gate, textGate] = norm1(video, text, embedding);
    auto [attendedVideo, attendedText] = attn1(normVideo, normText, rotaryCos, rotarySin);
    torch::Tensor hiddenVideo = video + gate * attendedVideo;
    torch::Tensor hiddenText = text + textGate * attendedText;
    auto [normVideo2, normText2, gateFf, textGateFf] = norm2(hiddenVideo, hiddenText, embedding);
    const torch::Tensor fed = ff(torch::cat({normText2, normVideo2}, 1));
    hiddenVideo = hiddenVideo + gateFf * fed.slice(1, textLength);
    hiddenText = hiddenText + textGateFf * fed.slice(1, 0, textLength);
    return {hiddenVideo, hiddenText};
}

AdaLayerNormImpl::AdaLayerNormImpl(int conditionDim, int dim, double eps) {
    linear = register_module("linear", torch::nn::Linear(conditionDim, 2 * dim));
    norm = register_module("norm", layerNorm(dim, eps));
}

torch::Tensor AdaLayerNormImpl::forward(const torch::Tensor& x, const torch::Tensor& embedding) {
    const std::vector<torch::Tensor> chunks = linear(F::silu(embedding)).chunk(2, 1); // shift, scale
    return norm(x) * (1 + chunks[1].unsqueeze(1)) + chunks[0].unsqueeze(1);
}

CogVideoXTransformerImpl::CogVideoXTransformerImpl(const TransformerConfig& c)
    : config(c) {
    c.validate();
    const int dim = c.innerDim();
    patchEmbed = register_module("patch_embed", PatchEmbed(c));
    timeEmbedding = register_module("time_embedding", TimestepEmbedding(dim, c.timeEmbedDim));
    blocks = register_module("transformer_blocks", torch::nn::ModuleList());
    for (int i = 0; i < c.numLayers; ++i) {
        blocks->push_back(Block(c));
    }
    normFinal = register_module("norm_final", layerNorm(dim, c.normEps));
    normOut = register_module("norm_out", AdaLayerNorm(c.timeEmbedDim, dim, c.normEps));
    projOut = register_module("proj_out", torch::nn::Linear(dim, c.patchSize * c.patchSize * c.outChannels));
}

TransformerOutput CogVideoXTransformerImpl::forward(const torch::Tensor& latents, const torch::Tensor& text,
                                                    const torch::Tensor& timesteps, int lastBlock, bool keepPerBlock,
                                                    int gradFromBlock) {
    if (latents.dim() != 5 || latents.size(2) != config.inChannels) {
        throw ModelError("latents must be [B, T, " + std::to_string(config.inChannels) + ", H, W]");
    }
    if (latents.size(3) % config.patchSize != 0 || latents.size(4) % config.patchSize != 0) {
        throw ModelError("latent height and width must be multiples of the patch size");
    }
    if (lastBlock < 0 || lastBlock >= config.numLayers) {
        lastBlock = config.numLayers - 1;
    }
    TransformerOutput output;
    // Autograd off for the frozen front part, back to the caller's setting from block gradFromBlock on.
    struct GradModeRestorer {
        bool previous = torch::GradMode::is_enabled();
        ~GradModeRestorer() { torch::GradMode::set_enabled(previous); }
    } restorer;
    if (gradFromBlock > 0) {
        torch::GradMode::set_enabled(false);
    }
    const torch::Tensor sinusoid =
        timestepEmbedding(timesteps, config.innerDim(), config.flipSinToCos, config.freqShift)
            .to(latents.scalar_type());
    output.timeEmbedding = timeEmbedding(sinusoid);
    output.tokens = patchEmbed(text, latents);
    const int64_t textLength = text.size(1);
    torch::Tensor textTokens = output.tokens.slice(1, 0, textLength);
    torch::Tensor video = output.tokens.slice(1, textLength);

    torch::Tensor rotaryCos;
    torch::Tensor rotarySin;
    if (config.useRotaryPositionalEmbeddings) {
        std::tie(rotaryCos, rotarySin) =
            rotaryPositions3d(config.attentionHeadDim, static_cast<int>(latents.size(4) / config.patchSize),
                              static_cast<int>(latents.size(3) / config.patchSize), static_cast<int>(latents.size(1)));
        rotaryCos = rotaryCos.to(latents.device());
        rotarySin = rotarySin.to(latents.device());
    }
    const torch::Tensor* cosPointer = rotaryCos.defined() ? &rotaryCos : nullptr;
    const torch::Tensor* sinPointer = rotarySin.defined() ? &rotarySin : nullptr;
    for (int i = 0; i <= lastBlock; ++i) {
        if (i == gradFromBlock) {
            torch::GradMode::set_enabled(restorer.previous);
        }
        std::tie(video, textTokens) = blocks->at<BlockImpl>(static_cast<size_t>(i))
                                          .forward(video, textTokens, output.timeEmbedding, cosPointer, sinPointer);
        if (keepPerBlock) {
            output.perBlock.emplace_back(video, textTokens);
        }
    }
    output.video = video;
    output.text = textTokens;
    return output;
}

torch::Tensor CogVideoXTransformerImpl::predict(const TransformerOutput& output, int64_t frames, int64_t height,
                                                int64_t width) {
    torch::Tensor hidden = normFinal(output.video);
    hidden = normOut(hidden, output.timeEmbedding);
    hidden = projOut(hidden);
    const int64_t p = config.patchSize;
    const int64_t batch = hidden.size(0);
    torch::Tensor sample = hidden.reshape({batch, frames, height / p, width / p, -1, p, p});
    return sample.permute({0, 1, 4, 2, 5, 3, 6}).flatten(5, 6).flatten(3, 4);
}

void CogVideoXTransformerImpl::attachLora(const LoraConfig& lora) {
    if (lora.rank <= 0) {
        return;
    }
    for (int i = lora.resolvedFirstBlock(config.numLayers); i < config.numLayers; ++i) {
        AttentionImpl& attention = *blocks->at<BlockImpl>(static_cast<size_t>(i)).attn1;
        for (const std::string& target : lora.targets) {
            attention.projection(target)->attachLora(lora.rank, lora.alpha);
        }
    }
}

void CogVideoXTransformerImpl::mergeLora() {
    for (size_t i = 0; i < blocks->size(); ++i) {
        AttentionImpl& attention = *blocks->at<BlockImpl>(i).attn1;
        for (const char* target : {"to_q", "to_k", "to_v", "to_out.0"}) {
            attention.projection(target)->mergeLora();
        }
    }
}

std::vector<std::pair<std::string, std::vector<int64_t>>> transformerParameterShapes(const TransformerConfig& c) {
    const int64_t d = c.innerDim();
    const int64_t t = c.timeEmbedDim;
    const int64_t p = c.patchSize;
    const int64_t head = c.attentionHeadDim;
    std::vector<std::pair<std::string, std::vector<int64_t>>> shapes = {
        {"patch_embed.proj.weight", {d, c.inChannels, p, p}},
        {"patch_embed.proj.bias", {d}},
        {"patch_embed.text_proj.weight", {d, c.textEmbedDim}},
        {"patch_embed.text_proj.bias", {d}},
        {"time_embedding.linear_1.weight", {t, d}},
        {"time_embedding.linear_1.bias", {t}},
        {"time_embedding.linear_2.weight", {t, t}},
        {"time_embedding.linear_2.bias", {t}},
        {"norm_final.weight", {d}},
        {"norm_final.bias", {d}},
        {"norm_out.linear.weight", {2 * d, t}},
        {"norm_out.linear.bias", {2 * d}},
        {"norm_out.norm.weight", {d}},
        {"norm_out.norm.bias", {d}},
        {"proj_out.weight", {p * p * c.outChannels, d}},
        {"proj_out.bias", {p * p * c.outChannels}},
    };
    for (int i = 0; i < c.numLayers; ++i) {
        const std::string block = "transformer_blocks." + std::to_string(i) + ".";
        for (const char* norm : {"norm1", "norm2"}) {
            shapes.push_back({block + norm + ".linear.weight", {6 * d, t}});
            shapes.push_back({block + norm + ".linear.bias", {6 * d}});
            shapes.push_back({block + norm + ".norm.weight", {d}});
            shapes.push_back({block + norm + ".norm.bias", {d}});
        }
        for (const char* norm : {"norm_q", "norm_k"}) {
            shapes.push_back({block + "attn1." + norm + ".weight", {head}});
            shapes.push_back({block + "attn1." + norm + ".bias", {head}});
        }
        for (const char* projection : {"to_q", "to_k", "to_v", "to_out.0"}) {
            shapes.push_back({block + "attn1." + projection + ".weight", {d, d}});
            shapes.push_back({block + "attn1." + projection + ".bias", {d}});
        }
        shapes.push_back({block + "ff.net.0.proj.weight", {4 * d, d}});
        shapes.push_back({block + "ff.net.0.proj.bias", {4 * d}});
        shapes.push_back({block + "ff.net.2.weight", {d, 4 * d}});
        shapes.push_back({block + "ff.net.2.bias", {d}});
    }
    return shapes;
}

} // namespace svj::model::detail
