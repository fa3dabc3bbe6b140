// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/judge_network.hpp"

#include "model/model_error.h"

#include <cmath>

namespace svj::model::detail {

JudgeNetworkImpl::JudgeNetworkImpl(const JudgeConfig& c)
    : config(c) {
    c.validate();
    if (c.encoder == LatentEncoderKind::Vae) {
        vae = register_module("encoder", VaeEncoder(c.vae));
    } else {
        tubelet = register_module("tubelet", TubeletEncoder(c.tubelet));
    }
    transformer = register_module("transformer", CogVideoXTransformer(c.transformer));
    transformer->attachLora(c.lora);
    const int dim = c.transformer.innerDim();
    energyHead = register_module("energy_head", EnergyHead(dim, c.energyHeadHidden, c.pooling));
    aspectHead = register_module(
        "aspect_head", AspectHead(dim, c.aspectHeadHidden, static_cast<int>(c.aspects.size()), c.aspectsFromEnergy));
    const torch::Tensor text = torch::zeros({c.transformer.maxTextSeqLength, c.transformer.textEmbedDim});
    nullText =
        c.textInput == TextInput::Learned ? register_parameter("null_text", text) : register_buffer("null_text", text);
    tieLogit = register_parameter("tie_logit", torch::full({1}, std::log(c.tieStrength)));
}

torch::Tensor JudgeNetworkImpl::encode(const torch::Tensor& pixels) {
    if (pixels.dim() != 5 || pixels.size(1) != 3) {
        throw ModelError("pixels must be [B, 3, F, H, W]");
    }
    if (vae) {
        const torch::Tensor mean = vae->encode(pixels).first;
        return (mean * config.vae.scalingFactor).permute({0, 2, 1, 3, 4}).contiguous();
    }
    return tubelet(pixels);
}

JudgeOutput JudgeNetworkImpl::judge(const torch::Tensor& latents, bool withAspects, bool trainingLoraOnly) {
    const int64_t batch = latents.size(0);
    const torch::Tensor text = nullText.to(latents.scalar_type()).unsqueeze(0).expand({batch, -1, -1});
    const torch::Tensor timesteps =
        torch::full({batch}, config.timestep, torch::TensorOptions().dtype(torch::kInt64).device(latents.device()));
    const int gradFrom = trainingLoraOnly ? config.lora.resolvedFirstBlock(config.transformer.numLayers) : 0;
    const TransformerOutput out =
        transformer->forward(latents, text, timesteps, config.resolvedTapBlock(), false, gradFrom);
    torch::Tensor tokens = config.useNormFinal ? transformer->normFinal(out.video) : out.video;
    JudgeOutput result;
    result.energies = energyHead(tokens, latents.size(1));
    if (withAspects) {
        const torch::Tensor prior = config.aspectsFromEnergy ? -result.energies.mean(1) : torch::Tensor();
        std::tie(result.aspects, result.reward) = aspectHead(tokens, prior);
    }
    return result;
}

std::vector<torch::Tensor> JudgeNetworkImpl::stage1Parameters() {
    std::vector<torch::Tensor> parameters;
    for (const auto& item : named_parameters(true)) {
        const std::string& name = item.key();
        const bool lora = name.find("lora_") != std::string::npos;
        const bool head = name.rfind("energy_head.", 0) == 0;
        const bool stage2 = name.rfind("aspect_head.", 0) == 0 || name == "tie_logit";
        if (stage2) {
            continue;
        }
        if (config.stage1Training == Stage1Training::AllWeights || lora || head || name == "null_text") {
            parameters.push_back(item.value());
        }
    }
    return parameters;
}

std::vector<torch::Tensor> JudgeNetworkImpl::stage2Parameters() {
    std::vector<torch::Tensor> parameters;
    for (const auto& item : named_parameters(true)) {
        const std::string& name = item.key();
        if (name.find("lora_") != std::string::npos || name.rfind("aspect_head.", 0) == 0 || name == "tie_logit") {
            parameters.push_back(item.value());
        }
    }
    return parameters;
}

std::vector<std::pair<std::string, torch::Tensor>> JudgeNetworkImpl::loraState() {
    std::vector<std::pair<std::string, torch::Tensor>> state;
    for (const auto& item : named_parameters(true)) {
        if (item.key().find("lora_") != std::string::npos) {
            state.emplace_back(item.key(), item.value());
        }
    }
    return state;
}

} // namespace svj::model::detail
