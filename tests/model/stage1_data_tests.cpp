// What the stage-1 trainer accepts, and that a broken copy is cut exactly like the positive it belongs to.
#include "model/judge.h"
#include "model/model_error.h"
#include "model/stage1_trainer.h"
#include "tests/support/test_registry.h"

#include <QTest>

#include <cmath>

using namespace svj::model;

namespace {

JudgeConfig smallInput() {
    JudgeConfig config = JudgeConfig::forPreset("tiny");
    config.transformer.numLayers = 1;
    config.inputWidth = 32;
    config.inputHeight = 32;
    config.inputFrames = 9;
    return config;
}

TrainingClip noiseClip(int size, int frames, uint32_t seed) {
    TrainingClip clip;
    clip.width = clip.height = size;
    clip.frames = frames;
    clip.source = "noise " + std::to_string(seed);
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    uint32_t state = seed * 2654435761u + 1;
    for (uint8_t& value : clip.rgb) {
        state = state * 1664525u + 1013904223u;
        value = static_cast<uint8_t>(state >> 24);
    }
    return clip;
}

} // namespace

class Stage1DataTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void smallerClipsAreRefused();
    void brokenCopiesMustMatchTheirClip();
    void pairedCopyIsCutLikeItsPositive();
};

void Stage1DataTest::smallerClipsAreRefused() {
    Judge judge = Judge::create(smallInput(), JudgeOptions().withThreads(1));
    Stage1Trainer trainer(judge, {});
    try {
        trainer.addReal(noiseClip(24, 9, 1));
        QFAIL("no error");
    } catch (const ModelError& error) {
        QVERIFY2(QString::fromUtf8(error.what())
                     .contains(QStringLiteral("noise 1: clip is 24x24 but the judge takes 32x32")),
                 error.what());
    }
    trainer.addReal(noiseClip(40, 9, 2)); // larger: cut at random
    QCOMPARE(trainer.realCount(), size_t(1));
}

void Stage1DataTest::brokenCopiesMustMatchTheirClip() {
    Judge judge = Judge::create(smallInput(), JudgeOptions().withThreads(1));
    Stage1Trainer trainer(judge, {});
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer.addReal(noiseClip(40, 9, 1), {noiseClip(48, 9, 2)}));
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer.addReal(noiseClip(40, 9, 1), {noiseClip(40, 13, 2)}));
    QCOMPARE(trainer.realCount(), size_t(0)); // nothing half-added
}

void Stage1DataTest::pairedCopyIsCutLikeItsPositive() {
    // Every negative a "broken copy" that is in fact identical to its clean clip: if the trainer cuts the
    // copy with the positive's window, crop and mirror, each pair scores the same energy.
    JudgeConfig config = smallInput();
    config.negatives.weights = {1.0, 0.0, 0.0, 0.0, 0.0, 0.0}; // generated (broken copies) only
    config.variableLengthProbability = 0.5;
    Judge judge = Judge::create(config, JudgeOptions().withThreads(1));
    Stage1Options options;
    options.batchSize = 3;
    options.learningRate = 1e-9; // the check is about the data, not the step
    Stage1Trainer trainer(judge, options);
    for (uint32_t seed = 0; seed < 4; ++seed) {
        const TrainingClip clip = noiseClip(44, 13, seed);
        trainer.addReal(clip, {clip, clip});
    }
    for (int step = 0; step < 4; ++step) {
        const Stage1Step report = trainer.step();
        QCOMPARE(report.negativeKinds, (std::vector<std::string>{"generated", "generated", "generated"}));
        QVERIFY2(std::abs(report.positiveEnergy - report.negativeEnergy) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(report.positiveEnergy).arg(report.negativeEnergy)));
    }
}

SVJ_REGISTER_TEST(Stage1DataTest)
#include "stage1_data_tests.moc"
