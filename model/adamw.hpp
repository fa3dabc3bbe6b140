// Private to model/ (include after <torch/torch.h>): AdamW (Loshchilov & Hutter) with decoupled weight decay,
// our own so its state is plain tensors we can save in safetensors and restore bit for bit on any LibTorch.
#pragma once

#include <cstdint>
#include <vector>

namespace svj::model::detail {

class AdamW {
public:
    AdamW(std::vector<torch::Tensor> parameters, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8);

    void zeroGrad();
    // Clips the global gradient norm to `maxNorm` (<= 0: no clipping); returns the norm before clipping.
    double clipGradients(double maxNorm);
    void step(double learningRate, double weightDecay);

    int64_t steps() const { return m_steps; }
    std::vector<torch::Tensor>& firstMoments() { return m_first; }
    std::vector<torch::Tensor>& secondMoments() { return m_second; }
    const std::vector<torch::Tensor>& firstMoments() const { return m_first; }
    const std::vector<torch::Tensor>& secondMoments() const { return m_second; }
    const std::vector<torch::Tensor>& parameters() const { return m_parameters; }
    void setSteps(int64_t steps) { m_steps = steps; }

private:
    std::vector<torch::Tensor> m_parameters;
    std::vector<torch::Tensor> m_first;
    std::vector<torch::Tensor> m_second;
    double m_beta1;
    double m_beta2;
    double m_epsilon;
    int64_t m_steps = 0;
};

} // namespace svj::model::detail
