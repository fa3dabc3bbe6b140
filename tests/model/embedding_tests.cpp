// Closed-form checks: timestep embedding, 3D sin-cos positions, rotary positions, latent <-> frame mapping.
#include "model/latent_frames.h"
#include "model/model_error.h"
#include "tests/model/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QTest>

#include <torch/torch.h>

#include <cmath>

#include "model/embeddings.hpp"

using namespace svj::model;
using namespace svj::model::detail;

class EmbeddingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timestepEmbeddingClosedForm();
    void sincosPositionsClosedForm();
    void rotaryPositionsClosedForm();
    void rotaryRotatesPairs();
    void latentFrameMapping();
    void latentCurveSpreadsOverFrames();
};

void EmbeddingTest::timestepEmbeddingClosedForm() {
    // dim 8, flip: [cos(t w_i), sin(t w_i)] with w_i = 10000^(-i/4), i = 0..3.
    const torch::Tensor embedding = timestepEmbedding(torch::tensor({0, 999}), 8, true, 0.0);
    QCOMPARE(embedding.sizes().vec(), (std::vector<int64_t>{2, 8}));
    for (int i = 0; i < 4; ++i) {
        const double w = std::pow(10000.0, -i / 4.0);
        QVERIFY(std::abs(embedding[1][i].item<double>() - std::cos(999 * w)) < 1e-5);
        QVERIFY(std::abs(embedding[1][4 + i].item<double>() - std::sin(999 * w)) < 1e-5);
        QVERIFY(std::abs(embedding[0][i].item<double>() - 1.0) < 1e-7); // cos 0
        QVERIFY(std::abs(embedding[0][4 + i].item<double>()) < 1e-7);   // sin 0
    }
    // Without the flip, sin comes first.
    const torch::Tensor unflipped = timestepEmbedding(torch::tensor({999}), 8, false, 0.0);
    QVERIFY(std::abs(unflipped[0][0].item<double>() - std::sin(999.0)) < 1e-5);
}

void EmbeddingTest::sincosPositionsClosedForm() {
    // dim 16: temporal 4 (sin 2, cos 2), spatial 12 = w half (6) then h half (6).
    const int dim = 16;
    const double scale = 1.875;
    const torch::Tensor positions = sincosPositions3d(dim, 3, 2, 2, scale, 1.0); // W 3, H 2, T 2
    QCOMPARE(positions.sizes().vec(), (std::vector<int64_t>{2 * 2 * 3, dim}));
    auto oneD = [](int d, double position, int k) { // k-th entry of 1D(d, pos): sin first, then cos
        const int half = d / 2;
        const double omega = 1.0 / std::pow(10000.0, double(k % half) / half);
        return k < half ? std::sin(position * omega) : std::cos(position * omega);
    };
    for (int t = 0; t < 2; ++t) {
        for (int h = 0; h < 2; ++h) {
            for (int w = 0; w < 3; ++w) {
                const int64_t token = (t * 2 + h) * 3 + w;
                for (int k = 0; k < 4; ++k) {
                    QVERIFY(std::abs(positions[token][k].item<double>() - oneD(4, t, k)) < 1e-6);
                }
                for (int k = 0; k < 6; ++k) {
                    QVERIFY(std::abs(positions[token][4 + k].item<double>() - oneD(6, float(w / scale), k)) < 1e-6);
                    QVERIFY(std::abs(positions[token][10 + k].item<double>() - oneD(6, float(h / scale), k)) < 1e-6);
                }
            }
        }
    }
}

void EmbeddingTest::rotaryPositionsClosedForm() {
    // head 16: t 4, h 6, w 6 channels; each frequency repeated twice.
    const auto [cos, sin] = rotaryPositions3d(16, 3, 2, 2);
    QCOMPARE(cos.sizes().vec(), (std::vector<int64_t>{12, 16}));
    const int64_t token = (1 * 2 + 1) * 3 + 2; // t 1, h 1, w 2
    // t axis, dim 4: frequencies 10000^(-0/4), 10000^(-2/4)
    QVERIFY(std::abs(cos[token][0].item<double>() - std::cos(1.0)) < 1e-6);
    QVERIFY(std::abs(cos[token][1].item<double>() - std::cos(1.0)) < 1e-6);
    QVERIFY(std::abs(cos[token][2].item<double>() - std::cos(0.01)) < 1e-6);
    // w axis starts at 4 + 6 = 10, dim 6: frequencies 10000^(-0/6), ^(-2/6), ^(-4/6)
    QVERIFY(std::abs(sin[token][10].item<double>() - std::sin(2.0)) < 1e-6);
    QVERIFY(std::abs(sin[token][12].item<double>() - std::sin(2.0 * std::pow(10000.0, -2.0 / 6))) < 1e-6);
}

void EmbeddingTest::rotaryRotatesPairs() {
    // One pair (x0, x1) rotated by angle a: (x0 cos a - x1 sin a, x1 cos a + x0 sin a).
    const torch::Tensor x = torch::tensor({3.0f, 4.0f}).reshape({1, 1, 1, 2});
    const double angle = 0.7;
    const torch::Tensor cos = torch::full({1, 2}, std::cos(angle));
    const torch::Tensor sin = torch::full({1, 2}, std::sin(angle));
    const torch::Tensor rotated = applyRotary(x, cos, sin).reshape({2});
    QVERIFY(std::abs(rotated[0].item<double>() - (3 * std::cos(angle) - 4 * std::sin(angle))) < 1e-5);
    QVERIFY(std::abs(rotated[1].item<double>() - (4 * std::cos(angle) + 3 * std::sin(angle))) < 1e-5);
}

void EmbeddingTest::latentFrameMapping() {
    QCOMPARE(latentFrameCount(49), 13);
    QCOMPARE(latentFrameCount(17), 5);
    QCOMPARE(latentFrameCount(1), 1);
    QCOMPARE(videoFramesOfLatent(0), (std::pair<int, int>{0, 0}));
    QCOMPARE(videoFramesOfLatent(1), (std::pair<int, int>{1, 4}));
    QCOMPARE(videoFramesOfLatent(12), (std::pair<int, int>{45, 48}));
    for (int latent = 0; latent < 13; ++latent) {
        const auto [first, last] = videoFramesOfLatent(latent);
        for (int frame = first; frame <= last; ++frame) {
            QCOMPARE(latentOfVideoFrame(frame), latent);
        }
    }
    QVERIFY_THROWS_EXCEPTION(ModelError, latentFrameCount(0));
}

void EmbeddingTest::latentCurveSpreadsOverFrames() {
    const std::vector<float> curve = latentToFrameCurve({1.0f, 2.0f, 3.0f}, 9);
    QCOMPARE(curve, (std::vector<float>{1, 2, 2, 2, 2, 3, 3, 3, 3}));
}

SVJ_REGISTER_TEST(EmbeddingTest)
#include "embedding_tests.moc"
