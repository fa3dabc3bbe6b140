// The training objectives on hand-computed inputs.
#include "tests/support/test_registry.h"

#include <QTest>

#include <torch/torch.h>

#include <cmath>

#include "model/losses.hpp"

using namespace svj::model::detail;

class LossTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void energyLossHandComputed();
    void energyLossMinimum();
    void davidsonProbabilitiesSumToOne();
    void davidsonHandComputed();
    void davidsonIsShiftInvariantAndSymmetric();
    void davidsonLossIsNegativeLogLikelihood();
    void maskedAspectLoss();
};

void LossTest::energyLossHandComputed() {
    // positives 1, 3 (mean 2, mean square 5); negatives 0, 4 (mean 2, mean square 8); beta 0.2:
    // 2 - 2 + 0.2 (5 + 8) = 2.6
    const torch::Tensor loss = energyContrastiveLoss(torch::tensor({1.0f, 3.0f}), torch::tensor({0.0f, 4.0f}), 0.2);
    QVERIFY(std::abs(loss.item<double>() - 2.6) < 1e-6);
}

void LossTest::energyLossMinimum() {
    // Per sample the minimum lies at E+ = -1/(2 beta) = -2.5, E- = +2.5, with value -2.5.
    const torch::Tensor positive = torch::zeros({1}, torch::requires_grad());
    const torch::Tensor negative = torch::zeros({1}, torch::requires_grad());
    torch::optim::SGD optimizer({positive, negative}, torch::optim::SGDOptions(0.5));
    for (int i = 0; i < 200; ++i) {
        optimizer.zero_grad();
        energyContrastiveLoss(positive, negative, 0.2).backward();
        optimizer.step();
    }
    QVERIFY(std::abs(positive.item<double>() + 2.5) < 1e-4);
    QVERIFY(std::abs(negative.item<double>() - 2.5) < 1e-4);
    QVERIFY(std::abs(energyContrastiveLoss(positive, negative, 0.2).item<double>() + 2.5) < 1e-6);
}

void LossTest::davidsonProbabilitiesSumToOne() {
    const torch::Tensor a = torch::randn({100}) * 3;
    const torch::Tensor b = torch::randn({100}) * 3;
    for (const double tie : {-2.0, 0.0, 1.5}) {
        for (const double temperature : {0.5, 1.0, 4.0}) {
            const torch::Tensor p = davidsonProbabilities(a, b, torch::tensor({tie}), temperature);
            QVERIFY((p.sum(1) - 1).abs().max().item<double>() < 1e-6);
            QVERIFY(p.min().item<double>() >= 0);
        }
    }
}

void LossTest::davidsonHandComputed() {
    // rA = 1, rB = 0, nu = 1, gamma = 1: weights e, 1, sqrt(e) over e + 1 + sqrt(e).
    const torch::Tensor p =
        davidsonProbabilities(torch::tensor({1.0f}), torch::tensor({0.0f}), torch::tensor({0.0f}), 1.0);
    const double e = std::exp(1.0);
    const double z = e + 1 + std::sqrt(e);
    QVERIFY(std::abs(p[0][0].item<double>() - e / z) < 1e-6);
    QVERIFY(std::abs(p[0][1].item<double>() - 1 / z) < 1e-6);
    QVERIFY(std::abs(p[0][2].item<double>() - std::sqrt(e) / z) < 1e-6);
    // Equal rewards: ties are most likely when nu is large, never more likely than 1 / (1 + 2 / nu).
    const torch::Tensor equal =
        davidsonProbabilities(torch::tensor({0.3f}), torch::tensor({0.3f}), torch::tensor({std::log(2.0f)}), 1.0);
    QVERIFY(std::abs(equal[0][2].item<double>() - 0.5) < 1e-6);
}

void LossTest::davidsonIsShiftInvariantAndSymmetric() {
    const torch::Tensor a = torch::tensor({0.2f, -1.0f});
    const torch::Tensor b = torch::tensor({1.3f, 0.5f});
    const torch::Tensor tie = torch::tensor({-0.3f});
    const torch::Tensor p = davidsonProbabilities(a, b, tie, 2.0);
    QVERIFY((p - davidsonProbabilities(a + 5, b + 5, tie, 2.0)).abs().max().item<double>() < 1e-6);
    const torch::Tensor swapped = davidsonProbabilities(b, a, tie, 2.0);
    QVERIFY((p.select(1, 0) - swapped.select(1, 1)).abs().max().item<double>() < 1e-7);
    QVERIFY((p.select(1, 2) - swapped.select(1, 2)).abs().max().item<double>() < 1e-7);
}

void LossTest::davidsonLossIsNegativeLogLikelihood() {
    const torch::Tensor a = torch::tensor({1.0f, 0.0f, 0.5f});
    const torch::Tensor b = torch::tensor({0.0f, 2.0f, 0.5f});
    const torch::Tensor verdicts = torch::tensor({int64_t(Verdict::A), int64_t(Verdict::B), int64_t(Verdict::Tie)});
    const torch::Tensor tie = torch::tensor({0.1f});
    const torch::Tensor p = davidsonProbabilities(a, b, tie, 1.0);
    const double expected =
        -(std::log(p[0][0].item<double>()) + std::log(p[1][1].item<double>()) + std::log(p[2][2].item<double>())) / 3;
    QVERIFY(std::abs(davidsonLoss(a, b, verdicts, tie, 1.0).item<double>() - expected) < 1e-6);
}

void LossTest::maskedAspectLoss() {
    const torch::Tensor predicted = torch::tensor({{1.0f, 2.0f}, {3.0f, 4.0f}});
    const torch::Tensor target = torch::tensor({{1.0f, 0.0f}, {0.0f, 4.0f}});
    const torch::Tensor mask = torch::tensor({{1.0f, 1.0f}, {0.0f, 1.0f}});
    // rated: (1-1)^2 + (2-0)^2 + (4-4)^2 over 3
    QVERIFY(std::abs(svj::model::detail::maskedAspectLoss(predicted, target, mask).item<double>() - 4.0 / 3) < 1e-6);
}

SVJ_REGISTER_TEST(LossTest)
#include "loss_tests.moc"
