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
};

void TubeletMeasuresTest::fusedLoopEqualsTheOperators_data() {
    QTest::addColumn<bool>("difference");
    QTest::addColumn<bool>("edges");
    QTest::addColumn<bool>("chroma");
    QTest::newRow("all") << true << true << true;
    QTest::newRow("difference and edges") << true << true << false;
    QTest::newRow("edges alone") << false << true << false;
    QTest::newRow("chroma alone") << false << false << true;
    QTest::newRow("pixels alone") << false << false << false;
}

void TubeletMeasuresTest::fusedLoopEqualsTheOperators() {
    QFETCH(bool, difference);
    QFETCH(bool, edges);
    QFETCH(bool, chroma);
    TubeletConfig config;
    config.differenceInput = difference;
    config.edgeFeatures = edges;
    config.chromaFeatures = chroma;
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

SVJ_REGISTER_TEST(TubeletMeasuresTest)
#include "tubelet_measures_tests.moc"
