// Private to model/ (include after <torch/torch.h>): the training objectives.
#pragma once

namespace svj::model::detail {

// GT-SVJ stage 1: L = E[E(x+)] - E[E(x-)] + beta (E[E(x+)^2] + E[E(x-)^2]) over clip energies.
// Minimised per sample at E(x+) = -1 / (2 beta), E(x-) = +1 / (2 beta).
torch::Tensor energyContrastiveLoss(const torch::Tensor& positive, const torch::Tensor& negative, double beta);

// Pairwise preference labels. Stored value: keep the numbers.
enum class Verdict { A = 0, B = 1, Tie = 2 };

// Davidson's (1970) Bradley-Terry model with ties, on rewards r with temperature gamma and tie strength nu:
//   P(A) = e^{rA/g} / Z,  P(B) = e^{rB/g} / Z,  P(tie) = nu e^{(rA+rB)/(2g)} / Z,  Z the sum of the three.
// It is shift-invariant in r (unlike adding a constant 1 to the denominator) and its tie probability
// peaks at rA = rB. Returns [N, 3] probabilities (A, B, tie) that sum to 1.
torch::Tensor davidsonProbabilities(const torch::Tensor& rewardA, const torch::Tensor& rewardB,
                                    const torch::Tensor& tieLogit, double temperature);
// Mean negative log-likelihood of verdicts [N] (int64 of Verdict) under the model above.
torch::Tensor davidsonLoss(const torch::Tensor& rewardA, const torch::Tensor& rewardB, const torch::Tensor& verdicts,
                           const torch::Tensor& tieLogit, double temperature);

// Stage 2's aspect regression: mean squared error over the aspects that were rated (mask 1).
torch::Tensor maskedAspectLoss(const torch::Tensor& predicted, const torch::Tensor& target, const torch::Tensor& mask);

} // namespace svj::model::detail
