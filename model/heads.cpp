// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/heads.hpp"

namespace svj::model::detail {
namespace F = torch::nn::functional;

EnergyHeadImpl::EnergyHeadImpl(int dim, int hidden, Pooling poolingMode)
    : pooling(poolingMode) {
    torch::nn::ModuleList net;
    in = torch::nn::Linear(dim, hidden);
    out = torch::nn::Linear(hidden, 1);
    net->push_back(in);
    net->push_back(torch::nn::Functional([](const torch::Tensor& x) { return F::gelu(x); }));
    net->push_back(out);
    register_module("net", net);
}

torch::Tensor EnergyHeadImpl::forward(const torch::Tensor& tokens, int64_t latentFrames) {
    const torch::Tensor perToken = out(F::gelu(in(tokens))).squeeze(-1); // [B, N]
    const torch::Tensor perFrame = perToken.reshape({tokens.size(0), latentFrames, -1});
    return pooling == Pooling::Max ? std::get<0>(perFrame.max(-1)) : perFrame.mean(-1);
}

AspectHeadImpl::AspectHeadImpl(int dim, int hidden, int aspects, bool startAtPrior) {
    torch::nn::ModuleList net;
    in = torch::nn::Linear(dim, hidden);
    out = torch::nn::Linear(hidden, aspects);
    net->push_back(in);
    net->push_back(torch::nn::Functional([](const torch::Tensor& x) { return F::gelu(x); }));
    net->push_back(out);
    register_module("net", net);
    aggregate = register_module("aggregate", torch::nn::Linear(aspects, 1));
    if (startAtPrior) {
        torch::NoGradGuard noGrad;
        out->weight.zero_();
        out->bias.zero_();
        aggregate->weight.fill_(1.0 / std::max(1, aspects));
        aggregate->bias.zero_();
    }
}

std::pair<torch::Tensor, torch::Tensor> AspectHeadImpl::forward(const torch::Tensor& tokens,
                                                                const torch::Tensor& prior) {
    torch::Tensor scores = out(F::gelu(in(tokens))).mean(1); // [B, K]
    if (prior.defined()) {
        scores = scores + prior.unsqueeze(1);
    }
    return {scores, aggregate(scores).squeeze(-1)};
}

} // namespace svj::model::detail
