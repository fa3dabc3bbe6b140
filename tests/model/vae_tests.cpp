// The VAE encoder's causal machinery: a causal conv fed chunk by chunk equals one pass; the time
// compression turns 49 frames into 25, then 13.
#include "model/config.h"
#include "tests/model/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QTest>

#include <torch/torch.h>

#include "model/vae_encoder.hpp"

using namespace svj::model;
using namespace svj::model::detail;

class VaeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void causalConvChunkedEqualsWhole();
    void causalConvIsCausal();
    void timeCompressionRule();
    void fortyNineFramesMakeThirteenLatents();
    void badInputIsRefused();
};

void VaeTest::causalConvChunkedEqualsWhole() {
    torch::NoGradGuard noGrad;
    CausalConv3d conv(3, 5, 3);
    const torch::Tensor video = torch::randn({2, 3, 17, 8, 8});
    ConvCache whole;
    const torch::Tensor once = conv(video, whole);
    ConvCache cache;
    std::vector<torch::Tensor> parts;
    for (const auto& [start, end] : std::vector<std::pair<int64_t, int64_t>>{{0, 9}, {9, 13}, {13, 14}, {14, 17}}) {
        cache.rewind();
        parts.push_back(conv(video.slice(2, start, end), cache));
    }
    SVJ_COMPARE_TENSORS("chunked", torch::cat(parts, 2), once, 1e-6);
    QCOMPARE(once.size(2), int64_t(17)); // causal padding keeps the frame count
}

void VaeTest::causalConvIsCausal() {
    torch::NoGradGuard noGrad;
    CausalConv3d conv(2, 2, 3);
    const torch::Tensor video = torch::randn({1, 2, 9, 6, 6});
    torch::Tensor changed = video.clone();
    changed.slice(2, 6).add_(1.0); // alter the future
    ConvCache a;
    ConvCache b;
    const torch::Tensor before = conv(video, a).slice(2, 0, 6);
    const torch::Tensor after = conv(changed, b).slice(2, 0, 6);
    QVERIFY(torch::equal(before, after)); // outputs up to frame 5 do not see frames 6...
}

void VaeTest::timeCompressionRule() {
    torch::NoGradGuard noGrad;
    Downsample3d down(4, true);
    QCOMPARE(down(torch::randn({1, 4, 49, 8, 8})).size(2), int64_t(25)); // frame 0 alone, then pairs
    QCOMPARE(down(torch::randn({1, 4, 25, 8, 8})).size(2), int64_t(13));
    QCOMPARE(down(torch::randn({1, 4, 8, 8, 8})).size(2), int64_t(4)); // even: pairs only
    Downsample3d spatialOnly(4, false);
    const torch::Tensor out = spatialOnly(torch::randn({1, 4, 5, 8, 8}));
    QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{1, 4, 5, 4, 4}));
    // Averaging: a constant-in-time signal stays constant after compression.
    Downsample3d average(1, true);
    {
        torch::NoGradGuard guard;
        average->conv->weight.zero_();
        average->conv->weight.index_put_({0, 0, 0, 0}, 1.0);
        average->conv->bias.zero_();
    }
    const torch::Tensor ramp = torch::arange(5, torch::kFloat32).reshape({1, 1, 5, 1, 1}).expand({1, 1, 5, 4, 4});
    const torch::Tensor pooled = average(ramp.contiguous());
    // frames 0 | (1,2) | (3,4) -> 0, 1.5, 3.5
    QVERIFY(std::abs(pooled[0][0][1][0][0].item<double>() - 1.5) < 1e-6);
    QVERIFY(std::abs(pooled[0][0][2][0][0].item<double>() - 3.5) < 1e-6);
}

void VaeTest::fortyNineFramesMakeThirteenLatents() {
    torch::NoGradGuard noGrad;
    VaeConfig config;
    config.blockOutChannels = {8, 8, 8, 8};
    config.normNumGroups = 4;
    config.layersPerBlock = 1;
    config.latentChannels = 4;
    VaeEncoder encoder(config);
    const auto [mean, logvar] = encoder->encode(torch::rand({1, 3, 49, 16, 16}) * 2 - 1);
    QCOMPARE(mean.sizes().vec(), (std::vector<int64_t>{1, 4, 13, 2, 2}));
    QCOMPARE(logvar.sizes().vec(), mean.sizes().vec());
    QVERIFY(logvar.max().item<double>() <= 20.0 && logvar.min().item<double>() >= -30.0);
}

void VaeTest::badInputIsRefused() {
    VaeConfig config;
    config.blockOutChannels = {8, 8, 8, 8};
    config.normNumGroups = 4;
    config.layersPerBlock = 1;
    VaeEncoder encoder(config);
    QVERIFY_THROWS_EXCEPTION(std::exception, encoder->encode(torch::zeros({1, 3, 9, 12, 16})));
    QVERIFY_THROWS_EXCEPTION(std::exception, encoder->encode(torch::zeros({1, 4, 9, 16, 16})));
}

SVJ_REGISTER_TEST(VaeTest)
#include "vae_tests.moc"
