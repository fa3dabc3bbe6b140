// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/adamw.hpp"

#include <cmath>

namespace svj::model::detail {

AdamW::AdamW(std::vector<torch::Tensor> parameters, double beta1, double beta2, double epsilon)
    : m_parameters(std::move(parameters))
    , m_beta1(beta1)
    , m_beta2(beta2)
    , m_epsilon(epsilon) {
    for (const torch::Tensor& parameter : m_parameters) {
        m_first.push_back(torch::zeros_like(parameter));
        m_second.push_back(torch::zeros_like(parameter));
    }
}

void AdamW::zeroGrad() {
    for (torch::Tensor& parameter : m_parameters) {
        if (parameter.grad().defined()) {
            parameter.mutable_grad().zero_();
        }
    }
}

double AdamW::clipGradients(double maxNorm) {
    double squared = 0.0;
    for (const torch::Tensor& parameter : m_parameters) {
        if (parameter.grad().defined()) {
            squared += parameter.grad().to(torch::kFloat64).pow(2).sum().item<double>();
        }
    }
    const double norm = std::sqrt(squared);
    if (maxNorm > 0.0 && norm > maxNorm) {
        const double scale = maxNorm / (norm + 1e-6);
        for (torch::Tensor& parameter : m_parameters) {
            if (parameter.grad().defined()) {
                parameter.mutable_grad().mul_(scale);
            }
        }
    }
    return norm;
}

void AdamW::step(double learningRate, double weightDecay) {
    torch::NoGradGuard noGrad;
    ++m_steps;
    const double correction1 = 1.0 - std::pow(m_beta1, static_cast<double>(m_steps));
    const double correction2 = 1.0 - std::pow(m_beta2, static_cast<double>(m_steps));
    for (size_t i = 0; i < m_parameters.size(); ++i) {
        torch::Tensor& parameter = m_parameters[i];
        if (!parameter.grad().defined()) {
            continue;
        }
        const torch::Tensor& gradient = parameter.grad();
        m_first[i].mul_(m_beta1).add_(gradient, 1.0 - m_beta1);
        m_second[i].mul_(m_beta2).addcmul_(gradient, gradient, 1.0 - m_beta2);
        parameter.mul_(1.0 - learningRate * weightDecay);
        const torch::Tensor denominator = (m_second[i] / correction2).sqrt_().add_(m_epsilon);
        parameter.addcdiv_(m_first[i], denominator, -learningRate / correction1);
    }
}

} // namespace svj::model::detail
