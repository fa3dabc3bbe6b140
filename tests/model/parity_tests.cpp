// Parity with the reference implementation (diffusers' CogVideoXTransformer3DModel and
// AutoencoderKLCogVideoX, run once on a CPU in float32; fixtures in tests/data/cogvideox/): every
// intermediate and the outputs must match to ~1e-5 relative. This is what says a real CogVideoX-2B
// checkpoint computes in our code what it computes in diffusers.
#include "model/config.h"
#include "model/safetensors.h"
#include "tests/model/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QFile>
#include <QTest>

#include <torch/torch.h>

#include "model/cogvideox_transformer.hpp"
#include "model/tensor_io.hpp"
#include "model/vae_encoder.hpp"

using namespace svj::model;
using namespace svj::model::detail;

class ParityTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transformerMatchesDiffusers();
    void vaeEncoderMatchesDiffusers_data();
    void vaeEncoderMatchesDiffusers();

private:
    static std::string fixture(const char* relative) {
        return std::string(SVJ_TEST_DATA_DIR) + "/cogvideox/" + relative;
    }
    static std::string readText(const std::string& path) {
        QFile file(QString::fromStdString(path));
        return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
    }
};

namespace {
// Float32 on a CPU; we measure about 6e-7 (SVJ_PRINT_ERRORS=1 prints the errors).
constexpr double kTolerance = 1e-5;
} // namespace

void ParityTest::transformerMatchesDiffusers() {
    const TransformerConfig config = TransformerConfig::fromDiffusersJson(
        readText(fixture("transformer-tiny/config.json")), "transformer-tiny/config.json");
    QCOMPARE(config.numLayers, 3);
    CogVideoXTransformer transformer(config);
    transformer->eval();
    // Our own safetensors reader and the diffusers-folder loader, strict: every tensor used, none missing.
    const SafetensorsCollection weights = SafetensorsCollection::open(fixture("transformer-tiny"));
    const LoadReport report = loadState(*transformer, weights, LoadOptions{});
    QCOMPARE(report.loaded, size_t(16 + 3 * 24));
    QVERIFY(report.clean());

    const SafetensorsCollection io = SafetensorsCollection::open(fixture("transformer-tiny/io.safetensors"));
    const torch::Tensor latents = readTensor(io, "in.hidden_states");
    const torch::Tensor text = readTensor(io, "in.encoder_hidden_states");
    const torch::Tensor timesteps = readTensor(io, "in.timestep").to(torch::kInt64);
    torch::NoGradGuard noGrad;
    const TransformerOutput out = transformer->forward(latents, text, timesteps, -1, true);
    SVJ_COMPARE_TENSORS("time embedding", out.timeEmbedding, readTensor(io, "out.time_embedding"), kTolerance);
    SVJ_COMPARE_TENSORS("patch embedding", out.tokens, readTensor(io, "out.patch_embed"), kTolerance);
    QCOMPARE(out.perBlock.size(), size_t(3));
    for (int i = 0; i < 3; ++i) {
        const std::string block = "out.block" + std::to_string(i);
        SVJ_COMPARE_TENSORS((block + " video").c_str(), out.perBlock[size_t(i)].first,
                            readTensor(io, block + ".hidden_states"), kTolerance);
        SVJ_COMPARE_TENSORS((block + " text").c_str(), out.perBlock[size_t(i)].second,
                            readTensor(io, block + ".encoder_hidden_states"), kTolerance);
    }
    SVJ_COMPARE_TENSORS("norm_final", transformer->normFinal(out.video), readTensor(io, "out.norm_final"), kTolerance);
    const torch::Tensor sample = transformer->predict(out, latents.size(1), latents.size(3), latents.size(4));
    SVJ_COMPARE_TENSORS("output sample", sample, readTensor(io, "out.sample"), kTolerance);
}

void ParityTest::vaeEncoderMatchesDiffusers_data() {
    QTest::addColumn<QString>("frames");
    QTest::newRow("9 frames (one chunk)") << QStringLiteral("frames9");
    QTest::newRow("17 frames (9 + 8, the frame cache crosses chunks)") << QStringLiteral("frames17");
}

void ParityTest::vaeEncoderMatchesDiffusers() {
    QFETCH(QString, frames);
    const VaeConfig config =
        VaeConfig::fromDiffusersJson(readText(fixture("vae-tiny/config.json")), "vae-tiny/config.json");
    VaeEncoder encoder(config);
    encoder->eval();
    LoadOptions options;
    options.filePrefix = "encoder.";
    options.ignoreFile = {"decoder."};
    const LoadReport report = loadState(*encoder, SafetensorsCollection::open(fixture("vae-tiny")), options);
    QVERIFY2(report.clean(), report.summary().c_str());
    const SafetensorsCollection io = SafetensorsCollection::open(fixture("vae-tiny/io.safetensors"));
    const std::string key = frames.toStdString();
    torch::NoGradGuard noGrad;
    const auto [mean, logvar] = encoder->encode(readTensor(io, "in." + key));
    SVJ_COMPARE_TENSORS("posterior mean", mean, readTensor(io, "out." + key + ".mean"), kTolerance);
    SVJ_COMPARE_TENSORS("posterior logvar", logvar, readTensor(io, "out." + key + ".logvar"), kTolerance);
}

SVJ_REGISTER_TEST(ParityTest)
#include "parity_tests.moc"
