// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/losses.hpp"

namespace svj::model::detail {

torch::Tensor energyContrastiveLoss(const torch::Tensor& positive, const torch::Tensor& negative, double beta) {
    return positive.mean() - negative.mean() + beta * (positive.pow(2).mean() + negative.pow(2).mean());
}

torch::Tensor davidsonProbabilities(const torch::Tensor& rewardA, const torch::Tensor& rewardB,
                                    const torch::Tensor& tieLogit, double temperature) {
    const torch::Tensor a = rewardA / temperature;
    const torch::Tensor b = rewardB / temperature;
    const torch::Tensor tie = tieLogit.reshape({}) + (a + b) / 2;
    return torch::softmax(torch::stack({a, b, tie}, -1), -1);
}

torch::Tensor davidsonLoss(const torch::Tensor& rewardA, const torch::Tensor& rewardB, const torch::Tensor& verdicts,
                           const torch::Tensor& tieLogit, double temperature) {
    const torch::Tensor a = rewardA / temperature;
    const torch::Tensor b = rewardB / temperature;
    const torch::Tensor tie = tieLogit.reshape({}) + (a + b) / 2;
    const torch::Tensor logProbabilities = torch::log_softmax(torch::stack({a, b, tie}, -1), -1);
    return -logProbabilities.gather(1, verdicts.to(torch::kInt64).unsqueeze(1)).mean();
}

torch::Tensor maskedAspectLoss(const torch::Tensor& predicted, const torch::Tensor& target, const torch::Tensor& mask) {
    const torch::Tensor weights = mask.to(predicted.scalar_type());
    const torch::Tensor count = weights.sum().clamp_min(1.0);
    return ((predicted - target).pow(2) * weights).sum() / count;
}

} // namespace svj::model::detail
