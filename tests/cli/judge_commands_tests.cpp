// `svj pretrain` and `svj score` as a user runs them: a real (tiny) training run on videos made here, stopped
// with SIGINT and resumed to the same weights bit for bit; the shipped judge scoring a video; bad input.
#include "tests/support/checkpoint_files.h"
#include "tests/support/cli_runner.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>

using svj::test::sidecar;
using svj::test::tensorBytes;

class JudgeCommandTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void pretrainWritesACheckpointWithItsHeldOutCheck();
    void interruptedAndResumedEqualsUninterrupted();
    void killedSaveResumesToTheSameWeights_data();
    void killedSaveResumesToTheSameWeights();
    void resumeRefusesAMixedCheckpoint();
    void pretrainRefusesToOverwriteOrMismatchedResume();
    void pretrainBadVideos();
    void faultcheckOnTheHeldOutSources();
    void faultcheckBadInput();
    void scoreWithTheShippedJudge();
    void scoreJsonAndCsvAgree();
    void scoreBadInput();
    void scoreKeepsScoresAndReusesThem();
    void evalFromAnotherJudgesScores();
    void evalWithOurJudge();
    void evalBadInput();

private:
    QStringList pretrainArguments(const QString& out, int steps) const;
    QTemporaryDir m_dir;
    QString m_videos;
};

void JudgeCommandTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_videos = m_dir.filePath(QStringLiteral("videos"));
    QVERIFY(QDir().mkpath(m_videos));
    // Three short real encodes of moving patterns (one will be held out).
    QVERIFY(svj::test::makePatternClips(m_videos));
}

QStringList JudgeCommandTest::pretrainArguments(const QString& out, int steps) const {
    // A judge of one narrow block on 32-pixel tiles, checked on one held-out clip with two faults: seconds.
    return QStringList{QStringLiteral("pretrain"),
                       QStringLiteral("--videos"),
                       m_videos,
                       QStringLiteral("--preset"),
                       QStringLiteral("tiny"),
                       QStringLiteral("--steps"),
                       QString::number(steps),
                       QStringLiteral("--batch"),
                       QStringLiteral("2"),
                       QStringLiteral("--check-clips"),
                       QStringLiteral("1"),
                       QStringLiteral("--check-faults"),
                       QStringLiteral("stutter,defocus-blur"),
                       QStringLiteral("--threads"),
                       QStringLiteral("1"),
                       QStringLiteral("--seed"),
                       QStringLiteral("5"),
                       QStringLiteral("--out"),
                       out,
                       QStringLiteral("--progress"),
                       QStringLiteral("json")} +
           svj::test::tinyJudgeFlags();
}

void JudgeCommandTest::pretrainWritesACheckpointWithItsHeldOutCheck() {
    const QString out = m_dir.filePath(QStringLiteral("plain.safetensors"));
    const svj::test::CliResult result = svj::test::runCli(pretrainArguments(out, 6));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err + result.out));
    QVERIFY(QFile::exists(out));
    QVERIFY(QFile::exists(out + QStringLiteral(".state")));
    // One JSON object per line on stdout, with steps 1..6 and the events.
    int steps = 0;
    bool sawEval = false;
    for (const QString& line : result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QJsonParseError error{};
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(line));
        if (object.contains(QStringLiteral("done"))) {
            ++steps;
            QVERIFY(std::isfinite(object.value(QStringLiteral("loss")).toDouble()));
            QVERIFY(object.contains(QStringLiteral("lr")));
            QVERIFY(object.contains(QStringLiteral("examples_per_s")));
        }
        sawEval = sawEval || object.value(QStringLiteral("event")).toString() == QStringLiteral("eval");
    }
    QCOMPARE(steps, 6);
    QVERIFY(sawEval);
    const QJsonObject info = sidecar(out);
    QCOMPARE(info.value(QStringLiteral("steps")).toInt(), 6);
    QVERIFY(info.value(QStringLiteral("command")).toString().startsWith(QStringLiteral("svj pretrain --videos")));
    const QJsonObject metrics = info.value(QStringLiteral("metrics")).toObject();
    QCOMPARE(metrics.value(QStringLiteral("faults")).toObject().size(), 2);
    QVERIFY(metrics.value(QStringLiteral("pairs")).toInt() >= 1);
    const QJsonObject overall = metrics.value(QStringLiteral("overall")).toObject();
    QVERIFY(overall.contains(QStringLiteral("judge")) && overall.contains(QStringLiteral("frame_difference")) &&
            overall.contains(QStringLiteral("classical")));
    QCOMPARE(info.value(QStringLiteral("data")).toObject().value(QStringLiteral("heldout_sources")).toArray().size(),
             1);
}

void JudgeCommandTest::interruptedAndResumedEqualsUninterrupted() {
    const int steps = 40;
    const QString straight = m_dir.filePath(QStringLiteral("straight.safetensors"));
    const svj::test::CliResult full = svj::test::runCli(pretrainArguments(straight, steps));
    QVERIFY2(full.exitCode == 0, qPrintable(full.err));

    const QString stopped = m_dir.filePath(QStringLiteral("stopped.safetensors"));
    bool signalled = false;
    const svj::test::CliResult stoppedRun =
        svj::test::runCliInterrupted(pretrainArguments(stopped, steps), "\"done\":3,", signalled);
    QVERIFY(signalled);
    QCOMPARE(stoppedRun.exitCode, 0);
    const QByteArray output = stoppedRun.out.toUtf8();
    QVERIFY2(output.contains("stopped by SIGINT"), output.constData());
    const int stoppedAt = sidecar(stopped).value(QStringLiteral("steps")).toInt();
    QVERIFY2(stoppedAt >= 3 && stoppedAt < steps, qPrintable(QString::number(stoppedAt)));
    QVERIFY(stoppedRun.err.contains(QStringLiteral("--resume")));

    QStringList resume = pretrainArguments(stopped, steps);
    resume << QStringLiteral("--resume");
    const svj::test::CliResult resumed = svj::test::runCli(resume);
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QCOMPARE(sidecar(stopped).value(QStringLiteral("steps")).toInt(), steps);
    const QByteArray a = tensorBytes(straight);
    QVERIFY(!a.isEmpty());
    QVERIFY2(a == tensorBytes(stopped), "the resumed run's weights differ from the uninterrupted run's");
    QCOMPARE(sidecar(stopped).value(QStringLiteral("metrics")), sidecar(straight).value(QStringLiteral("metrics")));
}

void JudgeCommandTest::killedSaveResumesToTheSameWeights_data() {
    // A checkpoint every 2 steps; each save renames four files into place: the pending state, the tensors,
    // the sidecar, the state. The second save's renames are the 5th to the 8th: a kill before each.
    QTest::addColumn<int>("killAt");
    QTest::newRow("before the pending state") << 5;
    QTest::newRow("before the tensors") << 6;
    QTest::newRow("before the sidecar") << 7;
    QTest::newRow("before the state moves") << 8;
}

void JudgeCommandTest::killedSaveResumesToTheSameWeights() {
    QFETCH(int, killAt);
    const int steps = 6;
    QStringList extra{QStringLiteral("--checkpoint-every"), QStringLiteral("2")};
    const QString straight = m_dir.filePath(QStringLiteral("saved-straight.safetensors"));
    if (!QFile::exists(straight)) {
        const svj::test::CliResult full = svj::test::runCli(pretrainArguments(straight, steps) + extra);
        QVERIFY2(full.exitCode == 0, qPrintable(full.err));
    }
    const QString killed = m_dir.filePath(QStringLiteral("killed-%1.safetensors").arg(killAt));
    const svj::test::CliResult dying = svj::test::runCliWithEnvironment(
        pretrainArguments(killed, steps) + extra, {QStringLiteral("SVJ_TEST_KILL_AT_RENAME=%1").arg(killAt)});
    QCOMPARE(dying.exitCode, -1); // killed, as a power cut would
    QStringList resume = pretrainArguments(killed, steps) + extra;
    resume << QStringLiteral("--resume");
    const svj::test::CliResult resumed = svj::test::runCli(resume);
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QVERIFY2(tensorBytes(killed) == tensorBytes(straight),
             "the run resumed after a killed save ends on other weights than the uninterrupted run");
    QCOMPARE(sidecar(killed).value(QStringLiteral("steps")).toInt(), steps);
    // Nothing of the killed save is left behind.
    const QStringList left =
        QDir(m_dir.path())
            .entryList({QStringLiteral(".killed-%1*").arg(killAt), QStringLiteral("killed-%1*.next").arg(killAt)},
                       QDir::Files | QDir::Hidden);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
}

void JudgeCommandTest::resumeRefusesAMixedCheckpoint() {
    // The tensors of one run's save beside the training state of another's: resume names both and refuses.
    const QString a = m_dir.filePath(QStringLiteral("mixed-a.safetensors"));
    const QString b = m_dir.filePath(QStringLiteral("mixed-b.safetensors"));
    QVERIFY(svj::test::runCli(pretrainArguments(a, 2)).exitCode == 0);
    QVERIFY(svj::test::runCli(pretrainArguments(b, 2)).exitCode == 0);
    QVERIFY(QFile::remove(a + QStringLiteral(".state")));
    QVERIFY(QFile::copy(b + QStringLiteral(".state"), a + QStringLiteral(".state")));
    QStringList resume = pretrainArguments(a, 2);
    resume << QStringLiteral("--resume");
    const QByteArray before = tensorBytes(a);
    const svj::test::CliResult mixed = svj::test::runCli(resume);
    QCOMPARE(mixed.exitCode, 2);
    QVERIFY2(mixed.err.contains(QStringLiteral("different saves")) && mixed.err.contains(a + QStringLiteral(".state")),
             qPrintable(mixed.err));
    QCOMPARE(tensorBytes(a), before);
}

void JudgeCommandTest::pretrainRefusesToOverwriteOrMismatchedResume() {
    const QString out = m_dir.filePath(QStringLiteral("guarded.safetensors"));
    QVERIFY(svj::test::runCli(pretrainArguments(out, 2)).exitCode == 0);
    const QByteArray before = tensorBytes(out);
    const svj::test::CliResult again = svj::test::runCli(pretrainArguments(out, 2));
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains(QStringLiteral("exists")), qPrintable(again.err));
    QStringList other = pretrainArguments(out, 4);
    other << QStringLiteral("--resume");
    const svj::test::CliResult mismatched = svj::test::runCli(other);
    QCOMPARE(mismatched.exitCode, 2);
    QVERIFY2(mismatched.err.contains(QStringLiteral("other settings")), qPrintable(mismatched.err));
    QCOMPARE(tensorBytes(out), before); // nothing written
}

void JudgeCommandTest::pretrainBadVideos() {
    const QString empty = m_dir.filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(empty));
    QStringList arguments = pretrainArguments(m_dir.filePath(QStringLiteral("never.safetensors")), 2);
    arguments[2] = empty;
    const svj::test::CliResult result = svj::test::runCli(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(empty) && result.err.contains(QStringLiteral("no video")), qPrintable(result.err));

    const QString manifest = m_dir.filePath(QStringLiteral("list.txt"));
    QVERIFY(svj::test::writeFile(manifest, "videos/clip0.mp4\nvideos/gone.mp4\n"));
    arguments[2] = manifest;
    const svj::test::CliResult missing = svj::test::runCli(arguments);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QStringLiteral("line 2")) && missing.err.contains(QStringLiteral("gone.mp4")),
             qPrintable(missing.err));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("never.safetensors"))));
}

void JudgeCommandTest::faultcheckOnTheHeldOutSources() {
    const QString checkpoint = m_dir.filePath(QStringLiteral("plain.safetensors"));
    if (!QFile::exists(checkpoint)) {
        QVERIFY(svj::test::runCli(pretrainArguments(checkpoint, 6)).exitCode == 0);
    }
    const QString held = sidecar(checkpoint)
                             .value(QStringLiteral("data"))
                             .toObject()
                             .value(QStringLiteral("heldout_sources"))
                             .toArray()
                             .at(0)
                             .toString();
    // Whole frames, the judge beside both baselines on the same pairs, every pair's margins in the JSON.
    const svj::test::CliResult whole = svj::test::runCli(
        {QStringLiteral("faultcheck"), m_videos, QStringLiteral("--ckpt"), checkpoint, QStringLiteral("--heldout"),
         QStringLiteral("--faults"), QStringLiteral("stutter,sensor-noise"), QStringLiteral("--seconds"),
         QStringLiteral("1.5"), QStringLiteral("--clips-per-video"), QStringLiteral("1"), QStringLiteral("--json"),
         QStringLiteral("--progress"), QStringLiteral("none")});
    QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
    const QJsonObject result = QJsonDocument::fromJson(whole.out.toUtf8()).object();
    QCOMPARE(result.value(QStringLiteral("clips")).toInt(), 1);
    const QJsonObject overall = result.value(QStringLiteral("overall")).toObject();
    QVERIFY(overall.contains(QStringLiteral("judge")) && overall.contains(QStringLiteral("frame_difference")) &&
            overall.contains(QStringLiteral("classical")));
    const QJsonArray margins = result.value(QStringLiteral("pair_margins")).toArray();
    QCOMPARE(margins.size(), result.value(QStringLiteral("pairs")).toInt());
    for (const QJsonValue& pair : margins) {
        QVERIFY(pair.toObject().value(QStringLiteral("clip")).toString().contains(held));
    }
    // Tiles the size of the judge's input, cut from the held-out source: every fault asked for, 3 pairs each.
    const svj::test::CliResult tiles = svj::test::runCli(
        {QStringLiteral("faultcheck"), m_videos, QStringLiteral("--ckpt"), checkpoint, QStringLiteral("--heldout"),
         QStringLiteral("--faults"), QStringLiteral("stutter,sensor-noise"), QStringLiteral("--tile-pairs"),
         QStringLiteral("3"), QStringLiteral("--json")});
    QVERIFY2(tiles.exitCode == 0, qPrintable(tiles.err));
    const QJsonObject pairs = QJsonDocument::fromJson(tiles.out.toUtf8()).object();
    QCOMPARE(pairs.value(QStringLiteral("pairs")).toInt(), 6);
    QCOMPARE(pairs.value(QStringLiteral("faults")).toObject().keys(),
             (QStringList{QStringLiteral("sensor noise"), QStringLiteral("stutter")}));
    const svj::test::CliResult table = svj::test::runCli(
        {QStringLiteral("faultcheck"), m_videos, QStringLiteral("--ckpt"), checkpoint, QStringLiteral("--heldout"),
         QStringLiteral("--faults"), QStringLiteral("stutter"), QStringLiteral("--tile-pairs"), QStringLiteral("2")});
    QVERIFY2(table.exitCode == 0 && table.out.contains(QStringLiteral("held-out tile pairs")), qPrintable(table.err));
}

void JudgeCommandTest::faultcheckBadInput() {
    const svj::test::CliResult missing =
        svj::test::runCli({QStringLiteral("faultcheck"), m_dir.filePath(QStringLiteral("nowhere"))});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QStringLiteral("nowhere")), qPrintable(missing.err));
    const svj::test::CliResult fault = svj::test::runCli(
        {QStringLiteral("faultcheck"), m_videos, QStringLiteral("--faults"), QStringLiteral("wobble")});
    QVERIFY(fault.exitCode != 0);
    QVERIFY2(fault.err.contains(QStringLiteral("wobble")), qPrintable(fault.err));
    const svj::test::CliResult none = svj::test::runCli({QStringLiteral("faultcheck")});
    QVERIFY(none.exitCode != 0);
    QVERIFY2(none.err.contains(QStringLiteral("footage")), qPrintable(none.err));
}

void JudgeCommandTest::scoreWithTheShippedJudge() {
    const QString video = svj::test::clip(QStringLiteral("h264_25fps_50f.mp4"));
    const svj::test::CliResult result = svj::test::runCli({QStringLiteral("score"), video});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(QStringLiteral("energy")));
    QVERIFY(result.out.contains(QStringLiteral("curve")));
    QVERIFY(result.out.contains(QStringLiteral("frames the judge saw: 0..")));
}

void JudgeCommandTest::scoreJsonAndCsvAgree() {
    const QString video = svj::test::clip(QStringLiteral("h264_25fps_50f.mp4"));
    const QString checkpoint = m_dir.filePath(QStringLiteral("plain.safetensors"));
    if (!QFile::exists(checkpoint)) {
        QVERIFY(svj::test::runCli(pretrainArguments(checkpoint, 6)).exitCode == 0);
    }
    const svj::test::CliResult json = svj::test::runCli(
        {QStringLiteral("score"), video, QStringLiteral("--ckpt"), checkpoint, QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(object.value(QStringLiteral("frame_count")).toInt(), 50);
    const QJsonArray curve = object.value(QStringLiteral("frame_energies")).toArray();
    QCOMPARE(curve.size(), 50);
    const QJsonArray windows = object.value(QStringLiteral("windows")).toArray();
    QVERIFY(!windows.isEmpty());
    // 32 x 32 tiles of 9 consecutive frames at the video's own rate, windows every 4 frames.
    const QJsonArray used = windows.first().toObject().value(QStringLiteral("source_frames")).toArray();
    QCOMPARE(used.size(), 9);
    QCOMPARE(used.at(0).toInt(), 0);
    QCOMPARE(used.at(1).toInt(), 1);
    QCOMPARE(windows.at(1).toObject().value(QStringLiteral("source_frames")).toArray().at(0).toInt(), 4);
    const QJsonObject input = object.value(QStringLiteral("judge_input")).toObject();
    QCOMPARE(input.value(QStringLiteral("view")).toString(), QStringLiteral("tiles"));
    QVERIFY(input.value(QStringLiteral("tiles_per_frame")).toInt() >= 4);

    const svj::test::CliResult csv = svj::test::runCli(
        {QStringLiteral("score"), video, QStringLiteral("--ckpt"), checkpoint, QStringLiteral("--csv")});
    QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
    const QStringList rows = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 51);
    QCOMPARE(rows.first(), QStringLiteral("video,frame,time_s,energy"));
    for (int i = 0; i < 50; ++i) {
        const double energy = rows[i + 1].section(QLatin1Char(','), -1).toDouble();
        QVERIFY(std::abs(energy - curve.at(i).toDouble()) < 1e-5);
    }
}

void JudgeCommandTest::scoreBadInput() {
    const QString video = svj::test::clip(QStringLiteral("h264_25fps_50f.mp4"));
    // A truncated checkpoint.
    const QString source = m_dir.filePath(QStringLiteral("plain.safetensors"));
    if (!QFile::exists(source)) {
        QVERIFY(svj::test::runCli(pretrainArguments(source, 6)).exitCode == 0);
    }
    QFile file(source);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString truncated = m_dir.filePath(QStringLiteral("truncated.safetensors"));
    QVERIFY(svj::test::writeFile(truncated, file.read(file.size() / 2)));
    QFile::copy(source + QStringLiteral(".json"), truncated + QStringLiteral(".json"));
    const svj::test::CliResult broken =
        svj::test::runCli({QStringLiteral("score"), video, QStringLiteral("--ckpt"), truncated});
    QCOMPARE(broken.exitCode, 2);
    QVERIFY2(broken.err.contains(truncated), qPrintable(broken.err));
    // A missing and a non-video file among good ones: the good one is still scored.
    const QString missing = m_dir.filePath(QStringLiteral("missing.mp4"));
    const svj::test::CliResult mixed =
        svj::test::runCli({QStringLiteral("score"), missing, video, svj::test::clip(QStringLiteral("not_a_video.txt")),
                           QStringLiteral("--ckpt"), source, QStringLiteral("--json")});
    QCOMPARE(mixed.exitCode, 2);
    QCOMPARE(mixed.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1);
    QVERIFY2(mixed.err.contains(missing) && mixed.err.contains(QStringLiteral("not_a_video.txt")),
             qPrintable(mixed.err));
    // No video at all is a usage error.
    QCOMPARE(svj::test::runCli({QStringLiteral("score")}).exitCode, 2);
}

// `svj score --db WS --reuse`: a score kept in the workspace is printed again without the judge while the
// checkpoint file is unchanged; progress per window comes as JSON lines before the score.
void JudgeCommandTest::scoreKeepsScoresAndReusesThem() {
    const QString video = svj::test::clip(QStringLiteral("h264_25fps_50f.mp4"));
    const QString plain = m_dir.filePath(QStringLiteral("plain.safetensors"));
    if (!QFile::exists(plain)) {
        QVERIFY(svj::test::runCli(pretrainArguments(plain, 6)).exitCode == 0);
    }
    const QString checkpoint = m_dir.filePath(QStringLiteral("kept.safetensors"));
    QFile::remove(checkpoint);
    QVERIFY(QFile::copy(plain, checkpoint));
    QFile::remove(checkpoint + QStringLiteral(".json"));
    QVERIFY(QFile::copy(plain + QStringLiteral(".json"), checkpoint + QStringLiteral(".json")));
    const QString workspace = m_dir.filePath(QStringLiteral("kept-scores.svjw"));
    QFile::remove(workspace);
    QCOMPARE(svj::test::runCli({QStringLiteral("db"), QStringLiteral("init"), workspace}).exitCode, 0);
    const QStringList arguments{QStringLiteral("score"),
                                video,
                                QStringLiteral("--ckpt"),
                                checkpoint,
                                QStringLiteral("--json"),
                                QStringLiteral("--db"),
                                workspace,
                                QStringLiteral("--reuse"),
                                QStringLiteral("--progress"),
                                QStringLiteral("json")};
    const auto lines = [](const QString& out) {
        QList<QJsonObject> objects;
        for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            objects << QJsonDocument::fromJson(line.toUtf8()).object();
        }
        return objects;
    };

    const svj::test::CliResult first = svj::test::runCli(arguments);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const QList<QJsonObject> scored = lines(first.out);
    QVERIFY(scored.size() >= 2);
    const QJsonObject progress = scored.front();
    QCOMPARE(progress.value(QStringLiteral("task")).toString(), QStringLiteral("score"));
    QCOMPARE(progress.value(QStringLiteral("done")).toInt(), 1);
    QCOMPARE(scored[scored.size() - 2].value(QStringLiteral("done")).toInt(),
             progress.value(QStringLiteral("total")).toInt());
    const QJsonObject fresh = scored.back();
    QVERIFY(!fresh.value(QStringLiteral("cached")).toBool());
    QCOMPARE(fresh.value(QStringLiteral("windows")).toArray().size(), progress.value(QStringLiteral("total")).toInt());

    const svj::test::CliResult second = svj::test::runCli(arguments);
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    const QList<QJsonObject> again = lines(second.out);
    QCOMPARE(again.size(), 1); // no window scored
    const QJsonObject kept = again.front();
    QVERIFY(kept.value(QStringLiteral("cached")).toBool());
    QCOMPARE(kept.value(QStringLiteral("frame_energies")).toArray(),
             fresh.value(QStringLiteral("frame_energies")).toArray());
    QCOMPARE(kept.value(QStringLiteral("energy")).toDouble(), fresh.value(QStringLiteral("energy")).toDouble());
    QCOMPARE(
        kept.value(QStringLiteral("windows")).toArray().first().toObject().value(QStringLiteral("source_frames")),
        fresh.value(QStringLiteral("windows")).toArray().first().toObject().value(QStringLiteral("source_frames")));

    // The checkpoint written again: scored again.
    QFile file(checkpoint);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
    file.close();
    const svj::test::CliResult third = svj::test::runCli(arguments);
    QVERIFY2(third.exitCode == 0, qPrintable(third.err));
    QVERIFY(!lines(third.out).back().value(QStringLiteral("cached")).toBool());
    QVERIFY(lines(third.out).size() >= 2);

    // Usage errors name what is missing.
    const svj::test::CliResult noDb =
        svj::test::runCli({QStringLiteral("score"), video, QStringLiteral("--json"), QStringLiteral("--reuse")});
    QCOMPARE(noDb.exitCode, 2);
    QVERIFY2(noDb.err.contains(QStringLiteral("--db")), qPrintable(noDb.err));
    const svj::test::CliResult noJson = svj::test::runCli(
        {QStringLiteral("score"), video, QStringLiteral("--db"), workspace, QStringLiteral("--reuse")});
    QCOMPARE(noJson.exitCode, 2);
    QVERIFY2(noJson.err.contains(QStringLiteral("--json")), qPrintable(noJson.err));
    const svj::test::CliResult jsonProgress =
        svj::test::runCli({QStringLiteral("score"), video, QStringLiteral("--progress"), QStringLiteral("json")});
    QCOMPARE(jsonProgress.exitCode, 2);
}

void JudgeCommandTest::evalFromAnotherJudgesScores() {
    // Hand-made: clip0 best, clip2 worst. Pairs: A right, B right, a human tie with margin 0.1, a
    // both-bad (a tie in the 4-way mapping) with margin 0.5, and a wrong call.
    const QString pairs = m_dir.filePath(QStringLiteral("pairs.csv"));
    QVERIFY(svj::test::writeFile(pairs, "left_video,right_video,vote_type\n"
                                        "videos/clip0.mp4,videos/clip1.mp4,leftvote\n"
                                        "videos/clip2.mp4,videos/clip0.mp4,rightvote\n"
                                        "videos/clip1.mp4,videos/clip1b.mp4,tievote\n"
                                        "videos/clip0.mp4,videos/clip2.mp4,bothbad_vote\n"
                                        "videos/clip1.mp4,videos/clip0.mp4,leftvote\n"));
    QFile::copy(m_videos + QStringLiteral("/clip1.mp4"), m_videos + QStringLiteral("/clip1b.mp4"));
    const QString scores = m_dir.filePath(QStringLiteral("scores.csv"));
    QVERIFY(svj::test::writeFile(scores, "video,score\nvideos/clip0.mp4,1.0\nvideos/clip1.mp4,0.6\n"
                                         "videos/clip1b.mp4,0.5\nvideos/clip2.mp4,0.5\n"));
    const svj::test::CliResult result = svj::test::runCli(
        {QStringLiteral("eval"), QStringLiteral("--pairs"), pairs, QStringLiteral("--format"),
         QStringLiteral("genai-bench"), QStringLiteral("--scores"), scores, QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject overall =
        QJsonDocument::fromJson(result.out.toUtf8()).object().value(QStringLiteral("overall")).toObject();
    QCOMPARE(overall.value(QStringLiteral("pairs")).toInt(), 5);
    // Without ties: rows 1, 2 right, row 5 wrong: 2 of 3.
    QCOMPARE(overall.value(QStringLiteral("without_ties")).toDouble(), 2.0 / 3);
    QCOMPARE(overall.value(QStringLiteral("pairs_without_ties")).toInt(), 3);
    // With ties: 2 of 5 at epsilon -1; at 0.1 the human tie is matched (3); at 0.4 row 1's right call
    // becomes a tie and the wrong call turns neutral (2); at 0.5 both-bad is matched but row 2 is lost (2).
    QCOMPARE(overall.value(QStringLiteral("with_ties")).toDouble(), 3.0 / 5);
    QVERIFY(std::abs(overall.value(QStringLiteral("epsilon")).toDouble() - 0.1) < 1e-9);
}

void JudgeCommandTest::evalWithOurJudge() {
    const QString checkpoint = m_dir.filePath(QStringLiteral("plain.safetensors"));
    if (!QFile::exists(checkpoint)) {
        QVERIFY(svj::test::runCli(pretrainArguments(checkpoint, 6)).exitCode == 0);
    }
    const QString pairs = m_dir.filePath(QStringLiteral("own.jsonl"));
    QVERIFY(svj::test::writeFile(pairs, "{\"video_a\": \"videos/clip0.mp4\", \"video_b\": \"videos/clip1.mp4\", "
                                        "\"label\": \"A\", \"aspects\": {\"motion\": \"B\"}}\n"
                                        "{\"video_a\": \"videos/clip2.mp4\", \"video_b\": \"videos/clip1.mp4\", "
                                        "\"label\": \"tie\"}\n"));
    const svj::test::CliResult result =
        svj::test::runCli({QStringLiteral("eval"), QStringLiteral("--pairs"), pairs, QStringLiteral("--ckpt"),
                           checkpoint, QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject object = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(object.value(QStringLiteral("overall")).toObject().value(QStringLiteral("pairs")).toInt(), 2);
    QCOMPARE(object.value(QStringLiteral("aspects"))
                 .toObject()
                 .value(QStringLiteral("motion"))
                 .toObject()
                 .value(QStringLiteral("pairs"))
                 .toInt(),
             1);
    const double accuracy =
        object.value(QStringLiteral("overall")).toObject().value(QStringLiteral("with_ties")).toDouble();
    QVERIFY(accuracy >= 0.0 && accuracy <= 1.0);
}

void JudgeCommandTest::evalBadInput() {
    const QString pairs = m_dir.filePath(QStringLiteral("broken.jsonl"));
    QVERIFY(svj::test::writeFile(
        pairs, "{\"video_a\": \"videos/clip0.mp4\", \"video_b\": \"videos/clip1.mp4\", \"label\": \"A\"}\n"
               "{\"video_a\": \"videos/gone.mp4\", \"video_b\": \"videos/clip1.mp4\", \"label\": \"B\"}\n"));
    const svj::test::CliResult missing = svj::test::runCli({QStringLiteral("eval"), QStringLiteral("--pairs"), pairs});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(pairs + QStringLiteral(":2:")) && missing.err.contains(QStringLiteral("gone.mp4")),
             qPrintable(missing.err));
    QVERIFY(svj::test::writeFile(
        pairs, "{\"video_a\": \"videos/clip0.mp4\", \"video_b\": \"videos/clip1.mp4\", \"label\": \"maybe\"}\n"));
    const svj::test::CliResult unknown = svj::test::runCli({QStringLiteral("eval"), QStringLiteral("--pairs"), pairs});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral(":1: unknown verdict 'maybe'")), qPrintable(unknown.err));
    const QString scores = m_dir.filePath(QStringLiteral("few.csv"));
    QVERIFY(svj::test::writeFile(scores, "video,score\nvideos/clip0.mp4,1\n"));
    QVERIFY(svj::test::writeFile(
        pairs, "{\"video_a\": \"videos/clip0.mp4\", \"video_b\": \"videos/clip1.mp4\", \"label\": \"A\"}\n"));
    const svj::test::CliResult unscored = svj::test::runCli(
        {QStringLiteral("eval"), QStringLiteral("--pairs"), pairs, QStringLiteral("--scores"), scores});
    QCOMPARE(unscored.exitCode, 2);
    QVERIFY2(unscored.err.contains(QStringLiteral("clip1.mp4 has no score")), qPrintable(unscored.err));
}

SVJ_REGISTER_TEST(JudgeCommandTest)
#include "judge_commands_tests.moc"
