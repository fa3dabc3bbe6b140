// The torch-free Judge API: scoring, checkpoints (atomic, with sidecar), loading diffusers folders, and
// the errors for files that do not fit.
#include "model/atomic_file.h"
#include "model/checkpoint_set.h"
#include "model/judge.h"
#include "model/model_error.h"
#include "model/safetensors.h"
#include "tests/support/checkpoint_files.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <torch/torch.h>

#include <cmath>
#include <fcntl.h>
#include <random>
#include <sys/file.h>
#include <unistd.h>

#include "model/judge_impl.hpp"
#include "model/tensor_io.hpp"

using namespace svj::model;

class JudgeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void presetsAreValid();
    void configJsonRoundTrip();
    void invalidConfigsAreRefused_data();
    void invalidConfigsAreRefused();
    void scoresAClip();
    void measuredInputsScoreAndSave();
    void batchEqualsOneByOne();
    void saveAndLoadGiveTheSameScores();
    void staleTemporaryFilesGoHeldOnesStay();
    void truncatedCheckpointIsRefused();
    void checkpointOfAnotherShapeIsRefused();
    void interruptedSaveIsFinishedOnResume();
    void wrongClipSizeIsRefused();
    void cancelStopsScoring();
    void bfloat16ScoresCloseToFloat32();
    void unknownDeviceOrDtypeIsRefused();
    void diffusersFolderLoadsStrictly();
    void diffusersFolderWithMismatchedPartsIsRefused();

private:
    QTemporaryDir m_dir;
};

namespace {
JudgeConfig microConfig() {
    JudgeConfig config = JudgeConfig::forPreset("tiny");
    config.inputWidth = 32;
    config.inputHeight = 32;
    config.inputFrames = 9;
    return config;
}

std::vector<uint8_t> randomClip(int frames, int height, int width, uint32_t seed) {
    std::vector<uint8_t> rgb(size_t(frames * height * width * 3));
    std::mt19937 random(seed);
    for (uint8_t& byte : rgb) {
        byte = uint8_t(random());
    }
    return rgb;
}
} // namespace

void JudgeTest::presetsAreValid() {
    for (const std::string& name : JudgeConfig::presetNames()) {
        const JudgeConfig config = JudgeConfig::forPreset(name);
        config.validate();
        QCOMPARE(config.aspects.size(), size_t(21));
    }
    const JudgeConfig real = JudgeConfig::forPreset("cogvideox-2b");
    QCOMPARE(real.transformer.numLayers, 30);
    QCOMPARE(real.transformer.innerDim(), 1920);
    QCOMPARE(real.transformer.maxTextSeqLength, 226);
    QCOMPARE(real.lora.resolvedFirstBlock(30), 20);
    QCOMPARE(int(real.encoder), int(LatentEncoderKind::Vae));
    QVERIFY_THROWS_EXCEPTION(ModelError, JudgeConfig::forPreset("huge"));
}

void JudgeTest::configJsonRoundTrip() {
    JudgeConfig config = JudgeConfig::forPreset("small");
    config.timestep = 50;
    config.pooling = Pooling::Max;
    config.lora.rank = 4;
    config.tubelet.chromaFeatures = true;
    const JudgeConfig back = JudgeConfig::fromJson(config.toJson(), "test");
    QCOMPARE(back.toJson(), config.toJson());
    // A partial config takes its preset's values for what it leaves out.
    const JudgeConfig partial = JudgeConfig::fromJson(R"({"preset": "tiny", "timestep": 10})", "partial.json");
    QCOMPARE(partial.timestep, 10);
    QCOMPARE(partial.transformer.numLayers, JudgeConfig::forPreset("tiny").transformer.numLayers);
    // Sidecars written before the chroma measures existed load as judges without them.
    QVERIFY(!partial.tubelet.chromaFeatures);
    QVERIFY(back.tubelet.chromaFeatures);
}

void JudgeTest::invalidConfigsAreRefused_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("frames") << R"({"preset": "tiny", "input": {"frames": 32}})"
                            << "input frames must be 1 + 4k";
    QTest::newRow("size") << R"({"preset": "tiny", "input": {"width": 100}})"
                          << "must be a multiple of 16";
    QTest::newRow("tap block") << R"({"preset": "tiny", "tap_block": 99})"
                               << "tap_block";
    QTest::newRow("pooling") << R"({"preset": "tiny", "pooling": "median"})"
                             << "'pooling' has an unknown value 'median'";
    QTest::newRow("mix") << R"({"preset": "tiny", "negatives": {"generated": 0.9}})"
                         << "sum to 1";
    QTest::newRow("type") << R"({"preset": "tiny", "timestep": "late"})"
                          << "'timestep' has the wrong type";
    QTest::newRow("float for an integer") << R"({"preset": "tiny", "input": {"width": 64.5}})"
                                          << "'width' has the wrong type (an integer is needed)";
    QTest::newRow("outside an int") << R"({"transformer": {"num_layers": 5e118}})"
                                    << "'num_layers' has the wrong type";
    QTest::newRow("integer outside an int") << R"({"transformer": {"num_layers": 4294967296}})"
                                            << "'num_layers' is out of range";
    QTest::newRow("section not an object") << R"({"transformer": 0.25})"
                                           << "'transformer' must be an object";
    QTest::newRow("preset not a string") << R"({"preset": 3})"
                                         << "'preset' has the wrong type";
    QTest::newRow("not json") << "{preset"
                              << "not valid JSON";
}

void JudgeTest::invalidConfigsAreRefused() {
    QFETCH(QString, json);
    QFETCH(QString, message);
    try {
        JudgeConfig::fromJson(json.toStdString(), "judge.json");
        QFAIL("an invalid config was accepted");
    } catch (const ModelError& error) {
        const QString text = QString::fromStdString(error.what());
        QVERIFY2(text.startsWith(QStringLiteral("judge.json: ")), qPrintable(text));
        QVERIFY2(text.contains(message), qPrintable(text));
    }
}

void JudgeTest::scoresAClip() {
    Judge judge = Judge::create(microConfig());
    const std::vector<uint8_t> clip = randomClip(9, 32, 32, 1);
    const ScoreResult result = judge.score({clip.data(), 9, 32, 32});
    QCOMPARE(result.latentEnergies.size(), size_t(3));
    QCOMPARE(result.frameEnergies.size(), size_t(9));
    QCOMPARE(result.frameEnergies[0], result.latentEnergies[0]);
    QCOMPARE(result.frameEnergies[4], result.latentEnergies[1]);
    QCOMPARE(result.frameEnergies[8], result.latentEnergies[2]);
    const double mean = (result.latentEnergies[0] + result.latentEnergies[1] + result.latentEnergies[2]) / 3.0;
    QVERIFY(std::abs(result.energy - mean) < 1e-5);
    QVERIFY(!result.hasAspects);
    // Shorter clips (1 + 4k) work too: the judge is length-agnostic.
    const ScoreResult shorter = judge.score({clip.data(), 5, 32, 32});
    QCOMPARE(shorter.latentEnergies.size(), size_t(2));
}

void JudgeTest::measuredInputsScoreAndSave() {
    // Every fixed measure on: the encoder reads 13 channels (pixels, difference, 4 luma and 3 chroma
    // measures) and a saved judge scores the same after loading.
    JudgeConfig config = microConfig();
    config.tubelet.differenceInput = true;
    config.tubelet.edgeFeatures = true;
    config.tubelet.chromaFeatures = true;
    Judge judge = Judge::create(config);
    const std::vector<uint8_t> clip = randomClip(9, 32, 32, 3);
    const ScoreResult result = judge.score({clip.data(), 9, 32, 32});
    QCOMPARE(result.latentEnergies.size(), size_t(3));
    QVERIFY(std::isfinite(result.energy));
    const auto parameters = judge.impl().network->named_parameters(); // find() points into it
    const auto first = parameters.find("tubelet.first.weight");
    QVERIFY(first != nullptr);
    QCOMPARE(first->size(1), int64_t(13));
    const QString path = m_dir.filePath(QStringLiteral("measured.safetensors"));
    judge.save(path.toStdString());
    Judge back = Judge::load(path.toStdString());
    QVERIFY(back.config().tubelet.chromaFeatures);
    QVERIFY(std::abs(back.score({clip.data(), 9, 32, 32}).energy - result.energy) < 1e-5);
}

void JudgeTest::batchEqualsOneByOne() {
    Judge judge = Judge::create(microConfig());
    std::vector<std::vector<uint8_t>> clips;
    std::vector<ClipView> views;
    for (uint32_t i = 0; i < 5; ++i) {
        clips.push_back(randomClip(9, 32, 32, i));
    }
    for (const auto& clip : clips) {
        views.push_back({clip.data(), 9, 32, 32});
    }
    std::vector<double> progress;
    const std::vector<ScoreResult> batched = judge.scoreBatch(views, 2, [&](double f) { progress.push_back(f); });
    QCOMPARE(progress.back(), 1.0);
    QCOMPARE(progress.size(), size_t(3));
    for (size_t i = 0; i < views.size(); ++i) {
        const ScoreResult single = judge.score(views[i]);
        QVERIFY(std::abs(single.energy - batched[i].energy) < 1e-5);
    }
}

// A killed writer's temporary file goes with the next save; one a live writer holds (an flock, whichever host or
// process it is), or a fresh one whose pid may live elsewhere, stays.
void JudgeTest::staleTemporaryFilesGoHeldOnesStay() {
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("judge.safetensors.json"));
    const auto partial = [&](const char* tail, int ageSeconds) {
        const QString path = dir.filePath(QStringLiteral(".judge.safetensors.json.partial-") + QLatin1String(tail));
        svj::test::writeFile(path, "half a sidecar");
        QFile file(path);
        const QDateTime when = QDateTime::currentDateTime().addSecs(-ageSeconds);
        if (!file.open(QIODevice::ReadWrite) || !file.setFileTime(when, QFileDevice::FileModificationTime)) {
            qFatal("cannot age %s", qPrintable(path));
        }
        return path;
    };
    const int old = svj::model::kStaleAfterSeconds * 2;
    const QString dead = partial("999999-0-1", 0); // its writer's pid is gone here: cleaned at once
    const QString stale = partial("1-0-2", old);   // pid 1 lives, yet nobody has held the file for long
    const QString held = partial("1-0-3", old);    // a live writer (on another host, say) holds it
    const QString fresh = partial("1-0-4", 0);     // a writer elsewhere may not have taken its lock yet
    const int holder = ::open(held.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(holder >= 0 && ::flock(holder, LOCK_EX | LOCK_NB) == 0);
    svj::model::writeFileAtomically(target.toStdString(), "{}");
    QVERIFY(!QFile::exists(dead));
    QVERIFY(!QFile::exists(stale));
    QVERIFY(QFile::exists(held));
    QVERIFY(QFile::exists(fresh));
    ::close(holder); // the writer died
    QCOMPARE(svj::model::removeStalePartials(target.toStdString()), 1);
    QVERIFY(!QFile::exists(held));
    QVERIFY(QFile::exists(fresh));
    QFile written(target);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), QByteArray("{}"));
}

void JudgeTest::saveAndLoadGiveTheSameScores() {
    Judge judge = Judge::create(microConfig(), JudgeOptions().withThreads(2));
    const std::string path = m_dir.filePath(QStringLiteral("judge.safetensors")).toStdString();
    judge.save(path, R"({"parent": "none", "metrics": {"auc": 0.5}})");
    QVERIFY(QFile::exists(QString::fromStdString(path + ".json")));
    // Nothing temporary is left behind.
    QCOMPARE(QDir(m_dir.path()).entryList(QStringList{QStringLiteral(".*partial*")}, QDir::Files | QDir::Hidden).size(),
             0);
    Judge loaded = Judge::load(path);
    const std::vector<uint8_t> clip = randomClip(9, 32, 32, 9);
    QCOMPARE(loaded.score({clip.data(), 9, 32, 32}).latentEnergies,
             judge.score({clip.data(), 9, 32, 32}).latentEnergies);
    const CheckpointInfo info = Judge::readCheckpointInfo(path);
    QCOMPARE(info.parent, std::string("none"));
    QCOMPARE(info.config.toJson(), judge.config().toJson());
    // The sidecar's config also lives inside the tensor file, for a checkpoint whose sidecar got lost.
    QVERIFY(QFile::remove(QString::fromStdString(path + ".json")));
    QCOMPARE(Judge::load(path).config().toJson(), judge.config().toJson());
}

void JudgeTest::truncatedCheckpointIsRefused() {
    Judge judge = Judge::create(microConfig());
    const QString path = m_dir.filePath(QStringLiteral("cut.safetensors"));
    judge.save(path.toStdString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() / 2));
    file.close();
    try {
        Judge::load(path.toStdString());
        QFAIL("a truncated checkpoint was accepted");
    } catch (const ModelError& error) {
        const QString text = QString::fromStdString(error.what());
        QVERIFY2(text.startsWith(path + QStringLiteral(": ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("truncated")), qPrintable(text));
    }
}

void JudgeTest::checkpointOfAnotherShapeIsRefused() {
    // Tensors of one judge under the sidecar of another. The copy inside the tensor file is the one a load
    // believes: another judge's sidecar file beside it changes nothing, another judge's sidecar inside it
    // is refused, naming what does not fit.
    Judge tiny = Judge::create(microConfig());
    JudgeConfig wider = microConfig();
    wider.transformer.numAttentionHeads = 4;
    Judge other = Judge::create(wider);
    const QString a = m_dir.filePath(QStringLiteral("a.safetensors"));
    const QString b = m_dir.filePath(QStringLiteral("b.safetensors"));
    tiny.save(a.toStdString());
    other.save(b.toStdString());
    QFile::remove(a + QStringLiteral(".json"));
    QVERIFY(QFile::copy(b + QStringLiteral(".json"), a + QStringLiteral(".json")));
    QCOMPARE(Judge::load(a.toStdString()).config().transformer.numAttentionHeads,
             microConfig().transformer.numAttentionHeads);
    QVERIFY(svj::test::writeEmbeddedSidecar(a, svj::test::embeddedSidecar(b)));
    try {
        Judge::load(a.toStdString());
        QFAIL("a mismatched checkpoint was accepted");
    } catch (const ModelError& error) {
        const QString text = QString::fromStdString(error.what());
        QVERIFY2(text.contains(QStringLiteral("does not fit the model")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("with the wrong shape")), qPrintable(text));
    }
}

void JudgeTest::interruptedSaveIsFinishedOnResume() {
    // Two generations of one checkpoint; the second save killed after its judge and before its sidecar
    // file and state moved into place. The resume takes the pending state of the judge's generation and
    // brings the sidecar file up to the judge's own copy.
    Judge judge = Judge::create(microConfig());
    const std::string checkpoint = m_dir.filePath(QStringLiteral("gen.safetensors")).toStdString();
    const auto writeState = [](const std::string& path, const std::string& generation) {
        SafetensorsWriter writer;
        const float step = 1.0F;
        writer.add("step", DType::F32, {1}, &step, sizeof(step));
        writer.setMetadata("generation", generation);
        writer.write(path);
    };
    const auto writeJudge = [&](const std::string& generation) {
        judge.save(checkpoint, "{\"generation\": \"" + generation + "\"}");
    };
    saveCheckpointSet(checkpoint, 1, writeState, writeJudge);
    const QString sidecarFile = QString::fromStdString(checkpoint) + QStringLiteral(".json");
    QFile first(sidecarFile);
    QVERIFY(first.open(QIODevice::ReadOnly));
    const QByteArray firstSidecar = first.readAll();
    first.close();
    writeState(pendingStatePath(checkpoint), "2-new");
    writeJudge("2-new");
    QVERIFY(svj::test::writeFile(sidecarFile, firstSidecar)); // the sidecar file's rename never happened
    QCOMPARE(stateOfCheckpoint(checkpoint), trainingStatePath(checkpoint));
    QCOMPARE(stateGeneration(trainingStatePath(checkpoint)), std::string("2-new"));
    QVERIFY(!QFile::exists(QString::fromStdString(pendingStatePath(checkpoint))));
    QCOMPARE(svj::test::sidecar(QString::fromStdString(checkpoint)).value(QStringLiteral("generation")).toString(),
             QStringLiteral("2-new"));
}

void JudgeTest::wrongClipSizeIsRefused() {
    Judge judge = Judge::create(microConfig());
    const std::vector<uint8_t> clip = randomClip(9, 48, 32, 1);
    try {
        judge.score({clip.data(), 9, 48, 32});
        QFAIL("accepted");
    } catch (const ModelError& error) {
        QCOMPARE(std::string(error.what()), std::string("clip is 32x48 but the judge takes 32x32"));
    }
    QVERIFY_THROWS_EXCEPTION(ModelError, judge.score({clip.data(), 8, 32, 32}));
}

void JudgeTest::cancelStopsScoring() {
    Judge judge = Judge::create(microConfig());
    const std::vector<uint8_t> clip = randomClip(9, 32, 32, 1);
    std::atomic<bool> cancel{true};
    QVERIFY_THROWS_EXCEPTION(Cancelled, judge.score({clip.data(), 9, 32, 32}, {}, &cancel));
}

void JudgeTest::bfloat16ScoresCloseToFloat32() {
    const std::string path = m_dir.filePath(QStringLiteral("precision.safetensors")).toStdString();
    Judge::create(microConfig(), JudgeOptions().withThreads(2)).save(path);
    Judge full = Judge::load(path, JudgeOptions().withDtype("f32"));
    Judge half = Judge::load(path, JudgeOptions().withDtype("bf16"));
    const std::vector<uint8_t> clip = randomClip(9, 32, 32, 5);
    const ScoreResult a = full.score({clip.data(), 9, 32, 32});
    const ScoreResult b = half.score({clip.data(), 9, 32, 32});
    QCOMPARE(b.latentEnergies.size(), a.latentEnergies.size());
    // bf16 keeps 8 bits of mantissa: energies agree to a few percent of their spread.
    for (size_t i = 0; i < a.latentEnergies.size(); ++i) {
        QVERIFY2(std::abs(a.latentEnergies[i] - b.latentEnergies[i]) < 0.05 + 0.05 * std::abs(a.latentEnergies[i]),
                 qPrintable(QStringLiteral("%1 vs %2").arg(a.latentEnergies[i]).arg(b.latentEnergies[i])));
    }
}

void JudgeTest::unknownDeviceOrDtypeIsRefused() {
    try {
        Judge::create(microConfig(), JudgeOptions().withDevice("tpu"));
        QFAIL("accepted");
    } catch (const ModelError& error) {
        QVERIFY(QString::fromStdString(error.what()).contains(QStringLiteral("unknown device 'tpu'")));
    }
    QVERIFY_THROWS_EXCEPTION(ModelError, Judge::create(microConfig(), JudgeOptions().withDtype("f8")));
    if (!torch::cuda::is_available()) {
        try {
            Judge::create(microConfig(), JudgeOptions().withDevice("cuda"));
            QFAIL("cuda accepted without CUDA");
        } catch (const ModelError& error) {
            QVERIFY(QString::fromStdString(error.what()).contains(QStringLiteral("no usable CUDA")));
        }
    }
}

namespace {
// A diffusers-style folder (transformer/ and vae/ with config.json and weights) of a small CogVideoX.
void writeDiffusersFolder(const QString& root, const JudgeConfig& config, int vaeLatentChannels) {
    QDir().mkpath(root + QStringLiteral("/transformer"));
    QDir().mkpath(root + QStringLiteral("/vae"));
    svj::test::writeFile(root + QStringLiteral("/transformer/config.json"),
                         QByteArray::fromStdString(config.transformer.toDiffusersJson()));
    VaeConfig vae = config.vae;
    vae.latentChannels = vaeLatentChannels;
    svj::test::writeFile(root + QStringLiteral("/vae/config.json"), QByteArray::fromStdString(vae.toDiffusersJson()));
    svj::model::detail::CogVideoXTransformer transformer(config.transformer);
    SafetensorsWriter transformerWriter;
    svj::model::detail::addTensors(transformerWriter, svj::model::detail::namedState(*transformer));
    transformerWriter.write((root + QStringLiteral("/transformer/diffusion_pytorch_model.safetensors")).toStdString());
    svj::model::detail::VaeEncoder encoder(vae);
    SafetensorsWriter vaeWriter;
    svj::model::detail::addTensors(vaeWriter, svj::model::detail::namedState(*encoder, "encoder."));
    const float decoderWeight = 1.0f; // a decoder tensor, as the real file has: skipped, not "unexpected"
    vaeWriter.add("decoder.conv_in.conv.bias", DType::F32, {1}, &decoderWeight, 4);
    vaeWriter.write((root + QStringLiteral("/vae/diffusion_pytorch_model.safetensors")).toStdString());
}
} // namespace

void JudgeTest::diffusersFolderLoadsStrictly() {
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
    config.inputWidth = 32;
    config.inputHeight = 32;
    config.inputFrames = 9;
    config.energyHeadHidden = 16;
    config.aspectHeadHidden = 16;
    const QString root = m_dir.filePath(QStringLiteral("CogVideoX-small"));
    writeDiffusersFolder(root, config, 16);
    Judge judge = Judge::loadDiffusers(root.toStdString(), "", JudgeOptions(), config);
    QCOMPARE(judge.config().transformer.numLayers, 3);
    const std::vector<uint8_t> clip = randomClip(9, 32, 32, 4);
    const ScoreResult result = judge.score({clip.data(), 9, 32, 32});
    QCOMPARE(result.latentEnergies.size(), size_t(3));
    QVERIFY(std::isfinite(result.energy));

    // `svj convert` makes a checkpoint of the folder that loads as any judge does (heads of the 2B preset).
    const QString cli = qEnvironmentVariable("SVJ_CLI");
    if (cli.isEmpty()) {
        return; // run outside CTest
    }
    const QString converted = m_dir.filePath(QStringLiteral("converted.safetensors"));
    const QStringList arguments{QStringLiteral("convert"),  root,
                                QStringLiteral("--out"),    converted,
                                QStringLiteral("--width"),  QStringLiteral("32"),
                                QStringLiteral("--height"), QStringLiteral("32"),
                                QStringLiteral("--frames"), QStringLiteral("9")};
    QProcess convert;
    convert.start(cli, arguments);
    QVERIFY(convert.waitForFinished(120000));
    QVERIFY2(convert.exitCode() == 0, convert.readAllStandardError().constData());
    Judge loaded = Judge::load(converted.toStdString());
    QCOMPARE(loaded.config().transformer.numLayers, 3);
    QCOMPARE(loaded.config().inputFrames, 9);
    QVERIFY(std::isfinite(loaded.score({clip.data(), 9, 32, 32}).energy));
    QVERIFY(Judge::readCheckpointInfo(converted.toStdString()).sidecarJson.find("converted_from") != std::string::npos);
    // Not over an existing file, and a folder whose parts do not fit is named.
    convert.start(cli, arguments);
    QVERIFY(convert.waitForFinished(120000));
    QCOMPARE(convert.exitCode(), 2);
    QVERIFY(QString::fromUtf8(convert.readAllStandardError()).contains(QStringLiteral("exists")));
    convert.start(cli, {QStringLiteral("convert"), m_dir.path(), QStringLiteral("--out"),
                        m_dir.filePath(QStringLiteral("nothing.safetensors"))});
    QVERIFY(convert.waitForFinished(120000));
    QCOMPARE(convert.exitCode(), 2);
    QVERIFY(
        QString::fromUtf8(convert.readAllStandardError()).contains(QStringLiteral("not a diffusers CogVideoX folder")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nothing.safetensors"))));
}

void JudgeTest::diffusersFolderWithMismatchedPartsIsRefused() {
    JudgeConfig config = JudgeConfig::forPreset("cogvideox-2b");
    config.transformer.numAttentionHeads = 2;
    config.transformer.attentionHeadDim = 16;
    config.transformer.numLayers = 1;
    config.transformer.timeEmbedDim = 16;
    config.transformer.textEmbedDim = 8;
    config.vae.blockOutChannels = {8, 8, 8, 8};
    config.vae.normNumGroups = 4;
    config.vae.layersPerBlock = 1;
    const QString root = m_dir.filePath(QStringLiteral("CogVideoX-mismatch"));
    writeDiffusersFolder(root, config, 4);
    try {
        Judge::loadDiffusers(root.toStdString(), "", JudgeOptions(), config);
        QFAIL("accepted");
    } catch (const ModelError& error) {
        QVERIFY2(QString::fromStdString(error.what())
                     .contains(QStringLiteral("the VAE makes 4 latent channels but the transformer takes 16")),
                 error.what());
    }
    QVERIFY_THROWS_EXCEPTION(ModelError, Judge::loadDiffusers(m_dir.path().toStdString(), "", JudgeOptions(), config));
}

SVJ_REGISTER_TEST(JudgeTest)
#include "judge_tests.moc"
