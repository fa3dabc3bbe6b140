// `svj finetune` as a user runs it: a real stage-2 run on videos made here (clean vs darkened copies, with
// per-aspect verdicts), its per-epoch held-out figures and checkpoints, the fine-tuned judge scoring with a
// reward, SIGINT + --resume equal to an uninterrupted run, and bad input that leaves nothing behind.
#include "protocol/progress_line.h"
#include "tests/support/checkpoint_files.h"
#include "tests/support/cli_runner.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <cmath>

using svj::test::sidecar;
using svj::test::tensorBytes;

class FinetuneCommandTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void finetuneReportsEveryEpochAndScoresWithAReward();
    void interruptedAndResumedEqualsUninterrupted();
    void killedSaveResumesToTheSameWeights();
    void badInputLeavesNothingBehind();
    void startsFromTheShippedJudgeByDefault();
    void workspaceLabelsAndScores();
    void aServerPasswordIsKeptOutOfEverything();

private:
    QStringList finetuneArguments(const QString& out, int epochs = 2) const;
    QTemporaryDir m_dir;
    QString m_stage1;
    QString m_pairs;
};

void FinetuneCommandTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString videos = m_dir.filePath(QStringLiteral("videos"));
    QVERIFY(QDir().mkpath(videos));
    // Six real encodes and a darkened copy of each; the "annotators" prefer the original, call the motion
    // a tie (it is the same) and say so per aspect. Sides alternate.
    const QStringList sources{QStringLiteral("testsrc2=size=64x48:rate=16"),
                              QStringLiteral("mandelbrot=size=64x48:rate=16"),
                              QStringLiteral("life=size=64x48:rate=16:mold=10:ratio=0.2:seed=3"),
                              QStringLiteral("rgbtestsrc=size=64x48:rate=16"),
                              QStringLiteral("cellauto=size=64x48:rate=16:rule=110"),
                              QStringLiteral("smptebars=size=64x48:rate=16")};
    QByteArray pairs;
    for (int i = 0; i < sources.size(); ++i) {
        const QString clean = QStringLiteral("%1/clean%2.mp4").arg(videos).arg(i);
        const QString dark = QStringLiteral("%1/dark%2.mp4").arg(videos).arg(i);
        QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), sources[i],
                                      QStringLiteral("-t"), QStringLiteral("1.5"), QStringLiteral("-c:v"),
                                      QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                                      QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), clean}));
        QVERIFY(svj::test::runFfmpeg({QStringLiteral("-i"), clean, QStringLiteral("-vf"),
                                      QStringLiteral("eq=brightness=-0.3"), QStringLiteral("-c:v"),
                                      QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                                      QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), dark}));
        const bool cleanLeft = i % 2 == 0;
        const QByteArray first = cleanLeft ? "clean" : "dark";
        const QByteArray second = cleanLeft ? "dark" : "clean";
        const QByteArray label = cleanLeft ? "A" : "B";
        const QByteArray index = QByteArray::number(i);
        pairs += "{\"video_a\": \"videos/" + first + index + ".mp4\", \"video_b\": \"videos/" + second + index +
                 ".mp4\", \"label\": \"" + label + "\", \"aspects\": {\"VQ\": \"" + label + "\", \"MQ\": \"tie\"}}\n";
    }
    m_pairs = m_dir.filePath(QStringLiteral("pairs.jsonl"));
    QVERIFY(svj::test::writeFile(m_pairs, pairs));
    // A small stage-1 judge to start from.
    m_stage1 = m_dir.filePath(QStringLiteral("stage1.safetensors"));
    const svj::test::CliResult pretrain = svj::test::runCli(
        QStringList{QStringLiteral("pretrain"), QStringLiteral("--videos"), videos, QStringLiteral("--steps"),
                    QStringLiteral("2"), QStringLiteral("--batch"), QStringLiteral("2"),
                    QStringLiteral("--no-final-check"), QStringLiteral("--threads"), QStringLiteral("1"),
                    QStringLiteral("--out"), m_stage1, QStringLiteral("--progress"), QStringLiteral("none")} +
        svj::test::tinyJudgeFlags());
    QVERIFY2(pretrain.exitCode == 0, qPrintable(pretrain.err));
}

QStringList FinetuneCommandTest::finetuneArguments(const QString& out, int epochs) const {
    return {QStringLiteral("finetune"),
            QStringLiteral("--pairs"),
            m_pairs,
            QStringLiteral("--from"),
            m_stage1,
            QStringLiteral("--out"),
            out,
            QStringLiteral("--epochs"),
            QString::number(epochs),
            QStringLiteral("--batch"),
            QStringLiteral("2"),
            QStringLiteral("--holdout"),
            QStringLiteral("0.34"),
            QStringLiteral("--seed"),
            QStringLiteral("3"),
            QStringLiteral("--threads"),
            QStringLiteral("1"),
            QStringLiteral("--progress"),
            QStringLiteral("json")};
}

void FinetuneCommandTest::finetuneReportsEveryEpochAndScoresWithAReward() {
    const QString out = m_dir.filePath(QStringLiteral("tuned.safetensors"));
    const svj::test::CliResult result = svj::test::runCli(finetuneArguments(out, 3));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err + result.out));
    // 6 pairs, 2 held out: 4 training pairs, 2 steps an epoch.
    int steps = 0;
    QList<QJsonObject> evals;
    int checkpoints = 0;
    for (const QString& line : result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        // Every line is one of the protocol's, read by the same typed parser the GUI uses.
        std::optional<svj::protocol::ProgressLine> progress;
        try {
            progress = svj::protocol::parseProgressLine(line.toStdString());
        } catch (const svj::protocol::ProtocolError& error) {
            QFAIL(qPrintable(QStringLiteral("%1: %2").arg(line, QString::fromUtf8(error.what()))));
        }
        QVERIFY2(progress.has_value(), qPrintable(line));
        QVERIFY2(progress->event != svj::protocol::ProgressEvent::Unknown, qPrintable(line));
        QCOMPARE(progress->version, svj::protocol::kProgressVersion);
        QVERIFY2(line.contains(QStringLiteral("\"v\":1")), qPrintable(line)); // on the wire, not defaulted
        QJsonParseError error{};
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(line));
        if (progress->task == "finetune" && progress->event == svj::protocol::ProgressEvent::Step) {
            QCOMPARE(progress->total, int64_t(6));
            ++steps;
            QVERIFY(std::isfinite(object.value(QStringLiteral("loss")).toDouble()));
            QVERIFY(object.contains(QStringLiteral("tie_strength")));
            QVERIFY(object.contains(QStringLiteral("examples_per_s")));
        }
        const QString event = object.value(QStringLiteral("event")).toString();
        if (event == QStringLiteral("eval")) {
            evals.append(object);
        }
        checkpoints += event == QStringLiteral("checkpoint") ? 1 : 0;
    }
    QCOMPARE(steps, 6);
    QCOMPARE(checkpoints, 3);
    QCOMPARE(evals.size(), 4); // before, and after each of the 3 epochs
    for (const QJsonObject& eval : evals) {
        const QJsonObject heldout = eval.value(QStringLiteral("heldout")).toObject();
        const QJsonObject overall = heldout.value(QStringLiteral("overall")).toObject();
        QCOMPARE(overall.value(QStringLiteral("pairs")).toInt(), 2);
        QVERIFY(overall.contains(QStringLiteral("with_ties")) && overall.contains(QStringLiteral("without_ties")));
        QVERIFY(overall.contains(QStringLiteral("epsilon")));
        const QJsonObject aspects = heldout.value(QStringLiteral("aspects")).toObject();
        QCOMPARE(aspects.keys(), (QStringList{QStringLiteral("MQ"), QStringLiteral("VQ")}));
        // MQ is a tie everywhere: no pair without ties.
        QCOMPARE(aspects.value(QStringLiteral("MQ")).toObject().value(QStringLiteral("pairs_without_ties")).toInt(), 0);
    }
    const QJsonObject info = sidecar(out);
    QCOMPARE(info.value(QStringLiteral("stage")).toInt(), 2);
    QVERIFY(info.value(QStringLiteral("stage2")).toBool());
    QCOMPARE(info.value(QStringLiteral("parent")).toString(), m_stage1);
    QCOMPARE(info.value(QStringLiteral("steps")).toInt(), 6);
    QVERIFY(info.value(QStringLiteral("command")).toString().startsWith(QStringLiteral("svj finetune --pairs")));
    QCOMPARE(info.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("epochs")).toArray().size(), 3);
    const QJsonArray aspects =
        info.value(QStringLiteral("config")).toObject().value(QStringLiteral("aspects")).toArray();
    QCOMPARE(aspects.size(), 2);

    // The fine-tuned judge scores with a reward and its aspects; eval uses them.
    const svj::test::CliResult score =
        svj::test::runCli({QStringLiteral("score"), m_dir.filePath(QStringLiteral("videos/clean0.mp4")),
                           QStringLiteral("--ckpt"), out, QStringLiteral("--json")});
    QVERIFY2(score.exitCode == 0, qPrintable(score.err));
    const QJsonObject scored = QJsonDocument::fromJson(score.out.toUtf8()).object();
    QVERIFY(scored.contains(QStringLiteral("reward")));
    QCOMPARE(scored.value(QStringLiteral("aspects")).toObject().size(), 2);
    const svj::test::CliResult eval = svj::test::runCli({QStringLiteral("eval"), QStringLiteral("--pairs"), m_pairs,
                                                         QStringLiteral("--ckpt"), out, QStringLiteral("--json")});
    QVERIFY2(eval.exitCode == 0, qPrintable(eval.err));
    QCOMPARE(QJsonDocument::fromJson(eval.out.toUtf8())
                 .object()
                 .value(QStringLiteral("overall"))
                 .toObject()
                 .value(QStringLiteral("pairs"))
                 .toInt(),
             6);
}

void FinetuneCommandTest::interruptedAndResumedEqualsUninterrupted() {
    const int epochs = 4; // 8 steps
    const QString straight = m_dir.filePath(QStringLiteral("straight.safetensors"));
    const svj::test::CliResult full = svj::test::runCli(finetuneArguments(straight, epochs));
    QVERIFY2(full.exitCode == 0, qPrintable(full.err));

    const QString stopped = m_dir.filePath(QStringLiteral("stopped.safetensors"));
    bool signalled = false;
    // Step 3 is inside the second epoch: the resume starts mid-epoch.
    const svj::test::CliResult stoppedRun =
        svj::test::runCliInterrupted(finetuneArguments(stopped, epochs), "\"done\":3,\"epoch\"", signalled);
    QVERIFY(signalled);
    QCOMPARE(stoppedRun.exitCode, 0);
    QVERIFY2(stoppedRun.out.contains(QStringLiteral("stopped by SIGINT")), qPrintable(stoppedRun.out));
    const int stoppedAt = sidecar(stopped).value(QStringLiteral("steps")).toInt();
    QVERIFY2(stoppedAt >= 3 && stoppedAt < 2 * epochs, qPrintable(QString::number(stoppedAt)));

    QStringList resume = finetuneArguments(stopped, epochs);
    resume << QStringLiteral("--resume");
    const svj::test::CliResult resumed = svj::test::runCli(resume);
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QCOMPARE(sidecar(stopped).value(QStringLiteral("steps")).toInt(), 2 * epochs);
    const QByteArray a = tensorBytes(straight);
    QVERIFY(!a.isEmpty());
    QVERIFY2(a == tensorBytes(stopped), "the resumed fine-tune's weights differ from the uninterrupted one's");
    // The held-out figures of every epoch match too (the training loss of a resumed epoch covers fewer steps).
    const QJsonArray straightEpochs =
        sidecar(straight).value(QStringLiteral("metrics")).toObject().value(QStringLiteral("epochs")).toArray();
    const QJsonArray resumedEpochs =
        sidecar(stopped).value(QStringLiteral("metrics")).toObject().value(QStringLiteral("epochs")).toArray();
    QCOMPARE(resumedEpochs.size(), straightEpochs.size());
    for (qsizetype i = 0; i < straightEpochs.size(); ++i) {
        QCOMPARE(resumedEpochs[i].toObject().value(QStringLiteral("heldout")),
                 straightEpochs[i].toObject().value(QStringLiteral("heldout")));
    }
}

void FinetuneCommandTest::killedSaveResumesToTheSameWeights() {
    // A checkpoint every epoch (2 steps), four renames a save: the pending state, the tensors, the sidecar,
    // the state. A kill before the second save's tensors, and one before its sidecar.
    const int epochs = 4;
    const QString straight = m_dir.filePath(QStringLiteral("straight.safetensors"));
    if (!QFile::exists(straight)) {
        QVERIFY(svj::test::runCli(finetuneArguments(straight, epochs)).exitCode == 0);
    }
    for (const int killAt : {6, 7}) {
        const QString killed = m_dir.filePath(QStringLiteral("killed-%1.safetensors").arg(killAt));
        const svj::test::CliResult dying = svj::test::runCliWithEnvironment(
            finetuneArguments(killed, epochs), {QStringLiteral("SVJ_TEST_KILL_AT_RENAME=%1").arg(killAt)});
        QCOMPARE(dying.exitCode, -1);
        QStringList resume = finetuneArguments(killed, epochs);
        resume << QStringLiteral("--resume");
        const svj::test::CliResult resumed = svj::test::runCli(resume);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(tensorBytes(killed) == tensorBytes(straight),
                 qPrintable(QStringLiteral("killed before rename %1: other weights after the resume").arg(killAt)));
    }
}

void FinetuneCommandTest::badInputLeavesNothingBehind() {
    const QString out = m_dir.filePath(QStringLiteral("never.safetensors"));
    const auto runWith = [&](const QString& pairs, const QString& from) {
        QStringList arguments = finetuneArguments(out);
        arguments[2] = pairs;
        arguments[4] = from;
        return svj::test::runCli(arguments);
    };
    // A missing video, named with its line.
    const QString missing = m_dir.filePath(QStringLiteral("missing.jsonl"));
    QVERIFY(svj::test::writeFile(missing, "{\"video_a\": \"videos/clean0.mp4\", \"video_b\": \"videos/dark0.mp4\", "
                                          "\"label\": \"A\"}\n{\"video_a\": \"videos/gone.mp4\", \"video_b\": "
                                          "\"videos/dark0.mp4\", \"label\": \"B\"}\n"));
    svj::test::CliResult result = runWith(missing, m_stage1);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(missing + QStringLiteral(":2:")) && result.err.contains(QStringLiteral("gone.mp4")),
             qPrintable(result.err));
    // An unknown label.
    const QString unknown = m_dir.filePath(QStringLiteral("unknown.jsonl"));
    QVERIFY(svj::test::writeFile(
        unknown, "{\"video_a\": \"videos/clean0.mp4\", \"video_b\": \"videos/dark0.mp4\", \"label\": \"maybe\"}\n"));
    result = runWith(unknown, m_stage1);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral(":1: unknown verdict 'maybe'")), qPrintable(result.err));
    // A file that is not a video, named with the pair's line and the file.
    const QString notVideo = m_dir.filePath(QStringLiteral("videos/fake.mp4"));
    QVERIFY(svj::test::writeFile(notVideo, "this is not a video"));
    const QString fake = m_dir.filePath(QStringLiteral("fake.jsonl"));
    QVERIFY(svj::test::writeFile(
        fake, "{\"video_a\": \"videos/clean0.mp4\", \"video_b\": \"videos/fake.mp4\", \"label\": \"A\"}\n"));
    result = runWith(fake, m_stage1);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(fake + QStringLiteral(":1:")) && result.err.contains(QStringLiteral("fake.mp4")),
             qPrintable(result.err));
    // A truncated starting checkpoint.
    QFile source(m_stage1);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QString truncated = m_dir.filePath(QStringLiteral("truncated.safetensors"));
    QVERIFY(svj::test::writeFile(truncated, source.read(source.size() / 2)));
    QFile::copy(m_stage1 + QStringLiteral(".json"), truncated + QStringLiteral(".json"));
    result = runWith(m_pairs, truncated);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(truncated), qPrintable(result.err));
    QVERIFY(!QFile::exists(out));
    QVERIFY(!QFile::exists(out + QStringLiteral(".state")));

    // An existing checkpoint is not overwritten; a resume with other settings is refused and changes nothing.
    const QString kept = m_dir.filePath(QStringLiteral("kept.safetensors"));
    QVERIFY(svj::test::runCli(finetuneArguments(kept, 1)).exitCode == 0);
    const QByteArray before = tensorBytes(kept);
    result = svj::test::runCli(finetuneArguments(kept, 1));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("exists")), qPrintable(result.err));
    QStringList other = finetuneArguments(kept, 2);
    other << QStringLiteral("--resume");
    result = svj::test::runCli(other);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("other settings")), qPrintable(result.err));
    QCOMPARE(tensorBytes(kept), before);
}

void FinetuneCommandTest::startsFromTheShippedJudgeByDefault() {
    const QString out = m_dir.filePath(QStringLiteral("from-default.safetensors"));
    QStringList arguments = finetuneArguments(out, 1);
    arguments.removeAt(3); // --from and its value
    arguments.removeAt(3);
    const svj::test::CliResult result = svj::test::runCli(arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject info = sidecar(out);
    QVERIFY2(info.value(QStringLiteral("parent")).toString().endsWith(QStringLiteral("default-judge.safetensors")),
             qPrintable(info.value(QStringLiteral("parent")).toString()));
    // The shipped judge's input size carries over.
    QCOMPARE(info.value(QStringLiteral("config"))
                 .toObject()
                 .value(QStringLiteral("input"))
                 .toObject()
                 .value(QStringLiteral("width"))
                 .toInt(),
             64);
}

void FinetuneCommandTest::workspaceLabelsAndScores() {
    const QString workspace = m_dir.filePath(QStringLiteral("labels.svj"));
    const auto db = [&](QStringList arguments) {
        arguments.prepend(QStringLiteral("db"));
        return svj::test::runCli(arguments);
    };
    QCOMPARE(db({QStringLiteral("init"), workspace}).exitCode, 0);
    QCOMPARE(db({QStringLiteral("init"), workspace}).exitCode, 2); // never over an existing file
    // A file with one unreadable video: nothing is imported.
    const QString broken = m_dir.filePath(QStringLiteral("broken-import.jsonl"));
    QVERIFY(svj::test::writeFile(
        broken, "{\"video_a\": \"videos/clean0.mp4\", \"video_b\": \"videos/dark0.mp4\", \"label\": \"A\"}\n"
                "{\"video_a\": \"pairs.jsonl\", \"video_b\": \"videos/dark0.mp4\", \"label\": \"A\"}\n"));
    svj::test::CliResult result = db({QStringLiteral("import"), workspace, QStringLiteral("--pairs"), broken});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(broken + QStringLiteral(":2:")), qPrintable(result.err));
    result = db({QStringLiteral("check"), workspace});
    QVERIFY2(result.out.contains(QStringLiteral("integrity ok; 0 videos, 0 pairs")), qPrintable(result.out));

    result = db({QStringLiteral("import"), workspace, QStringLiteral("--pairs"), m_pairs});
    QVERIFY2(result.exitCode == 0 && result.out.contains(QStringLiteral("12 videos, 6 pairs, 6 labels")),
             qPrintable(result.out + result.err));
    result = db({QStringLiteral("import"), workspace, QStringLiteral("--pairs"), m_pairs});
    QVERIFY2(result.out.contains(QStringLiteral("0 labels; 6 labels already there")), qPrintable(result.out));
    result = db({QStringLiteral("label"), workspace, QStringLiteral("--pair"), QStringLiteral("1"),
                 QStringLiteral("--annotator"), QStringLiteral("ana"), QStringLiteral("--verdict"), QStringLiteral("B"),
                 QStringLiteral("--aspect"), QStringLiteral("VQ=B,MQ=tie")});
    QCOMPARE(result.exitCode, 0);
    const QString labelId = result.out.trimmed();
    QCOMPARE(labelId, QStringLiteral("7"));
    QCOMPARE(db({QStringLiteral("undo"), workspace, QStringLiteral("--label"), labelId}).exitCode, 0);
    QCOMPARE(db({QStringLiteral("undo"), workspace, QStringLiteral("--label"), labelId}).exitCode, 2);
    result =
        db({QStringLiteral("label"), workspace, QStringLiteral("--pair"), QStringLiteral("99"),
            QStringLiteral("--annotator"), QStringLiteral("ana"), QStringLiteral("--verdict"), QStringLiteral("A")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("no pair 99")), qPrintable(result.err));
    const QString exported = m_dir.filePath(QStringLiteral("exported.csv"));
    result = db({QStringLiteral("export"), workspace, QStringLiteral("--format"), QStringLiteral("genai-bench"),
                 QStringLiteral("--out"), exported});
    QVERIFY2(result.exitCode == 0 && result.out.contains(QStringLiteral("wrote 6 labels")), qPrintable(result.err));
    QCOMPARE(db({QStringLiteral("check"), m_pairs}).exitCode, 2); // not a database

    // The queue and the statistics.
    result = db({QStringLiteral("assign"), workspace, QStringLiteral("--annotators"), QStringLiteral("ana,ben"),
                 QStringLiteral("--overlap"), QStringLiteral("2")});
    QVERIFY2(result.out.contains(QStringLiteral("12 new assignments")), qPrintable(result.out + result.err));
    result = db({QStringLiteral("next"), workspace, QStringLiteral("--annotator"), QStringLiteral("ben"),
                 QStringLiteral("--json")});
    const QJsonObject next = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QVERIFY2(next.contains(QStringLiteral("left")) && next.contains(QStringLiteral("pair")), qPrintable(result.out));
    result = db({QStringLiteral("label"), workspace, QStringLiteral("--pair"),
                 QString::number(next.value(QStringLiteral("pair")).toInt()), QStringLiteral("--annotator"),
                 QStringLiteral("ben"), QStringLiteral("--verdict"), QStringLiteral("A")});
    QCOMPARE(result.exitCode, 0);
    result = db({QStringLiteral("next"), workspace, QStringLiteral("--annotator"), QStringLiteral("ben"),
                 QStringLiteral("--json")});
    QVERIFY(QJsonDocument::fromJson(result.out.toUtf8()).object().value(QStringLiteral("pair")).toInt() !=
            next.value(QStringLiteral("pair")).toInt());
    result = db({QStringLiteral("queue"), workspace});
    QVERIFY2(result.out.contains(QStringLiteral("ana: 6 assigned, 0 labelled, 6 open")) &&
                 result.out.contains(QStringLiteral("ben: 6 assigned, 1 labelled, 5 open")),
             qPrintable(result.out + result.err));
    result = db({QStringLiteral("stats"), workspace, QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject stats = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(stats.value(QStringLiteral("labels")).toInt(), 7);
    QVERIFY(!stats.value(QStringLiteral("agreement")).toArray().isEmpty());

    // Fine-tuning from the workspace's labels, and scores stored in it.
    const QString out = m_dir.filePath(QStringLiteral("from-db.safetensors"));
    QStringList arguments = finetuneArguments(out, 1);
    arguments[1] = QStringLiteral("--db");
    arguments[2] = workspace;
    result = svj::test::runCli(arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(sidecar(out).value(QStringLiteral("training")).toObject().value(QStringLiteral("db")).toString(),
             workspace);
    result = svj::test::runCli({QStringLiteral("score"), m_dir.filePath(QStringLiteral("videos/clean1.mp4")),
                                QStringLiteral("--ckpt"), out, QStringLiteral("--db"), workspace});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = db({QStringLiteral("check"), workspace});
    QVERIFY2(result.out.contains(QStringLiteral("1 judge scores")), qPrintable(result.out));
}

// A team workspace's password given once in a URL: moved into libpq's password file and found nowhere else,
// not in what svj printed, not in a file it wrote (checkpoint, sidecar, logs, export) and not in the database's
// own tables (a dump of it); with no source of the password, a message that says where to put it.
void FinetuneCommandTest::aServerPasswordIsKeptOutOfEverything() {
    const QString admin = qEnvironmentVariable("SVJ_TEST_POSTGRES");
    if (admin.isEmpty()) {
        QSKIP("needs the test server (SVJ_TEST_POSTGRES; CTest's tst_cli_postgres)");
    }
    const QString password = QStringLiteral("pw-") + QUuid::createUuid().toString(QUuid::Id128);
    const QString role = QStringLiteral("svj_cli_%1").arg(QCoreApplication::applicationPid());
    const auto psql = [&](const QString& location, const QStringList& arguments) {
        QProcess process;
        process.start(QStringLiteral("psql"),
                      QStringList{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                                  QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), location} +
                          arguments);
        process.waitForFinished(60000);
        return process.exitCode() == 0
                   ? QString::fromUtf8(process.readAllStandardOutput())
                   : QStringLiteral("psql failed: ") + QString::fromUtf8(process.readAllStandardError());
    };
    QVERIFY(
        !psql(admin, {QStringLiteral("-c"), QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, password),
                      QStringLiteral("-c"), QStringLiteral("CREATE DATABASE %1 OWNER %1").arg(role)})
             .startsWith(QLatin1String("psql failed")));
    QUrl url(admin);
    url.setUserName(role);
    url.setPath(QLatin1Char('/') + role);
    const QString location = url.toString();
    url.setPassword(password);
    const QString withPassword = url.toString();

    const QString folder = m_dir.filePath(QStringLiteral("team"));
    QVERIFY(QDir().mkpath(folder));
    const QString passFile = m_dir.filePath(QStringLiteral("pgpass")); // outside the folder searched below
    const QStringList environment{QStringLiteral("PGPASSFILE=") + passFile, QStringLiteral("PGPASSWORD=")};
    QString printed;
    const auto svj = [&](const QStringList& arguments) {
        const svj::test::CliResult result = svj::test::runCliWithEnvironment(arguments, environment);
        printed += result.out + result.err;
        return result;
    };
    svj::test::CliResult result = svj({QStringLiteral("db"), QStringLiteral("init"), withPassword});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("the password is now in ") + passFile), qPrintable(result.err));
    QVERIFY2(result.out.contains(location), qPrintable(result.out));
    QVERIFY(QFile::exists(passFile));
    QCOMPARE(QFile::permissions(passFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    // From here on the password comes from the file.
    result = svj({QStringLiteral("db"), QStringLiteral("import"), location, QStringLiteral("--pairs"), m_pairs});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QString out = folder + QStringLiteral("/tuned.safetensors");
    QStringList arguments = finetuneArguments(out, 1);
    arguments[1] = QStringLiteral("--db");
    arguments[2] = withPassword; // given again with the password: accepted, moved, not recorded
    result = svj(arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(sidecar(out).value(QStringLiteral("training")).toObject().value(QStringLiteral("db")).toString(),
             location);
    result = svj({QStringLiteral("score"), m_dir.filePath(QStringLiteral("videos/clean1.mp4")),
                  QStringLiteral("--ckpt"), out, QStringLiteral("--db"), location});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = svj({QStringLiteral("db"), QStringLiteral("export"), location, QStringLiteral("--format"),
                  QStringLiteral("jsonl"), QStringLiteral("--out"), folder + QStringLiteral("/labels.jsonl")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = svj({QStringLiteral("db"), QStringLiteral("stats"), location});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));

    QVERIFY2(!printed.contains(password), "svj printed the password");
    const svj::test::FileSearch search = svj::test::searchFiles(folder, password.toUtf8());
    QVERIFY2(search.holding.isEmpty(), qPrintable(search.holding.join(QLatin1Char(' ')) + QStringLiteral(" hold it")));
    const QStringList& searched = search.searched;
    QVERIFY2(searched.size() >= 4, qPrintable(searched.join(QLatin1Char(' ')))); // checkpoint, sidecar, state, export
    QUrl ownDatabase(admin);
    ownDatabase.setPath(QLatin1Char('/') + role);
    QProcess dump;
    dump.start(QStringLiteral("pg_dump"), {QStringLiteral("--data-only"), ownDatabase.toString()});
    QVERIFY(dump.waitForFinished(60000));
    const QByteArray rows = dump.readAllStandardOutput();
    QVERIFY2(dump.exitCode() == 0, dump.readAllStandardError().constData());
    QVERIFY2(!rows.contains(password.toUtf8()), "the database's own tables hold it");
    QVERIFY(rows.contains(location.toUtf8()) || rows.contains("tuned.safetensors")); // the rows are there to search
    qInfo("searched: svj's output, %lld files (%s), a dump of the workspace's tables (%lld bytes)",
          static_cast<long long>(searched.size()), qPrintable(searched.join(QStringLiteral(", "))),
          static_cast<long long>(rows.size()));

    // No source of the password: a message that says where it goes.
    result = svj::test::runCliWithEnvironment(
        {QStringLiteral("db"), QStringLiteral("check"), location},
        {QStringLiteral("PGPASSFILE=") + m_dir.filePath(QStringLiteral("no-pgpass")), QStringLiteral("PGPASSWORD=")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("the server wants a password")), qPrintable(result.err));
}

SVJ_REGISTER_TEST(FinetuneCommandTest)
#include "finetune_command_tests.moc"
