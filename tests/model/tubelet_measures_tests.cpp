// model/tubelet_measures: the fused CPU loop computes the measures the LibTorch operators define.
#include "tests/support/test_registry.h"

#include <QTest>

#include <torch/torch.h>

#include "model/tubelet_measures.hpp"

using svj::model::TubeletConfig;

class TubeletMeasuresTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fusedLoopEqualsTheOperators_data();
    void fusedLoopEqualsTheOperators();
    void gradientsTakeTheOperators();
    void frameStatisticsSeeARepeatAndAFlicker();
};

void TubeletMeasuresTest::fusedLoopEqualsTheOperators_data() {
    QTest::addColumn<bool>("difference");
    QTest::addColumn<bool>("edges");
    QTest::addColumn<bool>("chroma");
    QTest::addColumn<bool>("statistics");
    QTest::newRow("all") << true << true << true << true;
    QTest::newRow("difference, edges and chroma") << true << true << true << false;
    QTest::newRow("difference and edges") << true << true << false << false;
    QTest::newRow("edges alone") << false << true << false << false;
    QTest::newRow("chroma alone") << false << false << true << false;
    QTest::newRow("frame statistics alone") << false << false << false << true;
    QTest::newRow("pixels alone") << false << false << false << false;
}

void TubeletMeasuresTest::fusedLoopEqualsTheOperators() {
    QFETCH(bool, difference);
    QFETCH(bool, edges);
    QFETCH(bool, chroma);
    QFETCH(bool, statistics);
    TubeletConfig config;
    config.differenceInput = difference;
    config.edgeFeatures = edges;
    config.chromaFeatures = chroma;
    config.frameStatistics = statistics;
    // Not square, so rows and columns cannot be confused; frame 0 has no frame before it.
    const torch::Tensor video = torch::rand({3, 3, 9, 16, 24}) * 2 - 1;
    const torch::Tensor fused = svj::model::detail::withMeasures(video, config);
    const torch::Tensor operators = svj::model::detail::withMeasures(video, config, true);
    QCOMPARE(fused.sizes().vec(), operators.sizes().vec());
    QCOMPARE(fused.size(1), 3 + svj::model::detail::measureChannels(config));
    const double worst = (fused - operators).abs().max().item<double>();
    QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
    QVERIFY(torch::equal(fused.slice(1, 0, 3), video)); // the pixels come first, as they are
    // Split for the encoder's two projections: frame 0 and the rest, the same numbers.
    const auto [head, tail] = svj::model::detail::withMeasuresSplit(video, config);
    QVERIFY(head.is_contiguous() && tail.is_contiguous());
    QVERIFY(torch::equal(head, fused.select(2, 0)));
    QVERIFY(torch::equal(tail, fused.slice(2, 1)));
}

void TubeletMeasuresTest::gradientsTakeTheOperators() {
    TubeletConfig config;
    config.differenceInput = config.edgeFeatures = config.chromaFeatures = true;
    const torch::Tensor video = (torch::rand({1, 3, 5, 8, 8}) * 2 - 1).requires_grad_(true);
    svj::model::detail::withMeasures(video, config).sum().backward();
    QVERIFY(video.grad().defined());
    QVERIFY(video.grad().abs().sum().item<double>() > 0.0);
}

void TubeletMeasuresTest::frameStatisticsSeeARepeatAndAFlicker() {
    TubeletConfig config;
    config.frameStatistics = true;
    // A pattern moving steadily, frame 4 a repeat of frame 3; frame 6 brighter.
    torch::Tensor video = torch::zeros({1, 3, 9, 8, 8});
    for (int64_t t = 0; t < 9; ++t) {
        const int64_t shown = t == 4 ? 3 : t;
        video.select(2, t).copy_(torch::sin(torch::arange(8).to(torch::kFloat) + static_cast<double>(shown))
                                     .view({1, 1, 1, 8})
                                     .expand({1, 3, 8, 8}) *
                                 0.5);
    }
    video.select(2, 6) += 0.2;
    for (const bool operatorsOnly : {false, true}) {
        const torch::Tensor all = svj::model::detail::withMeasures(video, config, operatorsOnly);
        QCOMPARE(all.size(1), int64_t(3 + 5));
        const torch::Tensor relative = all.select(1, 3).select(0, 0).mean({1, 2}); // [F]
        QCOMPARE(relative[0].item<float>(), 1.0f);                                 // nothing before frame 0
        QVERIFY(relative[4].item<float>() < 0.05f);                                // the repeat does not change
        QVERIFY(relative[2].item<float>() > 0.5f);                                 // steady motion: near typical
        const torch::Tensor luma = all.select(1, 4).select(0, 0).mean({1, 2});
        QVERIFY(luma[6].item<float>() > luma[5].item<float>() + 0.5f); // the bright frame stands out
        // Constant over each frame's plane.
        QCOMPARE(all.select(1, 5).select(2, 2).max().item<float>(), all.select(1, 5).select(2, 2).min().item<float>());
    }
}

SVJ_REGISTER_TEST(TubeletMeasuresTest)
#include "tubelet_measures_tests.moc"
