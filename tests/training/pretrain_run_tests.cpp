// A pretraining run as a library object: it trains on footage split by source, checks the held-out part,
// writes its checkpoint and sidecar; stopped midway and resumed it ends on the weights of an uninterrupted
// run bit for bit; it refuses to overwrite a checkpoint or to resume another run's.
#include "model/judge.h"
#include "tests/support/test_registry.h"
#include "tests/training/training_fixture.h"
#include "training/pretrain_run.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace svj::training;

namespace {

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class PretrainRunTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void trainsChecksAndWrites();
    void stoppedAndResumedEqualsUninterrupted();
    void refusesOverwriteAndForeignResume();

private:
    PretrainOptions options(const QString& out, int steps) const;
    QTemporaryDir m_dir;
    QString m_footage;
};

void PretrainRunTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_footage = m_dir.filePath(QStringLiteral("footage"));
    QVERIFY(svj::test::makeTrainingFootage(m_footage));
}

PretrainOptions PretrainRunTest::options(const QString& out, int steps) const {
    PretrainOptions o;
    o.footage = m_footage.toStdString();
    o.out = out.toStdString();
    o.config = svj::test::tinyTiledConfig(32, 9);
    o.judge.threads = 1;
    o.steps = steps;
    o.batch = 4;
    o.heldOutSources = {"clip3"};
    o.bank.regionSize = 64;
    o.bank.minRegionSize = 32;
    o.bank.clipsPerPhoto = 2;
    o.sampler.margin = 8;
    o.checkpointEvery = 5;
    o.checkClips.seconds = 1.0;
    o.checkClips.clipsPerVideo = 1;
    o.check.faults = {svj::media::VideoFault::Stutter, svj::media::VideoFault::DefocusBlur};
    o.check.threads = 1;
    o.trainer.warmupSteps = 2;
    return o;
}

void PretrainRunTest::trainsChecksAndWrites() {
    const QString out = m_dir.filePath(QStringLiteral("plain.safetensors"));
    PretrainOptions o = options(out, 6);
    o.pairCheckEvery = 3; // held-out tile pairs at step 3 and at the end
    o.pairCheckPerFault = 2;
    PretrainRun run(o);
    int steps = 0;
    bool sawData = false;
    bool sawEval = false;
    std::vector<int64_t> pairChecks;
    std::atomic<bool> stop{false};
    QVERIFY(run.run(
        [&](const PretrainEvent& event) {
            steps += event.kind == PretrainEventKind::Step ? 1 : 0;
            sawData = sawData || event.kind == PretrainEventKind::Data;
            sawEval = sawEval || event.kind == PretrainEventKind::Eval;
            if (event.kind == PretrainEventKind::Eval && event.fields.value("what", "") == "pairs") {
                pairChecks.push_back(event.fields["step"].get<int64_t>());
                const nlohmann::json& pairs = event.fields["pairs"];
                QVERIFY(pairs["pairs"].get<int>() > 0 && pairs["pairs"].get<int>() <= 60);
                QVERIFY(pairs["accuracy"].get<double>() >= 0.0 && pairs["accuracy"].get<double>() <= 1.0);
                QVERIFY(pairs["families"].size() >= 3);
            }
            if (event.kind == PretrainEventKind::Step) {
                QVERIFY(std::isfinite(event.step.loss));
            }
        },
        stop));
    QCOMPARE(steps, 6);
    QVERIFY(sawData && sawEval);
    QCOMPARE(pairChecks, (std::vector<int64_t>{3, 6}));
    QVERIFY(QFile::exists(out) && QFile::exists(out + QStringLiteral(".state")));
    const nlohmann::json sidecar =
        nlohmann::json::parse(svj::model::Judge::readCheckpointInfo(out.toStdString()).sidecarJson);
    QCOMPARE(sidecar["steps"].get<int>(), 6);
    QVERIFY(sidecar["data"]["heldout_sources"] == nlohmann::json::array({"clip3"}));
    QVERIFY(sidecar["metrics"]["overall"].contains("judge"));
    QVERIFY(sidecar["metrics"]["overall"].contains("frame_difference"));
    QVERIFY(!sidecar["metrics"].contains("pair_margins")); // every pair's margins are in the event, not the sidecar
    QCOMPARE(sidecar["history"].size(), size_t(2));
    QCOMPARE(sidecar["history"][1]["step"].get<int>(), 6);
    QVERIFY(sidecar["history"][1].contains("pairs"));
    // The checkpoint scores like any judge.
    svj::model::Judge judge = svj::model::Judge::load(out.toStdString());
    QCOMPARE(judge.config().inputView, svj::model::InputView::Tiles);
}

void PretrainRunTest::stoppedAndResumedEqualsUninterrupted() {
    const int steps = 12;
    const QString straight = m_dir.filePath(QStringLiteral("straight.safetensors"));
    PretrainOptions plain = options(straight, steps);
    plain.finalCheck = false;
    std::atomic<bool> never{false};
    QVERIFY(PretrainRun(plain).run({}, never));

    const QString stopped = m_dir.filePath(QStringLiteral("stopped.safetensors"));
    PretrainOptions first = options(stopped, steps);
    first.finalCheck = false;
    std::atomic<bool> stop{false};
    QVERIFY(!PretrainRun(first).run(
        [&](const PretrainEvent& event) {
            if (event.kind == PretrainEventKind::Step && event.step.step == 7) {
                stop = true; // as SIGINT does: the step finishes, a checkpoint is written
            }
        },
        stop));
    const nlohmann::json atStop =
        nlohmann::json::parse(svj::model::Judge::readCheckpointInfo(stopped.toStdString()).sidecarJson);
    QCOMPARE(atStop["steps"].get<int>(), 7);
    PretrainOptions again = first;
    again.resume = true;
    std::atomic<bool> go{false};
    QVERIFY(PretrainRun(again).run({}, go));
    const QByteArray a = fileBytes(straight);
    const QByteArray b = fileBytes(stopped);
    QVERIFY(!a.isEmpty());
    // The tensors (the header's metadata holds the sidecar, whose command and history may differ).
    QVERIFY2(svj::model::Judge::load(straight.toStdString()).parameterCount() ==
                 svj::model::Judge::load(stopped.toStdString()).parameterCount(),
             "shapes");
    const auto tensors = [](const QByteArray& bytes) {
        const quint64 header = *reinterpret_cast<const quint64*>(bytes.constData());
        return bytes.mid(static_cast<qsizetype>(8 + header));
    };
    QVERIFY2(tensors(a) == tensors(b), "the resumed run's weights differ from the uninterrupted run's");
}

void PretrainRunTest::refusesOverwriteAndForeignResume() {
    const QString out = m_dir.filePath(QStringLiteral("guarded.safetensors"));
    PretrainOptions o = options(out, 2);
    o.finalCheck = false;
    std::atomic<bool> stop{false};
    QVERIFY(PretrainRun(o).run({}, stop));
    const QByteArray before = fileBytes(out);
    try {
        PretrainRun(o).run({}, stop);
        QFAIL("an existing checkpoint was overwritten");
    } catch (const PretrainError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("exists")), error.what());
    }
    PretrainOptions other = options(out, 4);
    other.resume = true;
    other.finalCheck = false;
    try {
        PretrainRun(other).run({}, stop);
        QFAIL("another run's checkpoint was resumed");
    } catch (const PretrainError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("other settings")), error.what());
    }
    PretrainOptions nothing = options(m_dir.filePath(QStringLiteral("never.safetensors")), 2);
    nothing.resume = true;
    QVERIFY_THROWS_EXCEPTION(PretrainError, PretrainRun(nothing).run({}, stop));
    QCOMPARE(fileBytes(out), before);
}

SVJ_REGISTER_TEST(PretrainRunTest)
#include "pretrain_run_tests.moc"
