// Pairwise accuracy with and without ties on hand-worked tables, and the energy curve stitched from windows.
#include "model/metrics.h"
#include "model/model_error.h"
#include "model/score_curve.h"
#include "tests/support/test_registry.h"

#include <QTest>

#include <cmath>

using namespace svj::model;

class MetricsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void withoutTiesCountsZeroMarginAsWrong();
    void withoutTiesIgnoresHumanTies();
    void thresholdHandTable();
    void tieCalibratedFindsTheBestThreshold();
    void tieCalibratedWithoutHumanTiesKeepsMinusOne();
    void repeatedMarginsMoveTogether();
    void referenceEqualsExactForDistinctMargins();
    void emptyIsNaN();
    void stitchSingleWindowHoldsEachSample();
    void stitchAveragesOverlaps();
    void stitchWeighsSamples();
    void stitchCarriesEdges();
    void stitchRejectsMismatchedWindows();
};

void MetricsTest::withoutTiesCountsZeroMarginAsWrong() {
    const std::vector<PairOutcome> pairs{{1, 0.5}, {-1, -0.2}, {1, 0.0}, {-1, 0.3}};
    QCOMPARE(accuracyWithoutTies(pairs), 0.5);
}

void MetricsTest::withoutTiesIgnoresHumanTies() {
    const std::vector<PairOutcome> pairs{{0, 0.5}, {1, 0.2}, {0, -3.0}};
    QCOMPARE(accuracyWithoutTies(pairs), 1.0);
    QVERIFY(std::isnan(accuracyWithoutTies({{0, 1.0}})));
}

void MetricsTest::thresholdHandTable() {
    // human:   A     B     tie   A     tie
    // margin:  0.9  -0.1   0.05 -0.4   0.6
    const std::vector<PairOutcome> pairs{{1, 0.9}, {-1, -0.1}, {0, 0.05}, {1, -0.4}, {0, 0.6}};
    QCOMPARE(accuracyAtThreshold(pairs, -1.0), 2.0 / 5); // rows 1, 2
    QCOMPARE(accuracyAtThreshold(pairs, 0.05), 3.0 / 5); // + row 3 as a tie
    QCOMPARE(accuracyAtThreshold(pairs, 0.1), 2.0 / 5);  // row 2 becomes a tie: lost
    QCOMPARE(accuracyAtThreshold(pairs, 0.6), 3.0 / 5);  // rows 3, 5 matched ties; row 1 still right
    QCOMPARE(accuracyAtThreshold(pairs, 1.0), 2.0 / 5);  // everything a tie: the two human ties
}

void MetricsTest::tieCalibratedFindsTheBestThreshold() {
    const std::vector<PairOutcome> pairs{{1, 0.9}, {-1, -0.1}, {0, 0.05}, {1, -0.4}, {0, 0.6}};
    const TieAccuracy best = tieCalibratedAccuracy(pairs);
    QCOMPARE(best.accuracy, 3.0 / 5);
    QCOMPARE(best.epsilon, 0.05);
    QCOMPARE(best.pairs, size_t(5));
    // The reported threshold reproduces the reported accuracy.
    QCOMPARE(accuracyAtThreshold(pairs, best.epsilon), best.accuracy);
}

void MetricsTest::tieCalibratedWithoutHumanTiesKeepsMinusOne() {
    const std::vector<PairOutcome> pairs{{1, 0.9}, {-1, -0.1}, {1, -0.4}};
    const TieAccuracy best = tieCalibratedAccuracy(pairs);
    QCOMPARE(best.accuracy, 2.0 / 3);
    QCOMPARE(best.epsilon, -1.0);
}

void MetricsTest::repeatedMarginsMoveTogether() {
    // Two pairs share |margin| 0.2: a human tie first, then a right call. Turning only the first into a
    // tie (as the reference's one-at-a-time sweep does) gives 3/3, a state no threshold can produce.
    const std::vector<PairOutcome> pairs{{0, 0.2}, {1, 0.2}, {1, 0.7}};
    const TieAccuracy exact = tieCalibratedAccuracy(pairs);
    const TieAccuracy reference = referenceTieCalibratedAccuracy(pairs);
    QCOMPARE(exact.accuracy, 2.0 / 3);
    QCOMPARE(accuracyAtThreshold(pairs, exact.epsilon), exact.accuracy);
    QCOMPARE(reference.accuracy, 1.0);
    QVERIFY(accuracyAtThreshold(pairs, reference.epsilon) < reference.accuracy);
}

void MetricsTest::referenceEqualsExactForDistinctMargins() {
    std::vector<PairOutcome> pairs;
    uint32_t state = 12345;
    for (int i = 0; i < 200; ++i) {
        state = state * 1664525u + 1013904223u;
        const int human = static_cast<int>(state >> 30) % 3 - 1;
        state = state * 1664525u + 1013904223u;
        const double margin = (static_cast<double>(state) / 4294967296.0 - 0.5) + 0.3 * human + 1e-9 * i;
        pairs.push_back({human, margin});
    }
    const TieAccuracy exact = tieCalibratedAccuracy(pairs);
    const TieAccuracy reference = referenceTieCalibratedAccuracy(pairs);
    QCOMPARE(exact.accuracy, reference.accuracy);
    QCOMPARE(exact.epsilon, reference.epsilon);
    // And it is the maximum over every threshold, checked by brute force.
    double brute = accuracyAtThreshold(pairs, -1.0);
    for (const PairOutcome& pair : pairs) {
        brute = std::max(brute, accuracyAtThreshold(pairs, std::abs(pair.margin)));
    }
    QCOMPARE(exact.accuracy, brute);
}

void MetricsTest::emptyIsNaN() {
    QVERIFY(std::isnan(tieCalibratedAccuracy({}).accuracy));
    QVERIFY(std::isnan(referenceTieCalibratedAccuracy({}).accuracy));
    QVERIFY(std::isnan(accuracyAtThreshold({}, 0.0)));
    QVERIFY(std::isnan(accuracyWithoutTies({})));
}

void MetricsTest::stitchSingleWindowHoldsEachSample() {
    // Frames 0, 2, 4 sampled from a 6-frame video: each sample holds until the next one; the tail carries.
    const VideoCurve curve = stitchWindows({{{0, 2, 4}, {1.0f, 5.0f, 2.0f}, 3.0f, {}}}, 6);
    const std::vector<float> expected{1, 1, 5, 5, 2, 2};
    QCOMPARE(curve.frameEnergies, expected);
    QCOMPARE(curve.energy, 16.0f / 6.0f); // the mean over the six frames
    QCOMPARE(curve.worstFrame, int64_t(2));
}

void MetricsTest::stitchAveragesOverlaps() {
    const VideoCurve curve =
        stitchWindows({{{0, 1, 2, 3}, {1, 1, 1, 1}, 1.0f, {}}, {{2, 3, 4, 5}, {3, 3, 3, 9}, 4.0f, {}}}, 6);
    const std::vector<float> expected{1, 1, 2, 2, 3, 9};
    QCOMPARE(curve.frameEnergies, expected);
    QCOMPARE(curve.energy, 3.0f); // the mean over frames: where windows overlap they count once
    QCOMPARE(curve.worstFrame, int64_t(5));
}

void MetricsTest::stitchWeighsSamples() {
    // The second window's first sample (weight 0) gives way to the first window's last one.
    const VideoCurve curve =
        stitchWindows({{{0, 1, 2, 3}, {1, 1, 1, 1}, 1.0f, {}}, {{3, 4, 5}, {7, 3, 3}, 4.0f, {0.0f, 1.0f, 1.0f}}}, 6);
    const std::vector<float> expected{1, 1, 1, 1, 3, 3};
    QCOMPARE(curve.frameEnergies, expected);
    QCOMPARE(curve.worstFrame, int64_t(4)); // the first of the highest
}

void MetricsTest::stitchCarriesEdges() {
    const VideoCurve curve = stitchWindows({{{3, 4}, {2, 7}, 0.0f, {}}}, 8);
    const std::vector<float> expected{2, 2, 2, 2, 7, 7, 7, 7};
    QCOMPARE(curve.frameEnergies, expected);
    QVERIFY(stitchWindows({}, 0).frameEnergies.empty());
}

void MetricsTest::stitchRejectsMismatchedWindows() {
    QVERIFY_THROWS_EXCEPTION(ModelError, stitchWindows({{{0, 1}, {1.0f}, 0.0f, {}}}, 4));
}

SVJ_REGISTER_TEST(MetricsTest)
#include "metrics_tests.moc"
