// A fine-tune as a library object: labelled pairs of real videos, each decoded once; the held-out pairs scored
// before training and after every epoch; a checkpoint per epoch with its stage-2 sidecar; stopped midway and
// resumed it ends on the weights of an uninterrupted run bit for bit; bad input refused with a reason.
#include "model/judge.h"
#include "tests/support/test_registry.h"
#include "tests/training/training_fixture.h"
#include "training/finetune_run.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace svj::training;
using svj::model::PairVerdict;

class FinetuneRunTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void trainsScoresAndWrites();
    void stoppedAndResumedEqualsUninterrupted();
    void refusesWhatCannotWork();

private:
    FinetuneOptions options(const QString& out, int epochs) const;
    QTemporaryDir m_dir;
    QString m_from;
    std::vector<std::string> m_videos;
};

void FinetuneRunTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString footage = m_dir.filePath(QStringLiteral("footage"));
    QVERIFY(svj::test::makeTrainingFootage(footage));
    for (int i = 0; i < 4; ++i) {
        m_videos.push_back((footage + QStringLiteral("/clip%1.mp4").arg(i)).toStdString());
    }
    m_from = m_dir.filePath(QStringLiteral("stage1.safetensors"));
    svj::model::JudgeOptions judge;
    judge.threads = 1;
    svj::model::Judge::create(svj::test::tinyTiledConfig(32, 9), judge).save(m_from.toStdString());
}

FinetuneOptions FinetuneRunTest::options(const QString& out, int epochs) const {
    FinetuneOptions o;
    const auto pair = [&](int a, int b, PairVerdict verdict, int line) {
        LabelledPair labelled;
        labelled.videoA = m_videos[size_t(a)];
        labelled.videoB = m_videos[size_t(b)];
        labelled.verdict = verdict;
        if (line % 2 == 0) {
            labelled.aspects["VQ"] = verdict;
        }
        labelled.where = "pairs.jsonl:" + std::to_string(line) + ": ";
        return labelled;
    };
    o.pairs = {pair(0, 1, PairVerdict::A, 1), pair(1, 2, PairVerdict::B, 2), pair(2, 3, PairVerdict::Tie, 3),
               pair(3, 0, PairVerdict::A, 4), pair(0, 2, PairVerdict::B, 5), pair(1, 3, PairVerdict::A, 6)};
    o.aspects = {"VQ"};
    o.from = m_from.toStdString();
    o.out = out.toStdString();
    o.epochs = epochs;
    o.holdout = 0.34;
    o.trainer.batchSize = 2;
    o.trainer.warmupSteps = 1;
    o.trainer.seed = 3;
    o.judge.threads = 1;
    o.settings = {{"epochs", epochs}, {"seed", 3}};
    o.command = "test";
    o.pairsSource = "pairs.jsonl";
    return o;
}

void FinetuneRunTest::trainsScoresAndWrites() {
    const QString out = m_dir.filePath(QStringLiteral("tuned.safetensors"));
    FinetuneRun run(options(out, 2));
    int decoded = 0;
    int steps = 0;
    std::vector<nlohmann::json> evals;
    std::vector<std::string> checkpoints;
    bool summary = false;
    std::atomic<bool> stop{false};
    QVERIFY(run.run(
        [&](const FinetuneEvent& event) {
            switch (event.kind) {
            case FinetuneEventKind::Decode:
                QCOMPARE(event.done, int64_t(++decoded));
                QCOMPARE(event.total, int64_t(6));
                break;
            case FinetuneEventKind::Data:
                QCOMPARE(event.fields["train_pairs"].get<int>(), 4);
                QCOMPARE(event.fields["heldout_pairs"].get<int>(), 2);
                QCOMPARE(event.fields["videos"].get<int>(), 4); // each decoded once
                break;
            case FinetuneEventKind::Step:
                ++steps;
                QVERIFY(std::isfinite(event.step.loss));
                break;
            case FinetuneEventKind::Eval:
                evals.push_back(event.fields);
                break;
            case FinetuneEventKind::Checkpoint:
                checkpoints.push_back(event.fields["why"].get<std::string>());
                break;
            case FinetuneEventKind::Summary:
                summary = true;
                break;
            }
        },
        stop));
    QCOMPARE(decoded, 6);
    QCOMPARE(steps, 4); // 4 training pairs, batch 2, 2 epochs
    QCOMPARE(run.totalSteps(), 4);
    QCOMPARE(run.stepsDone(), int64_t(4));
    QCOMPARE(evals.size(), size_t(3)); // before, and after each epoch
    QCOMPARE(evals.front()["epoch"].get<int>(), 0);
    QCOMPARE(evals.back()["heldout"]["overall"]["pairs"].get<int>(), 2);
    QCOMPARE(checkpoints, (std::vector<std::string>{"epoch", "final"}));
    QVERIFY(summary);
    const nlohmann::json sidecar =
        nlohmann::json::parse(svj::model::Judge::readCheckpointInfo(out.toStdString()).sidecarJson);
    QCOMPARE(sidecar["stage"].get<int>(), 2);
    QCOMPARE(sidecar["parent"].get<std::string>(), m_from.toStdString());
    QCOMPARE(sidecar["steps"].get<int>(), 4);
    QCOMPARE(sidecar["metrics"]["epochs"].size(), size_t(2));
    QVERIFY(sidecar["metrics"].contains("before"));
    QCOMPARE(svj::model::Judge::load(out.toStdString()).config().aspects, std::vector<std::string>{"VQ"});
}

void FinetuneRunTest::stoppedAndResumedEqualsUninterrupted() {
    const QString straight = m_dir.filePath(QStringLiteral("straight.safetensors"));
    std::atomic<bool> never{false};
    QVERIFY(FinetuneRun(options(straight, 3)).run({}, never));

    const QString stopped = m_dir.filePath(QStringLiteral("stopped.safetensors"));
    std::atomic<bool> stop{false};
    std::string why;
    FinetuneRun first(options(stopped, 3));
    QVERIFY(!first.run(
        [&](const FinetuneEvent& event) {
            if (event.kind == FinetuneEventKind::Step && event.step.step == 3) {
                stop = true; // as SIGINT does: the step finishes, a checkpoint is written
            }
            if (event.kind == FinetuneEventKind::Checkpoint) {
                why = event.fields["why"].get<std::string>();
            }
        },
        stop));
    QCOMPARE(why, std::string("stopped"));
    QCOMPARE(first.stepsDone(), int64_t(3));
    FinetuneOptions again = options(stopped, 3);
    again.resume = true;
    QVERIFY(FinetuneRun(again).run({}, never));
    const auto tensors = [](const QString& path) {
        QFile file(path);
        const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        const quint64 header = bytes.size() >= 8 ? *reinterpret_cast<const quint64*>(bytes.constData()) : 0;
        return bytes.mid(static_cast<qsizetype>(8 + header)); // the header holds the sidecar, whose history differs
    };
    QVERIFY(!tensors(straight).isEmpty());
    QVERIFY2(tensors(straight) == tensors(stopped), "the resumed run's weights differ from the uninterrupted run's");
}

void FinetuneRunTest::refusesWhatCannotWork() {
    std::atomic<bool> stop{false};
    const auto refusal = [&](const FinetuneOptions& o) -> QString {
        try {
            FinetuneRun(o).run({}, stop);
        } catch (const FinetuneError& error) {
            return QString::fromUtf8(error.what());
        }
        return {};
    };
    FinetuneOptions missing = options(m_dir.filePath(QStringLiteral("missing.safetensors")), 1);
    missing.pairs[2].videoB = m_dir.filePath(QStringLiteral("nowhere.mp4")).toStdString();
    QVERIFY(refusal(missing).startsWith(QStringLiteral("pairs.jsonl:3: ")));
    QVERIFY(refusal(missing).contains(QStringLiteral("nowhere.mp4 does not exist")));
    FinetuneOptions none = options(m_dir.filePath(QStringLiteral("none.safetensors")), 1);
    none.pairs.clear();
    QVERIFY(refusal(none).contains(QStringLiteral("no labelled pairs")));
    FinetuneOptions broken = options(m_dir.filePath(QStringLiteral("broken.safetensors")), 1);
    const QString notVideo = m_dir.filePath(QStringLiteral("text.mp4"));
    QFile text(notVideo);
    QVERIFY(text.open(QIODevice::WriteOnly) && text.write("not a video") > 0);
    text.close();
    broken.pairs[0].videoA = notVideo.toStdString();
    QVERIFY(refusal(broken).startsWith(QStringLiteral("pairs.jsonl:1: ")));
    // An existing checkpoint is not overwritten; a resume with other settings is refused.
    const QString out = m_dir.filePath(QStringLiteral("guarded.safetensors"));
    QVERIFY(FinetuneRun(options(out, 1)).run({}, stop));
    QVERIFY(refusal(options(out, 1)).contains(QStringLiteral("exists")));
    FinetuneOptions other = options(out, 2);
    other.resume = true;
    QVERIFY(refusal(other).contains(QStringLiteral("other settings")));
}

SVJ_REGISTER_TEST(FinetuneRunTest)
#include "finetune_run_tests.moc"
