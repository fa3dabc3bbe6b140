// Agreement statistics against published worked examples, and the Bradley-Terry-with-ties leaderboard
// recovering known strengths.
#include "annotation/agreement.h"
#include "annotation/leaderboard.h"
#include "tests/support/test_registry.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace svj::annotation;

class StatisticsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cohenKappaWorkedExamples();
    void fleissKappaWorkedExample();
    void krippendorffAlphaWorkedExample();
    void undefinedCasesAreNan();
    void leaderboardRecoversKnownStrengths();
};

namespace {
// A 2x2 agreement table as two raters' ratings: yes/yes, yes/no, no/yes, no/no counts.
void table(int yy, int yn, int ny, int nn, std::vector<int>& a, std::vector<int>& b) {
    a.clear();
    b.clear();
    const auto add = [&](int count, int x, int y) {
        a.insert(a.end(), static_cast<size_t>(count), x);
        b.insert(b.end(), static_cast<size_t>(count), y);
    };
    add(yy, 0, 0);
    add(yn, 0, 1);
    add(ny, 1, 0);
    add(nn, 1, 1);
}
} // namespace

void StatisticsTest::cohenKappaWorkedExamples() {
    // Wikipedia, "Cohen's kappa", simple example: 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no:
    // p_o = 0.7, p_e = 0.5, kappa = 0.4.
    std::vector<int> a;
    std::vector<int> b;
    table(20, 5, 10, 15, a, b);
    QVERIFY(std::abs(cohenKappa(a, b, 2) - 0.4) < 1e-12);
    // Same article, "same percentages but different numbers": 45/15/25/15 -> 0.1304, 25/35/5/35 -> 0.2593.
    table(45, 15, 25, 15, a, b);
    QVERIFY(std::abs(cohenKappa(a, b, 2) - 0.1304) < 1e-4);
    table(25, 35, 5, 35, a, b);
    QVERIFY(std::abs(cohenKappa(a, b, 2) - 0.2593) < 1e-4);
}

void StatisticsTest::fleissKappaWorkedExample() {
    // Wikipedia, "Fleiss' kappa", worked example: 14 raters, 10 subjects, 5 categories; P-bar = 0.378,
    // P-bar_e = 0.213, kappa = 0.210.
    const std::vector<std::vector<int>> counts = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0},
                                                  {2, 2, 8, 1, 1},  {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2},
                                                  {6, 5, 2, 1, 0},  {0, 2, 2, 3, 7}};
    const double kappa = fleissKappa(counts);
    QVERIFY2(std::abs(kappa - 0.210) < 0.0005, qPrintable(QString::number(kappa)));
}

void StatisticsTest::krippendorffAlphaWorkedExample() {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four observers, twelve
    // units, values 1-5 with missing data; nominal alpha = 0.743.
    const int _ = -1;
    const std::vector<std::vector<int>> byObserver = {{1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _},
                                                      {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3},
                                                      {_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _},
                                                      {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _}};
    std::vector<std::vector<int>> units(12, std::vector<int>(4, -1));
    for (size_t observer = 0; observer < 4; ++observer) {
        for (size_t unit = 0; unit < 12; ++unit) {
            units[unit][observer] = byObserver[observer][unit];
        }
    }
    const double alpha = krippendorffAlphaNominal(units);
    QVERIFY2(std::abs(alpha - 0.743) < 0.0005, qPrintable(QString::number(alpha)));
}

void StatisticsTest::undefinedCasesAreNan() {
    QVERIFY(std::isnan(cohenKappa({}, {}, 4)));
    QVERIFY(std::isnan(cohenKappa({1, 1, 1}, {1, 1, 1}, 4))); // one category throughout
    QVERIFY(std::isnan(fleissKappa({{2, 0}, {1, 2}})));       // unequal numbers of ratings
    QVERIFY(std::isnan(krippendorffAlphaNominal({{0, -1}, {1, -1}})));
}

void StatisticsTest::leaderboardRecoversKnownStrengths() {
    // Four generators with known log-strengths and tie strength 0.4; 6,000 simulated verdicts.
    const std::vector<double> truth = {1.0, 0.4, 0.0, -1.4};
    const double nu = 0.4;
    std::mt19937 random(11);
    std::uniform_int_distribution<int> pick(0, 3);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<Comparison> comparisons;
    for (int i = 0; i < 6000; ++i) {
        const int a = pick(random);
        int b = pick(random);
        while (b == a) {
            b = pick(random);
        }
        const double pa = std::exp(truth[static_cast<size_t>(a)]);
        const double pb = std::exp(truth[static_cast<size_t>(b)]);
        const double pt = nu * std::sqrt(pa * pb);
        const double u = unit(random) * (pa + pb + pt);
        comparisons.push_back({a, b, u < pa ? 0 : u < pa + pb ? 1 : 2});
    }
    const Leaderboard board = fitLeaderboard(4, comparisons);
    QVERIFY(board.converged);
    QVERIFY2(std::abs(board.tieStrength - nu) < 0.05, qPrintable(QString::number(board.tieStrength)));
    const double mean = (1.0 + 0.4 + 0.0 - 1.4) / 4;
    for (size_t rank = 0; rank < 4; ++rank) {
        const LeaderboardEntry& entry = board.entries[rank];
        QCOMPARE(entry.model, static_cast<int>(rank)); // best first, in the true order
        const double expected = truth[rank] - mean;
        QVERIFY2(
            entry.low <= expected && expected <= entry.high,
            qPrintable(
                QStringLiteral("model %1: %2 not in [%3, %4]").arg(rank).arg(expected).arg(entry.low).arg(entry.high)));
        QVERIFY(entry.high - entry.low < 0.3);
        QVERIFY(entry.comparisons > 2500);
    }
}

SVJ_REGISTER_TEST(StatisticsTest)
#include "statistics_tests.moc"
