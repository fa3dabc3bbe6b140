// Private to model/ (include after <torch/torch.h>): the whole GT-SVJ judge as one
// module: latent encoder, CogVideoX transformer, energy head, aspect head.
#pragma once

#include "model/config.h"

#include "model/cogvideox_transformer.hpp"
#include "model/heads.hpp"
#include "model/tubelet_encoder.hpp"
#include "model/vae_encoder.hpp"

namespace svj::model::detail {

struct JudgeOutput {
    torch::Tensor energies; // [B, T] one per latent frame
    torch::Tensor aspects;  // [B, K] (stage 2), undefined otherwise
    torch::Tensor reward;   // [B] (stage 2), undefined otherwise
};

struct JudgeNetworkImpl : torch::nn::Module {
    explicit JudgeNetworkImpl(const JudgeConfig& config);

    // Pixels [B, 3, F, H, W] in [-1, 1] -> latents [B, T, C, H/8, W/8] (VAE: posterior mean x scaling factor).
    torch::Tensor encode(const torch::Tensor& pixels);
    // Latents -> energies (and aspects). `trainingLoraOnly`: frozen blocks run without autograd history.
    JudgeOutput judge(const torch::Tensor& latents, bool withAspects, bool trainingLoraOnly = false);

    // Parameters a training stage updates.
    std::vector<torch::Tensor> stage1Parameters();
    std::vector<torch::Tensor> stage2Parameters();
    // LoRA adapter weights under PEFT's names ("transformer.transformer_blocks.N.attn1.to_q.lora_A.weight").
    std::vector<std::pair<std::string, torch::Tensor>> loraState();

    JudgeConfig config;
    VaeEncoder vae{nullptr};                   // "encoder." (CogVideoX VAE)
    TubeletEncoder tubelet{nullptr};           // "tubelet." (tiny, small)
    CogVideoXTransformer transformer{nullptr}; // "transformer."
    EnergyHead energyHead{nullptr};            // "energy_head."
    AspectHead aspectHead{nullptr};            // "aspect_head."
    torch::Tensor nullText;                    // [L, text dim]: zeros (buffer) or learned ("null_text")
    torch::Tensor tieLogit;                    // log of Davidson's tie strength nu ("tie_logit")
};
TORCH_MODULE(JudgeNetwork);

} // namespace svj::model::detail
