// `svj score --db WS --claim` as a team runs it: several workers score a workspace's videos at once, one worker is
// killed in the middle, and every video ends with exactly one score (the dead worker's claimed video is taken over
// once its lease runs out); `svj db scores --missing` says what is left. On SQLite and on the PostgreSQL test server.
#include "tests/support/cli_runner.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <csignal>

class ClaimedScoringTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void everyVideoOnceOnSqlite();
    void everyVideoOnceOnPostgres();
    void refusals();

private:
    void everyVideoOnce(const QString& location);
    QJsonObject progress(const QString& location) const;
    QTemporaryDir m_dir;
    QString m_judge;
    QString m_pairs;
    int m_videos = 0;
};

void ClaimedScoringTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString videos = m_dir.filePath(QStringLiteral("videos"));
    QVERIFY(QDir().mkpath(videos));
    // Ten two-second clips, five pairs; a tiny judge trained for two steps on them.
    QByteArray pairs;
    for (int i = 0; i < 10; ++i) {
        const QString source = i % 2 == 0 ? QStringLiteral("testsrc2=size=96x64:rate=24")
                                          : QStringLiteral("mandelbrot=size=96x64:rate=24:start_scale=%1").arg(2 + i);
        QVERIFY(svj::test::encodeTestClip(source, 2, QStringLiteral("%1/v%2.mp4").arg(videos).arg(i),
                                          QStringLiteral("hue=h=%1").arg(i * 30)));
        if (i % 2 == 1) {
            pairs += QStringLiteral("{\"video_a\": \"%1/v%2.mp4\", \"video_b\": \"%1/v%3.mp4\", \"label\": \"A\"}\n")
                         .arg(videos)
                         .arg(i - 1)
                         .arg(i)
                         .toUtf8();
        }
    }
    m_videos = 10;
    m_pairs = m_dir.filePath(QStringLiteral("pairs.jsonl"));
    QVERIFY(svj::test::writeFile(m_pairs, pairs));
    m_judge = m_dir.filePath(QStringLiteral("judge.safetensors"));
    const svj::test::CliResult pretrain = svj::test::runCli(
        QStringList{QStringLiteral("pretrain"), QStringLiteral("--videos"), videos, QStringLiteral("--steps"),
                    QStringLiteral("2"), QStringLiteral("--batch"), QStringLiteral("2"),
                    QStringLiteral("--no-final-check"), QStringLiteral("--threads"), QStringLiteral("1"),
                    QStringLiteral("--out"), m_judge, QStringLiteral("--progress"), QStringLiteral("none")} +
        svj::test::tinyJudgeFlags());
    QVERIFY2(pretrain.exitCode == 0, qPrintable(pretrain.err));
}

QJsonObject ClaimedScoringTest::progress(const QString& location) const {
    const svj::test::CliResult result =
        svj::test::runCli({QStringLiteral("db"), QStringLiteral("scores"), location, QStringLiteral("--ckpt"), m_judge,
                           QStringLiteral("--missing"), QStringLiteral("--json")});
    return QJsonDocument::fromJson(result.out.toUtf8()).object();
}

void ClaimedScoringTest::everyVideoOnce(const QString& location) {
    svj::test::CliResult result = svj::test::runCli({QStringLiteral("db"), QStringLiteral("init"), location});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = svj::test::runCli(
        {QStringLiteral("db"), QStringLiteral("import"), location, QStringLiteral("--pairs"), m_pairs});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QJsonObject before = progress(location);
    QCOMPARE(before.value(QStringLiteral("videos")).toInt(), m_videos);
    QCOMPARE(before.value(QStringLiteral("left")).toInt(), m_videos);

    const auto worker = [&](const QString& name) {
        auto* process = new QProcess(this);
        process->start(svj::test::cliPath(),
                       {QStringLiteral("score"), QStringLiteral("--db"), location, QStringLiteral("--claim"),
                        QStringLiteral("--ckpt"), m_judge, QStringLiteral("--lease"), QStringLiteral("3"),
                        QStringLiteral("--worker"), name, QStringLiteral("--threads"), QStringLiteral("1"),
                        QStringLiteral("--json"), QStringLiteral("--progress"), QStringLiteral("none")});
        return process;
    };
    // Worker A scores a video, then dies as a crashed host would, most likely holding its next claim.
    QProcess* first = worker(QStringLiteral("A"));
    QVERIFY(first->waitForStarted());
    QByteArray output;
    while (!output.contains("\"energy\"") && first->waitForReadyRead(60000)) {
        output += first->readAllStandardOutput();
    }
    QVERIFY2(output.contains("\"energy\""), qPrintable(QString::fromUtf8(first->readAllStandardError())));
    ::kill(static_cast<pid_t>(first->processId()), SIGKILL);
    QVERIFY(first->waitForFinished(10000));
    const QJsonObject afterKill = progress(location);
    qInfo("worker A killed: %d scored, %d claimed (A's, until its lease runs out), %d left",
          afterKill.value(QStringLiteral("scored")).toInt(), afterKill.value(QStringLiteral("claimed")).toInt(),
          afterKill.value(QStringLiteral("left")).toInt());

    // Two workers share the rest and take over A's claim once it runs out.
    QProcess* second = worker(QStringLiteral("B"));
    QProcess* third = worker(QStringLiteral("C"));
    for (QProcess* process : {second, third}) {
        QVERIFY(process->waitForFinished(180000));
        QVERIFY2(process->exitCode() == 0, qPrintable(QString::fromUtf8(process->readAllStandardError())));
    }
    // One JSON line per video scored (--progress none: nothing else on stdout).
    const auto lines = [](QProcess* process) {
        return static_cast<int>(process->readAllStandardOutput().trimmed().split('\n').size());
    };
    const int scoredByB = lines(second);
    const int scoredByC = lines(third);
    const QJsonObject after = progress(location);
    qInfo("after B and C: %d of %d videos scored, %d score rows (B %d, C %d)",
          after.value(QStringLiteral("scored")).toInt(), m_videos, after.value(QStringLiteral("score_rows")).toInt(),
          scoredByB, scoredByC);
    QCOMPARE(after.value(QStringLiteral("scored")).toInt(), m_videos);
    QCOMPARE(after.value(QStringLiteral("score_rows")).toInt(), m_videos); // each video exactly once
    QCOMPARE(after.value(QStringLiteral("left")).toInt(), 0);
    QCOMPARE(after.value(QStringLiteral("claimed")).toInt(), 0);
    QVERIFY(scoredByB > 0 && scoredByC > 0);
    QCOMPARE(afterKill.value(QStringLiteral("scored")).toInt() + scoredByB + scoredByC, m_videos);
}

void ClaimedScoringTest::everyVideoOnceOnSqlite() {
    everyVideoOnce(m_dir.filePath(QStringLiteral("claims.svjdb")));
}

void ClaimedScoringTest::everyVideoOnceOnPostgres() {
    const QString admin = qEnvironmentVariable("SVJ_TEST_POSTGRES");
    if (admin.isEmpty()) {
        QSKIP("needs the test server (SVJ_TEST_POSTGRES; CTest's tst_cli_scoring_postgres)");
    }
    const QString database = QStringLiteral("svj_claims_%1").arg(QCoreApplication::applicationPid());
    const auto psql = [&](const QString& statement) {
        QProcess process;
        process.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                                               QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), admin,
                                               QStringLiteral("-c"), statement});
        return process.waitForFinished(60000) && process.exitCode() == 0;
    };
    psql(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(database));
    QVERIFY(psql(QStringLiteral("CREATE DATABASE %1").arg(database)));
    QUrl url(admin);
    url.setPath(QLatin1Char('/') + database);
    everyVideoOnce(url.toString());
    psql(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(database));
}

void ClaimedScoringTest::refusals() {
    const svj::test::CliResult noDb = svj::test::runCli({QStringLiteral("score"), QStringLiteral("--claim")});
    QCOMPARE(noDb.exitCode, 2);
    QVERIFY2(noDb.err.contains(QStringLiteral("--claim needs --db")), qPrintable(noDb.err));
    const svj::test::CliResult noVideos = svj::test::runCli({QStringLiteral("score")});
    QCOMPARE(noVideos.exitCode, 2);
    QVERIFY2(noVideos.err.contains(QStringLiteral("--claim")), qPrintable(noVideos.err));
}

SVJ_REGISTER_TEST(ClaimedScoringTest)
#include "claimed_scoring_tests.moc"
