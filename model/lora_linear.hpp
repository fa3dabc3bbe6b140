// Private to model/ (include after <torch/torch.h>): a Linear layer that can carry a LoRA adapter.
// Parameter names match both diffusers (`weight`, `bias`) and PEFT (`lora_A.weight`, `lora_B.weight`),
// so a base checkpoint and an adapter file load into it as they are.
#pragma once

namespace svj::model::detail {

class LoraLinearImpl : public torch::nn::Module {
public:
    LoraLinearImpl(int64_t inFeatures, int64_t outFeatures, bool bias = true);

    torch::Tensor forward(const torch::Tensor& input);

    // Adds a rank-`rank` adapter (A random as in PEFT's default, B zero: the output is unchanged at first).
    void attachLora(int64_t rank, double alpha);
    bool hasLora() const { return m_rank > 0; }
    // Folds the adapter into the weight (for inference) and removes it.
    void mergeLora();
    double loraScale() const { return m_rank > 0 ? m_alpha / static_cast<double>(m_rank) : 0.0; }

    torch::Tensor weight;
    torch::Tensor bias;
    torch::nn::Linear loraA{nullptr};
    torch::nn::Linear loraB{nullptr};

private:
    int64_t m_inFeatures;
    int64_t m_outFeatures;
    int64_t m_rank = 0;
    double m_alpha = 0.0;
};
TORCH_MODULE(LoraLinear);

} // namespace svj::model::detail
