// Private to model/ (include after <torch/torch.h>): GT-SVJ's heads on the transformer's video tokens.
#pragma once

#include "model/config.h"

namespace svj::model::detail {

// A per-token MLP (D -> hidden -> 1), pooled over the spatial tokens of each latent frame: one energy per
// latent frame. Per-token then pool keeps spatial energy maps available (GT-SVJ's "aggregates the
// spatio-temporal features of each latent time step into one scalar").
struct EnergyHeadImpl : torch::nn::Module {
    EnergyHeadImpl(int dim, int hidden, Pooling pooling);
    // tokens [B, T*h*w, D] -> energies [B, T]
    torch::Tensor forward(const torch::Tensor& tokens, int64_t latentFrames);
    torch::nn::Linear in{nullptr};  // net.0
    torch::nn::Linear out{nullptr}; // net.2
    Pooling pooling;
};
TORCH_MODULE(EnergyHead);

// Stage 2: K aspect scores from the mean-pooled tokens, and their linear aggregation into one reward.
// `startAtPrior`: the scores' MLP starts at zero and the aggregation at the mean, so a fresh head gives
// every aspect and the reward the prior it is handed (minus the energy) until training moves it.
struct AspectHeadImpl : torch::nn::Module {
    AspectHeadImpl(int dim, int hidden, int aspects, bool startAtPrior);
    // tokens [B, N, D], prior [B] or undefined -> (aspect scores [B, K], reward [B])
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& tokens, const torch::Tensor& prior = {});
    torch::nn::Linear in{nullptr};
    torch::nn::Linear out{nullptr};
    torch::nn::Linear aggregate{nullptr};
};
TORCH_MODULE(AspectHead);

} // namespace svj::model::detail
