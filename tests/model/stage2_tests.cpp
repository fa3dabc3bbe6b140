// Stage 2: the judge learns a preference from labelled pairs (ties included), resumes bit for bit across
// an epoch boundary, refuses pairs that do not fit, and a stage-1 checkpoint gets a fresh aspect head.
#include "model/judge.h"
#include "model/model_error.h"
#include "model/stage1_trainer.h"
#include "model/stage2_trainer.h"
#include "tests/support/test_registry.h"

#include <QTemporaryDir>
#include <QTest>

#include <torch/torch.h>

#include <random>

#include "model/judge_impl.hpp"
#include "model/trainer_support.hpp"

using namespace svj::model;

namespace {

constexpr int kStage2Size = 32;
constexpr int kStage2Frames = 9;

JudgeConfig stage2Config() {
    JudgeConfig config = JudgeConfig::forPreset("tiny");
    config.transformer.numLayers = 2;
    config.inputWidth = kStage2Size;
    config.inputHeight = kStage2Size;
    config.inputFrames = kStage2Frames;
    config.aspects = {"brightness", "unrated"};
    return config;
}

// A noisy texture around a brightness level: the property the synthetic "annotators" prefer.
TrainingClip brightClip(int level, uint32_t seed, int frames = kStage2Frames) {
    TrainingClip clip;
    clip.width = clip.height = kStage2Size;
    clip.frames = frames;
    clip.source = "level " + std::to_string(level);
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> noise(-30, 30);
    for (uint8_t& value : clip.rgb) {
        value = static_cast<uint8_t>(std::clamp(level + noise(random), 0, 255));
    }
    return clip;
}

PairVerdict brighterWins(int levelA, int levelB) {
    if (std::abs(levelA - levelB) < 25) {
        return PairVerdict::Tie;
    }
    return levelA > levelB ? PairVerdict::A : PairVerdict::B;
}

// Videos at random levels and pairs of them labelled by brightness (the "brightness" aspect too).
struct Stage2Data {
    std::vector<int> levels;
    std::vector<std::pair<int, int>> pairs;
};

Stage2Data addBrightnessData(Stage2Trainer& trainer, int videos, int pairs, uint32_t seed) {
    Stage2Data data;
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> level(40, 215);
    for (int i = 0; i < videos; ++i) {
        data.levels.push_back(level(random));
        trainer.addVideo({brightClip(data.levels.back(), seed * 1000 + static_cast<uint32_t>(i))});
    }
    std::uniform_int_distribution<int> pick(0, videos - 1);
    for (int i = 0; i < pairs; ++i) {
        const int a = pick(random);
        int b = pick(random);
        while (b == a) {
            b = pick(random);
        }
        PreferenceExample example;
        example.videoA = a;
        example.videoB = b;
        example.verdict = brighterWins(data.levels[static_cast<size_t>(a)], data.levels[static_cast<size_t>(b)]);
        example.aspects = {static_cast<int8_t>(example.verdict), -1};
        trainer.addPair(example);
        data.pairs.emplace_back(a, b);
    }
    return data;
}

} // namespace

class Stage2Test : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void learnsAPreferenceWithTies();
    void resumedFineTuneEqualsUninterrupted();
    void pairsThatDoNotFitAreRefused();
    void stageOneCheckpointGetsAFreshAspectHead();
    void frozenVaeEncodesEachClipOnce();
};

void Stage2Test::learnsAPreferenceWithTies() {
    Judge judge = Judge::create(stage2Config(), JudgeOptions().withThreads(2));
    Stage2Options options;
    options.batchSize = 8;
    options.learningRate = 3e-3;
    options.warmupSteps = 5;
    options.totalSteps = 80;
    options.seed = 4;
    Stage2Trainer trainer(judge, options);
    addBrightnessData(trainer, 24, 96, 1);
    QCOMPARE(trainer.stepsPerEpoch(), int64_t(12));
    // Mean preference loss over the first and the last epoch (one batch alone is noisy).
    double firstEpoch = 0.0;
    double lastEpoch = 0.0;
    Stage2Step last;
    for (int i = 0; i < options.totalSteps; ++i) {
        last = trainer.step();
        firstEpoch += i < 12 ? last.preferenceLoss / 12 : 0.0;
        lastEpoch += i >= options.totalSteps - 12 ? last.preferenceLoss / 12 : 0.0;
    }
    QCOMPARE(last.epoch, int64_t(6));
    QVERIFY(last.aspectLoss > 0.0);
    qInfo("stage-2 preference loss, first epoch %.3f, last %.3f; tie strength %.3f", firstEpoch, lastEpoch,
          last.tieStrength);
    QVERIFY2(lastEpoch < 0.85 * firstEpoch, "the preference loss did not fall");

    // Held-out videos, ranked by the learned reward: brighter must win the decisive pairs.
    int right = 0;
    int decisive = 0;
    std::vector<float> rewards;
    for (int level = 40; level <= 215; level += 25) {
        const TrainingClip clip = brightClip(level, 9000 + static_cast<uint32_t>(level));
        const ScoreResult score = judge.score({clip.rgb.data(), clip.frames, clip.height, clip.width});
        QVERIFY(score.hasAspects);
        QCOMPARE(score.aspectScores.size(), size_t(2));
        rewards.push_back(score.reward);
    }
    for (size_t a = 0; a < rewards.size(); ++a) {
        for (size_t b = a + 1; b < rewards.size(); ++b) {
            ++decisive;
            right += rewards[b] > rewards[a] ? 1 : 0; // b is brighter
        }
    }
    qInfo("held-out brightness pairs ranked right: %d of %d", right, decisive);
    QVERIFY2(right >= decisive * 85 / 100, qPrintable(QStringLiteral("%1 of %2").arg(right).arg(decisive)));
}

void Stage2Test::resumedFineTuneEqualsUninterrupted() {
    QTemporaryDir dir;
    JudgeOptions judgeOptions = JudgeOptions().withThreads(2);
    judgeOptions.seed = 7;
    Stage2Options options;
    options.batchSize = 4;
    options.totalSteps = 6;
    options.warmupSteps = 1;
    options.seed = 11;
    const auto makeTrainer = [&](Judge& judge) {
        auto trainer = std::make_unique<Stage2Trainer>(judge, options);
        addBrightnessData(*trainer, 6, 10, 3); // 3 steps an epoch: the resume point is an epoch boundary
        return trainer;
    };
    Judge straight = Judge::create(stage2Config(), judgeOptions);
    auto straightTrainer = makeTrainer(straight);
    for (int i = 0; i < 6; ++i) {
        straightTrainer->step();
    }
    const std::string checkpoint = dir.filePath(QStringLiteral("half.safetensors")).toStdString();
    const std::string state = checkpoint + ".state";
    {
        Judge first = Judge::create(stage2Config(), judgeOptions);
        auto trainer = makeTrainer(first);
        for (int i = 0; i < 3; ++i) {
            trainer->step();
        }
        first.save(checkpoint);
        trainer->saveState(state);
    }
    QVERIFY(Judge::readCheckpointInfo(checkpoint).stage2);
    Judge resumed = Judge::loadForFineTune(checkpoint, stage2Config().aspects, judgeOptions);
    auto trainer = makeTrainer(resumed);
    trainer->loadState(state);
    QCOMPARE(trainer->stepsDone(), int64_t(3));
    for (int i = 0; i < 3; ++i) {
        trainer->step();
    }
    auto expected = straight.impl().network->named_parameters(true);
    for (const auto& item : resumed.impl().network->named_parameters(true)) {
        QVERIFY2(torch::equal(item.value(), expected[item.key()]), ("differs after resuming: " + item.key()).c_str());
    }
    // A stage-1 state is not a stage-2 one.
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer->loadState(checkpoint));
}

void Stage2Test::pairsThatDoNotFitAreRefused() {
    Judge judge = Judge::create(stage2Config(), JudgeOptions().withThreads(1));
    Stage2Trainer trainer(judge, {});
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer.step()); // nothing to train on
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer.addVideo({}));
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer.addVideo({brightClip(100, 1, 7)})); // not 1 + 4k frames
    const int video = trainer.addVideo({brightClip(100, 1)});
    PreferenceExample unknown;
    unknown.videoA = video;
    unknown.videoB = 5;
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer.addPair(unknown));
    PreferenceExample wrongAspects;
    wrongAspects.videoA = wrongAspects.videoB = video;
    wrongAspects.aspects = {0, 1, 2};
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer.addPair(wrongAspects));
    wrongAspects.aspects = {0, 5};
    QVERIFY_THROWS_EXCEPTION(ModelError, trainer.addPair(wrongAspects));
    QCOMPARE(trainer.pairCount(), size_t(0));
}

void Stage2Test::stageOneCheckpointGetsAFreshAspectHead() {
    QTemporaryDir dir;
    const std::string stage1 = dir.filePath(QStringLiteral("stage1.safetensors")).toStdString();
    JudgeConfig config = stage2Config();
    config.aspects = {"a", "b", "c", "d"};
    Judge original = Judge::create(config, JudgeOptions().withThreads(1));
    original.save(stage1);

    Judge tuned = Judge::loadForFineTune(stage1, {"VQ", "MQ", "TA"}, JudgeOptions().withThreads(1));
    QCOMPARE(tuned.config().aspects, (std::vector<std::string>{"VQ", "MQ", "TA"}));
    auto before = original.impl().network->named_parameters(true);
    for (const auto& item : tuned.impl().network->named_parameters(true)) {
        if (item.key().rfind("aspect_head.", 0) != 0) {
            QVERIFY2(torch::equal(item.value(), before[item.key()]), item.key().c_str());
        }
    }
    QCOMPARE(tuned.impl().network->aspectHead->out->weight.size(0), int64_t(3));
    // Before any stage-2 step the judge has no reward to give; its fresh head starts at the stage-1 judgement.
    const TrainingClip clip = brightClip(120, 2);
    const ScoreResult stage1Score = tuned.score({clip.rgb.data(), clip.frames, clip.height, clip.width});
    QVERIFY(!stage1Score.hasAspects);
    {
        torch::NoGradGuard noGrad;
        auto& network = tuned.impl().network;
        const auto output = network->judge(
            network->encode(tuned.impl().pixelsFrom({{clip.rgb.data(), clip.frames, clip.height, clip.width}})), true);
        QVERIFY(std::abs(output.reward.item<float>() + stage1Score.energy) < 1e-5f);
        QVERIFY(torch::allclose(output.aspects, -output.energies.mean(1, true).expand({1, 3})));
    }

    const std::string stage2 = dir.filePath(QStringLiteral("stage2.safetensors")).toStdString();
    {
        Stage2Trainer trainer(tuned, {});
        const int a = trainer.addVideo({brightClip(60, 1)});
        const int b = trainer.addVideo({brightClip(200, 2)});
        trainer.addPair({a, b, PairVerdict::B, {1, -1, 2}});
        trainer.step();
    }
    tuned.save(stage2);
    const CheckpointInfo info = Judge::readCheckpointInfo(stage2);
    QVERIFY(info.stage2);
    QCOMPARE(info.parent, stage1);
    Judge loaded = Judge::load(stage2, JudgeOptions().withThreads(1));
    const ScoreResult score = loaded.score({clip.rgb.data(), clip.frames, clip.height, clip.width});
    QVERIFY(score.hasAspects);
    QCOMPARE(score.aspectScores.size(), size_t(3));
    // Fine-tuning it further keeps the trained head.
    Judge again = Judge::loadForFineTune(stage2, {"VQ", "MQ", "TA"}, JudgeOptions().withThreads(1));
    QVERIFY(
        torch::equal(again.impl().network->aspectHead->out->weight, loaded.impl().network->aspectHead->out->weight));
    // An unreadable checkpoint is named.
    try {
        Judge::loadForFineTune(dir.filePath(QStringLiteral("missing.safetensors")).toStdString(), {"VQ"});
        QFAIL("no error");
    } catch (const ModelError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("missing.safetensors")), error.what());
    }
}

// A miniature of the 2B judge: the real VAE encoder class, LoRA-only stage 1.
JudgeConfig vaeJudgeConfig() {
    JudgeConfig config = JudgeConfig::forPreset("cogvideox-2b");
    config.transformer.numAttentionHeads = 2;
    config.transformer.attentionHeadDim = 16;
    config.transformer.numLayers = 3;
    config.transformer.timeEmbedDim = 16;
    config.transformer.textEmbedDim = 8;
    config.transformer.maxTextSeqLength = 4;
    config.vae.blockOutChannels = {8, 8, 8, 8};
    config.vae.normNumGroups = 4;
    config.vae.layersPerBlock = 1;
    config.inputWidth = kStage2Size;
    config.inputHeight = kStage2Size;
    config.inputFrames = kStage2Frames;
    config.energyHeadHidden = 16;
    config.aspectHeadHidden = 16;
    config.aspects = {"VQ", "MQ"};
    return config;
}

TrainingClip largerClip(int size, int frames, uint32_t seed) {
    TrainingClip clip;
    clip.width = clip.height = size;
    clip.frames = frames;
    clip.source = "larger " + std::to_string(seed);
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    std::mt19937 random(seed);
    for (uint8_t& value : clip.rgb) {
        value = static_cast<uint8_t>(random());
    }
    return clip;
}

void Stage2Test::frozenVaeEncodesEachClipOnce() {
    Judge judge = Judge::create(vaeJudgeConfig(), JudgeOptions().withThreads(2));
    auto& network = judge.impl().network;
    {
        torch::NoGradGuard noGrad;
        // A cached window is the whole clip's latents cut in latent space: uncut, it is exactly the encoding.
        const TrainingClip clip = largerClip(48, 13, 1);
        svj::model::detail::LatentCache cache;
        const svj::model::detail::Crop whole;
        const torch::Tensor full =
            network->encode(svj::model::detail::clipPixels(clip, network->config, 0, 4, whole, 48, 48).unsqueeze(0))[0];
        svj::model::detail::Crop crop;
        crop.y = 8;
        crop.x = 16;
        crop.flip = true;
        const torch::Tensor cut = cache.window(*network, clip, 1, 2, crop, torch::kCPU, torch::kFloat32);
        QCOMPARE(cut.sizes().vec(), (std::vector<int64_t>{2, 16, 4, 4}));
        QVERIFY(torch::allclose(cut, full.slice(0, 1, 3).slice(2, 1, 5).slice(3, 2, 6).flip({3})));
        cache.window(*network, clip, 0, 4, whole, torch::kCPU, torch::kFloat32);
        QCOMPARE(cache.size(), size_t(1));
    }

    // The trainers: a frozen VAE encodes each clip once over many steps; crops fall on the 8-pixel grid.
    Stage1Options stage1;
    stage1.batchSize = 2;
    stage1.seed = 2;
    Stage1Trainer pretrainer(judge, stage1);
    for (uint32_t i = 0; i < 3; ++i) {
        pretrainer.addReal(largerClip(40, 9, i), {largerClip(40, 9, 100 + i)});
    }
    for (int i = 0; i < 6; ++i) {
        QVERIFY(std::isfinite(pretrainer.step().loss));
    }
    QVERIFY(pretrainer.cachedClips() >= 1 && pretrainer.cachedClips() <= 6);

    Stage2Trainer finetuner(judge, {});
    const int a = finetuner.addVideo({largerClip(kStage2Size, 9, 7)});
    const int b = finetuner.addVideo({largerClip(kStage2Size, 9, 8)});
    finetuner.addPair({a, b, PairVerdict::A, {0, 2}});
    for (int i = 0; i < 3; ++i) {
        QVERIFY(std::isfinite(finetuner.step().loss));
    }
    QCOMPARE(finetuner.cachedClips(), size_t(2));

    // The tubelet encoder trains in stage 1 of tiny: nothing cached there.
    Judge tiny = Judge::create(stage2Config(), JudgeOptions().withThreads(1));
    Stage1Trainer tinyTrainer(tiny, stage1);
    tinyTrainer.addReal(brightClip(100, 3));
    tinyTrainer.step();
    QCOMPARE(tinyTrainer.cachedClips(), size_t(0));
}

SVJ_REGISTER_TEST(Stage2Test)
#include "stage2_tests.moc"
