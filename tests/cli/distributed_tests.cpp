// `svj pretrain` over several processes (c10d with Gloo on 127.0.0.1), as a user starts it: two ranks with a
// share of the batch each end on the weights one process gets with the whole batch; a stop reaches every rank
// at one step and the run resumes in another number of processes; a killed rank is named, not waited on.
#include "tests/support/checkpoint_files.h"
#include "tests/support/cli_runner.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

// The weights of two runs that differ only in how the batch was split: the same sums in another order.
constexpr double kTolerance = 1e-5;

} // namespace

class DistributedTrainingTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void twoRanksEqualOneWithTheWholeBatch();
    void stopReachesEveryRankAndResumesInOneProcess();
    void aKilledRankIsNamed();
    void aStopSentToOneRankStopsAll();
    void finetuneOnTwoRanksEqualsOneProcess();
    void refusals();
    void aResumeKeepsItsRunsDraws();

private:
    QStringList arguments(const QString& out, int steps) const;
    QString straightRun();
    QTemporaryDir m_dir;
    QString m_videos;
    QString m_straight;
};

void DistributedTrainingTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_videos = m_dir.filePath(QStringLiteral("videos"));
    QVERIFY(QDir().mkpath(m_videos));
    QVERIFY(svj::test::makePatternClips(m_videos));
}

QStringList DistributedTrainingTest::arguments(const QString& out, int steps) const {
    // The tiny judge of the other pretrain tests; a batch of 4 (2 per rank), a third of it latent
    // perturbations (drawn per pair, so the split cannot change them).
    return QStringList{QStringLiteral("pretrain"),
                       QStringLiteral("--videos"),
                       m_videos,
                       QStringLiteral("--preset"),
                       QStringLiteral("tiny"),
                       QStringLiteral("--steps"),
                       QString::number(steps),
                       QStringLiteral("--batch"),
                       QStringLiteral("4"),
                       QStringLiteral("--latent-share"),
                       QStringLiteral("0.3"),
                       QStringLiteral("--check-clips"),
                       QStringLiteral("1"),
                       QStringLiteral("--check-faults"),
                       QStringLiteral("stutter"),
                       QStringLiteral("--threads"),
                       QStringLiteral("1"),
                       QStringLiteral("--seed"),
                       QStringLiteral("5"),
                       QStringLiteral("--agreement-every"),
                       QStringLiteral("5"),
                       QStringLiteral("--dist-timeout"),
                       QStringLiteral("30"),
                       QStringLiteral("--out"),
                       out,
                       QStringLiteral("--progress"),
                       QStringLiteral("json")} +
           svj::test::tinyJudgeFlags();
}

QString DistributedTrainingTest::straightRun() {
    if (m_straight.isEmpty()) {
        const QString out = m_dir.filePath(QStringLiteral("one-process.safetensors"));
        const svj::test::CliResult one = svj::test::runCli(arguments(out, 20));
        if (one.exitCode != 0) {
            qWarning("%s", qPrintable(one.err));
            return {};
        }
        m_straight = out;
    }
    return m_straight;
}

void DistributedTrainingTest::twoRanksEqualOneWithTheWholeBatch() {
    const QString one = straightRun();
    QVERIFY(!one.isEmpty());
    const QString two = m_dir.filePath(QStringLiteral("two-ranks.safetensors"));
    const svj::test::CliResult run =
        svj::test::runCli(arguments(two, 20) << QStringLiteral("--nproc") << QStringLiteral("2"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // Rank 0 alone reports: one line per step, the world in the data event, its time in collectives.
    QCOMPARE(run.out.count(QStringLiteral("\"done\":")), 20);
    QVERIFY2(run.out.contains(QStringLiteral("\"world_size\":2")) &&
                 run.out.contains(QStringLiteral("\"backend\":\"gloo\"")),
             qPrintable(run.out.left(600)));
    QVERIFY(run.out.contains(QStringLiteral("\"comm_s\":")));
    QCOMPARE(run.out.count(QStringLiteral("\"event\":\"checkpoint\"")), 1);
    const double difference = svj::test::maxWeightDifference(one, two);
    qInfo("20 steps, 2 ranks x 2 pairs against 1 process x 4 pairs: max weight difference %.3g (tolerance %.0e)",
          difference, kTolerance);
    QVERIFY(difference >= 0);
    QVERIFY2(difference <= kTolerance, qPrintable(QString::number(difference)));
}

void DistributedTrainingTest::stopReachesEveryRankAndResumesInOneProcess() {
    const QString one = straightRun();
    QVERIFY(!one.isEmpty());
    const QString out = m_dir.filePath(QStringLiteral("stopped.safetensors"));
    bool signalled = false;
    const svj::test::CliResult stopped = svj::test::runCliInterrupted(
        arguments(out, 20) << QStringLiteral("--nproc") << QStringLiteral("2"), "\"done\":8,", signalled);
    QVERIFY(signalled);
    QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.err));
    // One checkpoint, written by rank 0 at the step every rank stopped at.
    QCOMPARE(stopped.out.count(QStringLiteral("\"why\":\"stopped")), 1);
    const int at = svj::test::sidecar(out).value(QStringLiteral("steps")).toInt();
    QVERIFY2(at >= 8 && at < 20, qPrintable(QString::number(at)));
    QVERIFY2(stopped.err.contains(QStringLiteral("--resume")), qPrintable(stopped.err));

    const svj::test::CliResult resumed = svj::test::runCli(arguments(out, 20) << QStringLiteral("--resume"));
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QCOMPARE(svj::test::sidecar(out).value(QStringLiteral("steps")).toInt(), 20);
    const double difference = svj::test::maxWeightDifference(one, out);
    qInfo("stopped at step %d on 2 ranks, resumed in 1 process: max weight difference %.3g against 1 process", at,
          difference);
    QVERIFY(difference >= 0);
    QVERIFY2(difference <= kTolerance, qPrintable(QString::number(difference)));
}

void DistributedTrainingTest::aKilledRankIsNamed() {
    // A long run; once it trains, rank 1 (the launcher's second child) is killed as an out-of-memory kill would.
    QProcess launcher;
    launcher.start(svj::test::cliPath(), arguments(m_dir.filePath(QStringLiteral("killed.safetensors")), 100000)
                                             << QStringLiteral("--nproc") << QStringLiteral("2"));
    QVERIFY(launcher.waitForStarted());
    QByteArray output;
    while (!output.contains("\"done\":5,") && launcher.waitForReadyRead(60000)) {
        output += launcher.readAllStandardOutput();
    }
    QVERIFY2(output.contains("\"done\":5,"), output.constData());
    const QString childrenFile =
        QStringLiteral("/proc/%1/task/%1/children").arg(static_cast<qint64>(launcher.processId()));
    QFile children(childrenFile);
    QVERIFY(children.open(QIODevice::ReadOnly));
    const QList<QByteArray> pids = children.readAll().simplified().split(' ');
    QCOMPARE(pids.size(), 2);
    const QByteArray rank1 = pids.at(1);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(::kill(static_cast<pid_t>(rank1.toLongLong()), SIGKILL), 0);
    QVERIFY2(launcher.waitForFinished(60000), "the surviving rank did not end within a minute");
    const qint64 seconds = clock.elapsed() / 1000;
    const QString err = QString::fromUtf8(launcher.readAllStandardError());
    qInfo("rank 1 killed: the launcher ended after %lld s", seconds);
    QVERIFY(launcher.exitCode() != 0);
    QVERIFY2(err.contains(QStringLiteral("rank 1 (pid %1 on").arg(QString::fromLatin1(rank1))) &&
                 err.contains(QStringLiteral("stopped answering")),
             qPrintable(err));
    QVERIFY2(seconds < 30, qPrintable(QString::number(seconds)));
}

void DistributedTrainingTest::aStopSentToOneRankStopsAll() {
    // SIGTERM to rank 1 alone (a job manager stopping one host): every rank stops after the same step, rank 0
    // writes the one checkpoint, and the launcher ends well.
    const QString out = m_dir.filePath(QStringLiteral("terminated.safetensors"));
    QProcess launcher;
    launcher.start(svj::test::cliPath(), arguments(out, 100000) << QStringLiteral("--nproc") << QStringLiteral("2"));
    QVERIFY(launcher.waitForStarted());
    QByteArray output;
    while (!output.contains("\"done\":5,") && launcher.waitForReadyRead(60000)) {
        output += launcher.readAllStandardOutput();
    }
    QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(static_cast<qint64>(launcher.processId())));
    QVERIFY(children.open(QIODevice::ReadOnly));
    const QList<QByteArray> pids = children.readAll().simplified().split(' ');
    QCOMPARE(pids.size(), 2);
    QCOMPARE(::kill(static_cast<pid_t>(pids.at(1).toLongLong()), SIGTERM), 0);
    QVERIFY2(launcher.waitForFinished(60000), "the ranks did not stop");
    output += launcher.readAllStandardOutput();
    const QString err = QString::fromUtf8(launcher.readAllStandardError());
    QVERIFY2(launcher.exitStatus() == QProcess::NormalExit && launcher.exitCode() == 0, qPrintable(err));
    QCOMPARE(QString::fromUtf8(output).count(QStringLiteral("\"why\":\"stopped")), 1);
    const int at = svj::test::sidecar(out).value(QStringLiteral("steps")).toInt();
    QVERIFY2(at >= 5 && at < 100000, qPrintable(QString::number(at)));
    QVERIFY2(QString::fromUtf8(output).contains(QStringLiteral("\"step\":%1").arg(at)), qPrintable(err));
}

void DistributedTrainingTest::finetuneOnTwoRanksEqualsOneProcess() {
    const QString from = straightRun();
    QVERIFY(!from.isEmpty());
    // Six labelled pairs (each clip against a darkened copy, both ways round), three steps of four per epoch.
    QByteArray pairs;
    for (int i = 0; i < 3; ++i) {
        const QString clean = QStringLiteral("%1/clip%2.mp4").arg(m_videos).arg(i);
        const QString dark = m_dir.filePath(QStringLiteral("dark%1.mp4").arg(i));
        if (!QFile::exists(dark)) {
            QVERIFY(svj::test::encodeTestClip(clean, 0, dark, QStringLiteral("eq=brightness=-0.3"), true));
        }
        pairs +=
            "{\"video_a\": \"" + clean.toUtf8() + "\", \"video_b\": \"" + dark.toUtf8() + "\", \"label\": \"A\"}\n";
        pairs +=
            "{\"video_a\": \"" + dark.toUtf8() + "\", \"video_b\": \"" + clean.toUtf8() + "\", \"label\": \"B\"}\n";
    }
    const QString pairsFile = m_dir.filePath(QStringLiteral("pairs.jsonl"));
    QVERIFY(svj::test::writeFile(pairsFile, pairs));
    const auto finetune = [&](const QString& out) {
        return QStringList{QStringLiteral("finetune"),
                           QStringLiteral("--pairs"),
                           pairsFile,
                           QStringLiteral("--from"),
                           from,
                           QStringLiteral("--epochs"),
                           QStringLiteral("3"),
                           QStringLiteral("--batch"),
                           QStringLiteral("4"),
                           QStringLiteral("--holdout"),
                           QStringLiteral("0"),
                           QStringLiteral("--threads"),
                           QStringLiteral("1"),
                           QStringLiteral("--out"),
                           out,
                           QStringLiteral("--progress"),
                           QStringLiteral("json")};
    };
    const QString one = m_dir.filePath(QStringLiteral("finetune-one.safetensors"));
    const QString two = m_dir.filePath(QStringLiteral("finetune-two.safetensors"));
    const svj::test::CliResult single = svj::test::runCli(finetune(one));
    QVERIFY2(single.exitCode == 0, qPrintable(single.err));
    const svj::test::CliResult split =
        svj::test::runCli(finetune(two) << QStringLiteral("--nproc") << QStringLiteral("2"));
    QVERIFY2(split.exitCode == 0, qPrintable(split.err));
    QCOMPARE(split.out.count(QStringLiteral("\"task\":\"finetune\",\"total\"")),
             single.out.count(QStringLiteral("\"task\":\"finetune\",\"total\""))); // rank 0 alone reports
    QCOMPARE(split.out.count(QStringLiteral("\"task\":\"decode\"")),
             single.out.count(QStringLiteral("\"task\":\"decode\"")));
    // The reward's and the aspect scores' biases have no gradient (Bradley-Terry sees differences only): Adam
    // turns the float noise in their zero gradients into steps, in either run. Every other weight agrees.
    const QStringList noGradient{QStringLiteral("aspect_head.aggregate.bias"),
                                 QStringLiteral("aspect_head.net.2.bias")};
    const double difference = svj::test::maxWeightDifference(one, two, noGradient);
    qInfo("stage 2, 6 steps, 2 ranks x 2 pairs against 1 process x 4 pairs: max weight difference %.3g (biases "
          "without a gradient left out: %.3g)",
          difference, svj::test::maxWeightDifference(one, two));
    QVERIFY(difference >= 0);
    QVERIFY2(difference <= kTolerance, qPrintable(QString::number(difference)));
}

void DistributedTrainingTest::refusals() {
    // A batch that leaves a rank without a pair, and a run drawing from one stream, are refused before training.
    QStringList small = arguments(m_dir.filePath(QStringLiteral("small.safetensors")), 2);
    small[small.indexOf(QStringLiteral("--batch")) + 1] = QStringLiteral("1");
    const svj::test::CliResult tooSmall = svj::test::runCli(small << QStringLiteral("--nproc") << QStringLiteral("2"));
    QVERIFY(tooSmall.exitCode != 0);
    QVERIFY2(tooSmall.err.contains(QStringLiteral("at least one pair")), qPrintable(tooSmall.err));
    const svj::test::CliResult stream = svj::test::runCli(
        arguments(m_dir.filePath(QStringLiteral("stream.safetensors")), 2)
        << QStringLiteral("--draws") << QStringLiteral("stream") << QStringLiteral("--nproc") << QStringLiteral("2"));
    QVERIFY(stream.exitCode != 0);
    QVERIFY2(stream.err.contains(QStringLiteral("one process")), qPrintable(stream.err));
    const svj::test::CliResult badBackend =
        svj::test::runCliWithEnvironment(arguments(m_dir.filePath(QStringLiteral("backend.safetensors")), 2)
                                             << QStringLiteral("--backend") << QStringLiteral("mpi"),
                                         {QStringLiteral("RANK=0"), QStringLiteral("WORLD_SIZE=2")});
    QCOMPARE(badBackend.exitCode, 2);
    QVERIFY2(badBackend.err.contains(QStringLiteral("gloo or nccl")), qPrintable(badBackend.err));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("small.safetensors"))));
}

void DistributedTrainingTest::aResumeKeepsItsRunsDraws() {
    // A run drawing from one stream (as every run did before per-pair draws), stopped, resumed with the defaults:
    // it goes on drawing as it did, bit for bit the run that was never stopped.
    const QString straight = m_dir.filePath(QStringLiteral("stream-straight.safetensors"));
    const QString stopped = m_dir.filePath(QStringLiteral("stream-stopped.safetensors"));
    QVERIFY(
        svj::test::runCli(arguments(straight, 8) << QStringLiteral("--draws") << QStringLiteral("stream")).exitCode ==
        0);
    bool signalled = false;
    const svj::test::CliResult first = svj::test::runCliInterrupted(
        arguments(stopped, 8) << QStringLiteral("--draws") << QStringLiteral("stream"), "\"done\":3,", signalled);
    QVERIFY(signalled);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    QVERIFY(svj::test::sidecar(stopped).value(QStringLiteral("steps")).toInt() < 8);
    const svj::test::CliResult resumed = svj::test::runCli(arguments(stopped, 8) << QStringLiteral("--resume"));
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QVERIFY(
        !svj::test::sidecar(stopped).value(QStringLiteral("training")).toObject().contains(QStringLiteral("draws")));
    QVERIFY(svj::test::tensorBytes(stopped) == svj::test::tensorBytes(straight));
}

SVJ_REGISTER_TEST(DistributedTrainingTest)
#include "distributed_tests.moc"
