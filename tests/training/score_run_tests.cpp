// Scoring as a library object: every video judged whole with an event per window and per video, one that
// cannot be read named and passed over (or, asked to, thrown), videos the caller keeps never scored and the
// judge not even loaded for them, a stop between windows, a checkpoint that cannot be loaded refused at once.
#include "media/media_error.h"
#include "model/judge.h"
#include "model/model_error.h"
#include "tests/support/test_registry.h"
#include "tests/training/training_fixture.h"
#include "training/score_run.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace svj::training;

class ScoreRunTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void scoresEveryVideoWhole();
    void aBrokenVideoIsNamedAndPassedOver();
    void keptVideosAreNotScored();
    void stopsBetweenWindows();
    void aBadCheckpointFailsTheRun();
    void shardsScoreEachVideoOnce();

private:
    ScoreOptions options(std::vector<std::string> videos) const;
    QTemporaryDir m_dir;
    std::string m_judge;
    std::vector<std::string> m_videos;
    std::string m_broken;
};

void ScoreRunTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString footage = m_dir.filePath(QStringLiteral("footage"));
    QVERIFY(svj::test::makeTrainingFootage(footage));
    for (int i = 0; i < 2; ++i) {
        m_videos.push_back((footage + QStringLiteral("/clip%1.mp4").arg(i)).toStdString());
    }
    m_judge = m_dir.filePath(QStringLiteral("judge.safetensors")).toStdString();
    svj::model::JudgeOptions judge;
    judge.threads = 1;
    svj::model::Judge::create(svj::test::tinyTiledConfig(32, 9), judge).save(m_judge);
    m_broken = m_dir.filePath(QStringLiteral("broken.mp4")).toStdString();
    QFile broken(QString::fromStdString(m_broken));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not a video at all, only text with an .mp4 name");
}

ScoreOptions ScoreRunTest::options(std::vector<std::string> videos) const {
    ScoreOptions o;
    o.videos = std::move(videos);
    o.checkpoint = m_judge;
    o.judge.threads = 1;
    return o;
}

void ScoreRunTest::scoresEveryVideoWhole() {
    ScoreRun run(options(m_videos));
    std::vector<std::string> scored;
    std::map<std::string, size_t> lastWindow;
    std::atomic<bool> stop{false};
    const int failures = run.run(
        [&](const ScoreEvent& event) {
            switch (event.kind) {
            case ScoreEventKind::Window:
                QVERIFY(event.done >= 1 && event.done <= event.total);
                QCOMPARE(event.done, lastWindow[event.video] + 1); // in order, none skipped
                lastWindow[event.video] = event.done;
                break;
            case ScoreEventKind::Scored: {
                const VideoScore& score = *event.score;
                scored.push_back(event.video);
                QCOMPARE(score.path, event.video);
                QVERIFY(score.frameCount > 9);
                QCOMPARE(score.curve.frameEnergies.size(), size_t(score.frameCount)); // one energy a frame
                QCOMPARE(score.framePtsUs.size(), size_t(score.frameCount));
                QCOMPARE(score.windows.size(), lastWindow[event.video]);
                QVERIFY(score.tilesPerFrame > 1); // 160x96 frames in 32-pixel tiles at their own scale
                QVERIFY(std::isfinite(score.curve.energy));
                QCOMPARE(score.preference(), -static_cast<double>(score.curve.energy)); // a stage-1 judge
                break;
            }
            case ScoreEventKind::Kept:
            case ScoreEventKind::Failed:
                QFAIL(("unexpected event for " + event.video + ": " + event.message).c_str());
            }
        },
        stop);
    QCOMPARE(failures, 0);
    QCOMPARE(scored, m_videos);
    QVERIFY(run.judgeLoaded());
}

void ScoreRunTest::aBrokenVideoIsNamedAndPassedOver() {
    ScoreRun run(options({m_broken, m_videos[0]}));
    std::vector<std::string> failed;
    std::vector<std::string> scored;
    std::atomic<bool> stop{false};
    const int failures = run.run(
        [&](const ScoreEvent& event) {
            if (event.kind == ScoreEventKind::Failed) {
                failed.push_back(event.video);
                QVERIFY2(event.message.find("broken.mp4") != std::string::npos, event.message.c_str());
            } else if (event.kind == ScoreEventKind::Scored) {
                scored.push_back(event.video);
            }
        },
        stop);
    QCOMPARE(failures, 1);
    QCOMPARE(failed, std::vector<std::string>{m_broken});
    QCOMPARE(scored, std::vector<std::string>{m_videos[0]});

    ScoreOptions strict = options({m_broken, m_videos[0]});
    strict.keepGoing = false;
    ScoreRun stopsAtIt(strict);
    QVERIFY_THROWS_EXCEPTION(svj::media::MediaError, stopsAtIt.run({}, stop));
}

void ScoreRunTest::keptVideosAreNotScored() {
    ScoreOptions o = options(m_videos);
    o.checkpoint = m_dir.filePath(QStringLiteral("missing.safetensors")).toStdString(); // never loaded
    ScoreRun run(o);
    std::vector<std::string> kept;
    std::atomic<bool> stop{false};
    const int failures = run.run(
        [&](const ScoreEvent& event) {
            QCOMPARE(event.kind, ScoreEventKind::Kept);
            kept.push_back(event.video);
        },
        stop, [](const std::string&) { return true; });
    QCOMPARE(failures, 0);
    QCOMPARE(kept, m_videos);
    QVERIFY(!run.judgeLoaded());
}

void ScoreRunTest::stopsBetweenWindows() {
    ScoreRun run(options(m_videos));
    std::atomic<bool> stop{false};
    size_t windows = 0;
    bool scored = false;
    QVERIFY_THROWS_EXCEPTION(svj::model::Cancelled, run.run(
                                                        [&](const ScoreEvent& event) {
                                                            if (event.kind == ScoreEventKind::Window) {
                                                                ++windows;
                                                                stop = true; // asked after the first window
                                                            }
                                                            scored |= event.kind == ScoreEventKind::Scored;
                                                        },
                                                        stop));
    QCOMPARE(windows, size_t(1));
    QVERIFY(!scored);
}

void ScoreRunTest::aBadCheckpointFailsTheRun() {
    const QString truncated = m_dir.filePath(QStringLiteral("truncated.safetensors"));
    QVERIFY(QFile::copy(QString::fromStdString(m_judge), truncated));
    QVERIFY(QFile::resize(truncated, 100));
    ScoreOptions o = options(m_videos);
    o.checkpoint = truncated.toStdString();
    ScoreRun run(o);
    int events = 0;
    std::atomic<bool> stop{false};
    try {
        run.run([&](const ScoreEvent&) { ++events; }, stop);
        QFAIL("a truncated checkpoint was loaded");
    } catch (const svj::model::ModelError& error) {
        QVERIFY2(std::string(error.what()).find("truncated.safetensors") != std::string::npos, error.what());
    }
    QCOMPARE(events, 0); // refused before any video, not once per video
}

// N runs with the same list and shares 0..N-1 score every video exactly once between them.
void ScoreRunTest::shardsScoreEachVideoOnce() {
    const std::vector<std::string> list{"a", "b", "c", "d", "e"};
    QCOMPARE(shardOf(list, 0, 2), (std::vector<std::string>{"a", "c", "e"}));
    QCOMPARE(shardOf(list, 1, 2), (std::vector<std::string>{"b", "d"}));
    QCOMPARE(shardOf(list, 4, 7), std::vector<std::string>{"e"});
    QVERIFY(shardOf(list, 5, 7).empty());
    QCOMPARE(shardOf(list, 0, 1), list);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shardOf(list, 2, 2));
    std::map<std::string, int> scored;
    std::atomic<bool> stop{false};
    for (int shard = 0; shard < 2; ++shard) {
        ScoreOptions o = options(m_videos);
        o.shard = shard;
        o.shards = 2;
        ScoreRun run(o);
        QCOMPARE(run.run(
                     [&](const ScoreEvent& event) {
                         if (event.kind == ScoreEventKind::Scored) {
                             ++scored[event.video];
                         }
                     },
                     stop),
                 0);
    }
    QCOMPARE(scored.size(), m_videos.size());
    for (const auto& [video, times] : scored) {
        QCOMPARE(times, 1);
    }
}

SVJ_REGISTER_TEST(ScoreRunTest)
#include "score_run_tests.moc"
