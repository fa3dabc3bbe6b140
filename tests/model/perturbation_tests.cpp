// Each of GT-SVJ's latent perturbations does exactly what it says, and the same seed does it the same way.
#include "tests/support/test_registry.h"

#include <QTest>

#include <torch/torch.h>

#include <set>

#include "model/perturbations.hpp"

using namespace svj::model::detail;

class PerturbationTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void frameShuffleMovesEveryChosenFrame();
    void frameDropRepeatsThePreviousFrame();
    void noisySegmentOnlyTouchesItsSegment();
    void patchSwapSwapsOneRegion();
    void temporalSliceSwapSwapsWindows();
    void sameSeedSameResult();
    void variableLengthCropsFit();
    void tooShortIsRefused();
};

namespace {
// Frame t holds the value t everywhere (plus a spatial ramp, so regions are told apart).
torch::Tensor numbered(int64_t frames) {
    const torch::Tensor t = torch::arange(frames, torch::kFloat32).reshape({frames, 1, 1, 1});
    const torch::Tensor ramp = torch::arange(4 * 6 * 8, torch::kFloat32).reshape({1, 4, 6, 8}) * 1e-3;
    return (t + ramp).contiguous();
}
bool sameFrame(const torch::Tensor& a, const torch::Tensor& b) {
    return torch::equal(a, b);
}
} // namespace

void PerturbationTest::frameShuffleMovesEveryChosenFrame() {
    const torch::Tensor z = numbered(13);
    for (uint64_t seed = 0; seed < 20; ++seed) {
        Random random(seed);
        Perturbation record{};
        const torch::Tensor out = frameShuffle(z, random, record);
        const std::set<int64_t> chosen(record.frames.begin(), record.frames.end());
        QVERIFY(chosen.size() >= 2);
        std::multiset<int64_t> sources;
        for (int64_t t = 0; t < 13; ++t) {
            if (chosen.count(t)) {
                QVERIFY2(!sameFrame(out[t], z[t]), "a chosen frame stayed in place");
                const int64_t source = std::lround(out[t][0][0][0].item<double>());
                QVERIFY(chosen.count(source));
                sources.insert(source);
            } else {
                QVERIFY(sameFrame(out[t], z[t]));
            }
        }
        QCOMPARE(std::set<int64_t>(sources.begin(), sources.end()), chosen); // a permutation of the subset
        QCOMPARE(sources.size(), chosen.size());
    }
}

void PerturbationTest::frameDropRepeatsThePreviousFrame() {
    const torch::Tensor z = numbered(13);
    for (uint64_t seed = 0; seed < 20; ++seed) {
        Random random(seed);
        Perturbation record{};
        const torch::Tensor out = frameDrop(z, random, record);
        QVERIFY(!record.frames.empty());
        const std::set<int64_t> dropped(record.frames.begin(), record.frames.end());
        for (int64_t t = 0; t < 13; ++t) {
            if (dropped.count(t)) {
                QVERIFY(t >= 1);
                QVERIFY(!dropped.count(t - 1)); // never two neighbours
                QVERIFY(sameFrame(out[t], z[t - 1]));
            } else {
                QVERIFY(sameFrame(out[t], z[t]));
            }
        }
    }
}

void PerturbationTest::noisySegmentOnlyTouchesItsSegment() {
    const torch::Tensor z = torch::randn({13, 4, 16, 16});
    Random random(3);
    Perturbation record{};
    const torch::Tensor out = noisySegment(z, random, record, 0.5);
    QVERIFY(record.length >= 1);
    for (int64_t t = 0; t < 13; ++t) {
        const bool inside = t >= record.first && t < record.first + record.length;
        QCOMPARE(!sameFrame(out[t], z[t]), inside);
    }
    const torch::Tensor noise = (out - z).slice(0, record.first, record.first + record.length);
    const double measured = noise.std().item<double>();
    QVERIFY2(std::abs(measured - record.sigma) < 0.1 * record.sigma, qPrintable(QString::number(measured)));
    QVERIFY(std::abs(record.sigma - 0.5 * z.std().item<double>()) < 1e-6);
}

void PerturbationTest::patchSwapSwapsOneRegion() {
    const torch::Tensor z = numbered(13);
    for (uint64_t seed = 0; seed < 20; ++seed) {
        Random random(seed);
        Perturbation record{};
        const torch::Tensor out = patchSwap(z, random, record);
        QVERIFY(record.first + record.length <= record.second); // the windows do not overlap
        torch::Tensor expected = z.clone();
        auto region = [&](const torch::Tensor& tensor, int64_t start) {
            return tensor.slice(0, start, start + record.length)
                .slice(2, record.top, record.top + record.height)
                .slice(3, record.left, record.left + record.width);
        };
        region(expected, record.first).copy_(region(z, record.second));
        region(expected, record.second).copy_(region(z, record.first));
        QVERIFY(torch::equal(out, expected));
        QVERIFY(!torch::equal(out, z));
    }
}

void PerturbationTest::temporalSliceSwapSwapsWindows() {
    const torch::Tensor z = numbered(13);
    for (uint64_t seed = 0; seed < 20; ++seed) {
        Random random(seed);
        Perturbation record{};
        const torch::Tensor out = temporalSliceSwap(z, random, record);
        QVERIFY(record.first + record.length <= record.second);
        for (int64_t k = 0; k < record.length; ++k) {
            QVERIFY(sameFrame(out[record.first + k], z[record.second + k]));
            QVERIFY(sameFrame(out[record.second + k], z[record.first + k]));
        }
        int64_t unchanged = 0;
        for (int64_t t = 0; t < 13; ++t) {
            unchanged += sameFrame(out[t], z[t]) ? 1 : 0;
        }
        QCOMPARE(unchanged, 13 - 2 * record.length);
    }
}

void PerturbationTest::sameSeedSameResult() {
    const torch::Tensor z = torch::randn({9, 4, 8, 8});
    for (const PerturbationKind kind :
         {PerturbationKind::FrameShuffle, PerturbationKind::FrameDrop, PerturbationKind::NoisySegment,
          PerturbationKind::PatchSwap, PerturbationKind::TemporalSliceSwap}) {
        Random first(42);
        Random second(42);
        Perturbation a{};
        Perturbation b{};
        QVERIFY2(torch::equal(applyPerturbation(kind, z, first, a), applyPerturbation(kind, z, second, b)),
                 perturbationName(kind));
        QCOMPARE(a.frames, b.frames);
    }
}

void PerturbationTest::variableLengthCropsFit() {
    Random random(1);
    std::set<int64_t> lengths;
    for (int i = 0; i < 200; ++i) {
        const auto [start, length] = variableLengthCrop(13, random);
        QVERIFY(length >= 2 && length <= 13);
        QVERIFY(start >= 0 && start + length <= 13);
        lengths.insert(length);
    }
    QVERIFY(lengths.size() >= 10); // the lengths vary
}

void PerturbationTest::tooShortIsRefused() {
    Random random(1);
    Perturbation record{};
    QVERIFY_THROWS_EXCEPTION(std::exception, frameShuffle(torch::zeros({1, 4, 8, 8}), random, record));
    QVERIFY_THROWS_EXCEPTION(std::exception, temporalSliceSwap(torch::zeros({1, 4, 8, 8}), random, record));
}

SVJ_REGISTER_TEST(PerturbationTest)
#include "perturbation_tests.moc"
