// The detached training run the fine-tune panel shows: its progress read as the log grows, its end with or without
// a final checkpoint, reattaching from the run file, and a stop that reaches only the process the job started
// (a pid that now names another process is neither shown as running nor signalled).
#include "tests/support/test_registry.h"
#include "widgets/checkpoint_folder.h"
#include "widgets/train_job.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using svj::widgets::CheckpointFolder;
using svj::widgets::TrainJob;

class TrainJobTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startTokensNameOneProcess();
    void runsAreReadAsTheyGrowAndEnd();
    void aReusedPidIsNeitherShownNorSignalled();
    void checkpointsMoveWithTheirFiles();
};

void TrainJobTest::startTokensNameOneProcess() {
    const QString own = svj::widgets::processStartToken(QCoreApplication::applicationPid());
    QVERIFY(!own.isEmpty());
    QCOMPARE(svj::widgets::processStartToken(QCoreApplication::applicationPid()), own);
    QProcess child;
    child.start(QStringLiteral("sleep"), {QStringLiteral("30")});
    QVERIFY(child.waitForStarted());
    const QString token = svj::widgets::processStartToken(child.processId());
    QVERIFY(!token.isEmpty());
    child.kill();
    QVERIFY(child.waitForFinished());
    QVERIFY(svj::widgets::processStartToken(child.processId()).isEmpty()); // gone (and reaped)
    QVERIFY(svj::widgets::processStartToken(0).isEmpty());
}

void TrainJobTest::runsAreReadAsTheyGrowAndEnd() {
    QTemporaryDir dir;
    TrainJob job(dir.filePath(QStringLiteral("running.json")));
    job.setProgram(QStringLiteral("/bin/sh"));
    QSignalSpy progress(&job, &TrainJob::progress);
    QSignalSpy problems(&job, &TrainJob::logProblem);
    QSignalSpy ended(&job, &TrainJob::ended);
    TrainJob::Run run;
    run.out = dir.filePath(QStringLiteral("tuned.safetensors"));
    run.from = QStringLiteral("parent.safetensors");
    run.epochs = 2;
    // A stand-in for `svj finetune`: two steps, a broken line, a final checkpoint, with pauses between.
    const QString script = QStringLiteral(
        "echo '{\"v\":1,\"task\":\"finetune\",\"done\":1,\"total\":2,\"loss\":0.5}'; sleep 0.3; "
        "echo '{\"v\":1,\"task\":\"finetune\",\"done\":\"two\",\"total\":2}'; "
        "echo '{\"v\":1,\"task\":\"finetune\",\"done\":2,\"total\":2,\"loss\":0.25}'; "
        "echo '{\"v\":1,\"task\":\"finetune\",\"event\":\"checkpoint\",\"why\":\"final\",\"path\":\"x\"}'; "
        "echo 'all done' >&2");
    QVERIFY(job.start(run, {QStringLiteral("-c"), script}, false));
    QVERIFY(job.isRunning());
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("running.json"))));
    QVERIFY(!job.start(run, {QStringLiteral("-c"), QStringLiteral("true")}, false)); // one run at a time
    QVERIFY(ended.wait(10000));
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.front().front().toBool(), true);
    QVERIFY(job.completed());
    QCOMPARE(progress.size(), 3);
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.front().front().toString().contains(QStringLiteral("\"done\"")));
    QCOMPARE(job.lastErrorLines(), QStringLiteral("all done"));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("running.json")))); // forgotten once over
    QVERIFY(!job.canResume());
    QFile state(run.out + QStringLiteral(".state"));
    QVERIFY(state.open(QIODevice::WriteOnly));
    state.close();
    QVERIFY(job.canResume());
}

void TrainJobTest::aReusedPidIsNeitherShownNorSignalled() {
    QTemporaryDir dir;
    const QString runFile = dir.filePath(QStringLiteral("running.json"));
    QProcess other; // the process the pid now names
    other.start(QStringLiteral("sleep"), {QStringLiteral("30")});
    QVERIFY(other.waitForStarted());
    const auto remember = [&](const QString& token) {
        QFile file(runFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("pid"), other.processId()},
                                             {QStringLiteral("start_token"), token},
                                             {QStringLiteral("out"), dir.filePath(QStringLiteral("t.safetensors"))},
                                             {QStringLiteral("from"), QStringLiteral("p.safetensors")},
                                             {QStringLiteral("epochs"), 3}})
                       .toJson());
    };
    remember(QStringLiteral("12345")); // the start time of the process the job once started
    {
        TrainJob job(runFile);
        QSignalSpy ended(&job, &TrainJob::ended);
        QVERIFY(job.reattach());
        QVERIFY(!job.isRunning());
        QCOMPARE(ended.size(), 1); // shown as over
        QCOMPARE(job.run().epochs, 3);
        job.stop();
        QVERIFY(!other.waitForFinished(300)); // and never signalled
    }
    // With its own start token the process is the job's: shown running, and stopped by SIGTERM.
    remember(svj::widgets::processStartToken(other.processId()));
    TrainJob job(runFile);
    QSignalSpy ended(&job, &TrainJob::ended);
    QVERIFY(job.reattach());
    QVERIFY(job.isRunning());
    QCOMPARE(ended.size(), 0);
    job.stop();
    QVERIFY(other.waitForFinished(5000));
    QCOMPARE(other.exitStatus(), QProcess::CrashExit); // SIGTERM
}

void TrainJobTest::checkpointsMoveWithTheirFiles() {
    QTemporaryDir dir;
    const QString checkpoint = dir.filePath(QStringLiteral("a.safetensors"));
    for (const QString& suffix : QStringList{QString()} + CheckpointFolder::companionSuffixes()) {
        QFile file(checkpoint + suffix);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(suffix.toUtf8());
    }
    QFile other(dir.filePath(QStringLiteral("b.safetensors.json"))); // a stray sidecar of the name wanted
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    CheckpointFolder folder(dir.path());
    QCOMPARE(folder.checkpoints(), QStringList{checkpoint});
    QCOMPARE(folder.rename(checkpoint, QStringLiteral("b")), CheckpointFolder::Renamed::NameTaken);
    QVERIFY(QFile::exists(checkpoint + QStringLiteral(".state")));
    QCOMPARE(folder.rename(checkpoint, QStringLiteral("../c")), CheckpointFolder::Renamed::NameTaken);
    QCOMPARE(folder.rename(checkpoint, QStringLiteral("c")), CheckpointFolder::Renamed::Yes);
    const QString renamed = dir.filePath(QStringLiteral("c.safetensors"));
    for (const QString& suffix : CheckpointFolder::companionSuffixes()) {
        QVERIFY2(QFile::exists(renamed + suffix) && !QFile::exists(checkpoint + suffix), qPrintable(suffix));
    }
    QVERIFY(folder.remove(renamed));
    for (const QString& suffix : QStringList{QString()} + CheckpointFolder::companionSuffixes()) {
        QVERIFY(!QFile::exists(renamed + suffix));
    }
    QVERIFY(!folder.remove(renamed));
}

SVJ_REGISTER_TEST(TrainJobTest)

#include "train_job_tests.moc"
