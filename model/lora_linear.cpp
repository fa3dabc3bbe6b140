// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/lora_linear.hpp"

#include <cmath>

namespace svj::model::detail {

LoraLinearImpl::LoraLinearImpl(int64_t inFeatures, int64_t outFeatures, bool withBias)
    : m_inFeatures(inFeatures)
    , m_outFeatures(outFeatures) {
    // torch.nn.Linear's initialisation (uniform in +-1/sqrt(in)), so fresh models train like PyTorch ones.
    const double bound = 1.0 / std::sqrt(static_cast<double>(inFeatures));
    weight = register_parameter("weight", torch::empty({outFeatures, inFeatures}).uniform_(-bound, bound));
    if (withBias) {
        bias = register_parameter("bias", torch::empty({outFeatures}).uniform_(-bound, bound));
    }
}

torch::Tensor LoraLinearImpl::forward(const torch::Tensor& input) {
    torch::Tensor output = torch::nn::functional::linear(input, weight, bias);
    if (m_rank > 0) {
        output = output + loraB(loraA(input)) * loraScale();
    }
    return output;
}

void LoraLinearImpl::attachLora(int64_t rank, double alpha) {
    if (rank <= 0 || m_rank > 0) {
        return;
    }
    m_rank = rank;
    m_alpha = alpha;
    const auto options = torch::TensorOptions().dtype(weight.dtype()).device(weight.device());
    loraA = register_module("lora_A", torch::nn::Linear(torch::nn::LinearOptions(m_inFeatures, rank).bias(false)));
    loraB = register_module("lora_B", torch::nn::Linear(torch::nn::LinearOptions(rank, m_outFeatures).bias(false)));
    loraA->to(options.device(), options.dtype().toScalarType());
    loraB->to(options.device(), options.dtype().toScalarType());
    torch::NoGradGuard noGrad;
    // PEFT's default: A Kaiming-uniform (a = sqrt 5), B zero.
    torch::nn::init::kaiming_uniform_(loraA->weight, std::sqrt(5.0));
    loraB->weight.zero_();
}

void LoraLinearImpl::mergeLora() {
    if (m_rank == 0) {
        return;
    }
    {
        torch::NoGradGuard noGrad;
        weight.add_(torch::matmul(loraB->weight, loraA->weight) * loraScale());
    }
    unregister_module("lora_A");
    unregister_module("lora_B");
    loraA = nullptr;
    loraB = nullptr;
    m_rank = 0;
}

} // namespace svj::model::detail
