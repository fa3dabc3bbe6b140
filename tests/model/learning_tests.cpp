// Does the judge learn? A tiny judge trained for a few hundred steps on smooth synthetic moving patterns
// (positives) against GT-SVJ's five perturbations (negatives) must rank held-out clean clips below their
// perturbed copies (AUC > 0.9). And training resumed from a saved state equals training straight through.
#include "model/judge.h"
#include "model/model_error.h"
#include "model/safetensors.h"
#include "model/stage1_trainer.h"
#include "tests/support/test_registry.h"

#include <QTemporaryDir>
#include <QTest>

#include <torch/torch.h>

#include <cmath>
#include <random>

#include "model/judge_impl.hpp"
#include "model/perturbations.hpp"

using namespace svj::model;

class LearningTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tinyJudgeLearnsToSeeTime();
    void resumedTrainingEqualsUninterrupted();
};

namespace {
constexpr int kSize = 48;
constexpr int kFrames = 17;

JudgeConfig learningConfig() {
    JudgeConfig config = JudgeConfig::forPreset("tiny");
    config.transformer.numLayers = 4;
    config.inputWidth = kSize;
    config.inputHeight = kSize;
    config.inputFrames = kFrames;
    return config;
}

// A textured background drifting at constant velocity, with a bright blob travelling across it: smooth,
// real-looking motion whose every frame follows from the previous one, fast enough (2-3.5 pixels a frame)
// that order shows between latent frames.
TrainingClip movingPattern(uint32_t seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const double vx = (unit(random) - 0.5) * 3.0;
    const double vy = (unit(random) - 0.5) * 3.0;
    double waves[3][4];
    for (auto& wave : waves) {
        wave[0] = 0.1 + unit(random) * 0.4; // frequency x
        wave[1] = 0.1 + unit(random) * 0.4; // frequency y
        wave[2] = unit(random) * 6.28;      // phase
        wave[3] = 0.5 + unit(random) * 0.5; // amplitude
    }
    const double direction = unit(random) * 6.28318;
    const double speed = 2.0 + unit(random) * 1.5;
    const double blobVx = speed * std::cos(direction);
    const double blobVy = speed * std::sin(direction);
    // Start so that the blob passes the centre halfway through the clip.
    const double blobX = kSize / 2.0 - blobVx * (kFrames / 2.0) + (unit(random) - 0.5) * 8.0;
    const double blobY = kSize / 2.0 - blobVy * (kFrames / 2.0) + (unit(random) - 0.5) * 8.0;
    const double tint[3] = {unit(random), unit(random), unit(random)};
    TrainingClip clip;
    clip.frames = kFrames;
    clip.height = kSize;
    clip.width = kSize;
    clip.source = "pattern " + std::to_string(seed);
    clip.rgb.resize(size_t(kFrames) * kSize * kSize * 3);
    size_t i = 0;
    for (int t = 0; t < kFrames; ++t) {
        for (int y = 0; y < kSize; ++y) {
            for (int x = 0; x < kSize; ++x) {
                const double px = x + vx * t;
                const double py = y + vy * t;
                double value = 0;
                for (const auto& wave : waves) {
                    value += wave[3] * std::sin(wave[0] * px + wave[1] * py + wave[2]);
                }
                const double dx = x - (blobX + blobVx * t);
                const double dy = y - (blobY + blobVy * t);
                const double blob = std::exp(-(dx * dx + dy * dy) / 40.0);
                for (int c = 0; c < 3; ++c) {
                    const double level = 0.45 + 0.12 * value * (0.5 + tint[c]) + 0.5 * blob;
                    clip.rgb[i++] = uint8_t(std::clamp(level, 0.0, 1.0) * 255.0);
                }
            }
        }
    }
    return clip;
}

torch::Tensor clipEnergy(Judge& judge, const torch::Tensor& latents) {
    return judge.impl().network->judge(latents.unsqueeze(0), false).energies.mean();
}
} // namespace

void LearningTest::tinyJudgeLearnsToSeeTime() {
    JudgeOptions options;
    options.threads = 2;
    options.seed = 7;
    JudgeConfig config = learningConfig();
    config.stage1Training = Stage1Training::AllWeights;
    Judge judge = Judge::create(config, options);
    Stage1Options training;
    // Measured: AUC 0.952 with training seed 11 (0.946 / 0.942 for seeds 11 / 12 before the query-scaled
    // attention); about 140 s alone on two cores.
    training.batchSize = 16;
    training.learningRate = 1e-3;
    training.warmupSteps = 20;
    training.totalSteps = 1000;
    training.seed = 11;
    // Mirroring is for real footage with few videos; these patterns are plentiful, and the measured
    // figures above are without it (with it, seed 11 gave 0.868 at 1000 steps).
    training.randomFlip = false;
    Stage1Trainer trainer(judge, training);
    // Plenty of distinct clips: with few, the judge learns the clips instead of time.
    for (uint32_t seed = 0; seed < 1500; ++seed) {
        trainer.addReal(movingPattern(seed));
    }
    Stage1Step last;
    for (int step = 0; step < training.totalSteps; ++step) {
        last = trainer.step();
    }
    qInfo("after %lld steps: loss %.3f, E+ %.3f, E- %.3f", static_cast<long long>(last.step), last.loss,
          last.positiveEnergy, last.negativeEnergy);

    // Held out: clips never seen, each against its own five perturbations.
    torch::NoGradGuard noGrad;
    svj::model::detail::Random random(99);
    std::vector<double> positives;
    std::vector<double> negatives;
    std::map<std::string, std::vector<double>> byKind;
    for (uint32_t seed = 100000; seed < 100060; ++seed) {
        const TrainingClip clip = movingPattern(seed);
        const torch::Tensor pixels =
            torch::from_blob(const_cast<uint8_t*>(clip.rgb.data()), {kFrames, kSize, kSize, 3}, torch::kUInt8)
                .permute({3, 0, 1, 2})
                .to(torch::kFloat32)
                .div(127.5)
                .sub(1.0)
                .unsqueeze(0);
        const torch::Tensor latents = judge.impl().network->encode(pixels)[0];
        positives.push_back(clipEnergy(judge, latents).item<double>());
        for (size_t kind = 0; kind < svj::model::kLatentPerturbations; ++kind) {
            svj::model::detail::Perturbation record;
            const svj::model::NegativeKind perturbationKind = svj::model::latentPerturbation(kind);
            const torch::Tensor perturbed =
                svj::model::detail::applyPerturbation(perturbationKind, latents, random, record);
            negatives.push_back(clipEnergy(judge, perturbed).item<double>());
            byKind[svj::model::detail::perturbationName(perturbationKind)].push_back(negatives.back());
        }
    }
    auto auc = [&](const std::vector<double>& against) {
        double wins = 0;
        for (const double p : positives) {
            for (const double n : against) {
                wins += n > p ? 1.0 : (n == p ? 0.5 : 0.0);
            }
        }
        return wins / double(positives.size() * against.size());
    };
    for (const auto& [kind, energies] : byKind) {
        qInfo("held-out AUC, clean vs %s: %.3f", kind.c_str(), auc(energies));
    }
    double meanPositive = 0;
    double meanNegative = 0;
    for (const double p : positives) {
        meanPositive += p / positives.size();
    }
    for (const double n : negatives) {
        meanNegative += n / negatives.size();
    }
    qInfo("held-out mean energy: clean %.3f, perturbed %.3f", meanPositive, meanNegative);
    int pairedWins = 0;
    for (size_t i = 0; i < positives.size(); ++i) {
        for (size_t k = 0; k < 5; ++k) {
            pairedWins += negatives[i * 5 + k] > positives[i] ? 1 : 0;
        }
    }
    qInfo("held-out paired accuracy (each clip against its own perturbations): %.3f",
          double(pairedWins) / double(negatives.size()));
    const double overall = auc(negatives);
    qInfo("held-out AUC, clean vs all perturbations: %.3f", overall);
    QVERIFY2(overall > 0.9, qPrintable(QString::number(overall)));
}

void LearningTest::resumedTrainingEqualsUninterrupted() {
    QTemporaryDir dir;
    auto makeTrainer = [](Judge& judge) {
        Stage1Options training;
        training.batchSize = 3;
        training.totalSteps = 8;
        training.warmupSteps = 2;
        training.seed = 5;
        auto trainer = std::make_unique<Stage1Trainer>(judge, training);
        for (uint32_t seed = 0; seed < 6; ++seed) {
            trainer->addReal(movingPattern(seed));
        }
        return trainer;
    };
    JudgeOptions options;
    options.threads = 2;
    options.seed = 3;
    JudgeConfig config = learningConfig();
    config.transformer.numLayers = 2;

    Judge straight = Judge::create(config, options);
    auto straightTrainer = makeTrainer(straight);
    for (int i = 0; i < 8; ++i) {
        straightTrainer->step();
    }

    const std::string checkpoint = dir.filePath(QStringLiteral("half.safetensors")).toStdString();
    const std::string state = dir.filePath(QStringLiteral("half.state.safetensors")).toStdString();
    {
        Judge first = Judge::create(config, options);
        auto trainer = makeTrainer(first);
        for (int i = 0; i < 4; ++i) {
            trainer->step();
        }
        first.save(checkpoint);
        trainer->saveState(state);
    } // the process "stops" here
    Judge resumed = Judge::load(checkpoint, options);
    auto trainer = makeTrainer(resumed);
    {
        // A state whose moment has another shape (copy_ would broadcast a [1] over it) is refused, naming
        // it, and nothing of it is taken.
        const auto file = SafetensorsFile::open(state);
        SafetensorsWriter tampered;
        for (const TensorInfo& tensor : file->tensors()) {
            if (tensor.name == "adam.first.0") {
                const float one = 1.0f;
                tampered.add(tensor.name, DType::F32, {1}, &one, sizeof one);
            } else {
                tampered.add(tensor.name, tensor.dtype, tensor.shape, file->data(tensor), tensor.byteSize());
            }
        }
        for (const auto& [key, value] : file->metadata()) {
            tampered.setMetadata(key, value);
        }
        const std::string bad = dir.filePath(QStringLiteral("bad.state.safetensors")).toStdString();
        tampered.write(bad);
        try {
            trainer->loadState(bad);
            QFAIL("a state with a moment of the wrong shape was loaded");
        } catch (const ModelError& error) {
            QVERIFY2(std::string(error.what()).find("adam.first.0") != std::string::npos, error.what());
        }
        QCOMPARE(trainer->stepsDone(), int64_t(0));
    }
    trainer->loadState(state);
    QCOMPARE(trainer->stepsDone(), int64_t(4));
    for (int i = 0; i < 4; ++i) {
        trainer->step();
    }
    auto expected = straight.impl().network->named_parameters(true);
    for (const auto& item : resumed.impl().network->named_parameters(true)) {
        QVERIFY2(torch::equal(item.value(), expected[item.key()]), ("differs after resuming: " + item.key()).c_str());
    }
}

SVJ_REGISTER_TEST(LearningTest)
#include "learning_tests.moc"
