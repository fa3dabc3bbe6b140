// Whole videos through the judge: tiles at the video's own scale that cover the frame, windows that overlap
// by half, one energy per source frame; a changed copy judged against its clean clip reuses the unchanged
// tiles' scores and comes out exactly as if judged alone.
#include "media/video_faults.h"
#include "model/judge.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"
#include "tests/training/training_fixture.h"
#include "training/video_judging.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

using namespace svj::training;

namespace {

svj::media::PackedClip gradientClip(int frames, int width, int height) {
    svj::media::PackedClip clip;
    clip.frames = frames;
    clip.width = width;
    clip.height = height;
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    for (int t = 0; t < frames; ++t) {
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                uint8_t* p = clip.frame(t) + (static_cast<size_t>(y) * width + x) * 3;
                p[0] = static_cast<uint8_t>((x * 3 + t * 5) & 255);
                p[1] = static_cast<uint8_t>((y * 5 + x) & 255);
                p[2] = static_cast<uint8_t>(static_cast<int>(128 + 100 * std::sin((x + y + 3 * t) * 0.2)));
            }
        }
    }
    return clip;
}

} // namespace

class JudgingTest : public QObject {
    Q_OBJECT

private slots:
    void tileGridCoversTheFrame();
    void tileGridThinsAndEnlarges();
    void clipGetsOneEnergyPerFrame();
    void aCopyReusesUnchangedTiles();
    void videoFileAndClipAgree();
    void fineTuneWindowsAreTiles();
};

void JudgingTest::tileGridCoversTheFrame() {
    const TileGrid grid = tileGrid(200, 100, 64, 100);
    QVERIFY(!grid.scaled);
    QCOMPARE(grid.origins.size(), size_t(4 * 2));
    std::set<int> xs;
    std::set<int> ys;
    for (const auto& [x, y] : grid.origins) {
        xs.insert(x);
        ys.insert(y);
        QVERIFY(x >= 0 && x + 64 <= 200 && y >= 0 && y + 64 <= 100);
    }
    QCOMPARE(*xs.begin(), 0);
    QCOMPARE(*xs.rbegin(), 136); // flush with the right edge
    QCOMPARE(*ys.rbegin(), 36);
    // Every pixel is in some tile.
    for (int y = 0; y < 100; ++y) {
        for (int x = 0; x < 200; ++x) {
            bool covered = false;
            for (const auto& [tx, ty] : grid.origins) {
                covered = covered || (x >= tx && x < tx + 64 && y >= ty && y < ty + 64);
            }
            QVERIFY(covered);
        }
    }
}

void JudgingTest::tileGridThinsAndEnlarges() {
    const TileGrid full = tileGrid(1280, 720, 64, 48);
    QVERIFY(full.origins.size() <= 48 && full.origins.size() >= 40);
    const TileGrid small = tileGrid(48, 144, 64, 48);
    QVERIFY(small.scaled);
    QCOMPARE(small.scaledWidth, 64);
    QCOMPARE(small.scaledHeight, 192);
    QCOMPARE(small.origins.size(), size_t(3));
    QCOMPARE(tileGrid(64, 64, 64, 1).origins.size(), size_t(1));
}

void JudgingTest::clipGetsOneEnergyPerFrame() {
    svj::model::Judge judge = svj::model::Judge::create(svj::test::tinyTiledConfig(32, 9));
    const JudgingPlan plan = judgingPlan(judge.config());
    QCOMPARE(plan.windowStride, 4);
    const svj::media::PackedClip clip = gradientClip(30, 80, 48);
    const JudgedVideo judged = judgeClip(judge, clip, 25.0, plan);
    QCOMPARE(judged.curve.frameEnergies.size(), size_t(30));
    QCOMPARE(judged.tilesPerFrame, 3 * 2);
    // Windows every 4 frames, the last flush with the end.
    QCOMPARE(judged.windows.front().sourceFrames.front(), int64_t(0));
    QCOMPARE(judged.windows.back().sourceFrames.back(), int64_t(29));
    for (const svj::model::ScoredWindow& window : judged.windows) {
        QCOMPARE(window.sourceFrames.size(), size_t(9));
    }
    double mean = 0;
    for (const float e : judged.curve.frameEnergies) {
        QVERIFY(std::isfinite(e));
        mean += e / 30.0;
    }
    QVERIFY(std::abs(mean - judged.curve.energy) < 1e-5);
    // A clip shorter than a window: windows of the longest 1 + 4k frames it has, the last flush with its end.
    const JudgedVideo shortClip = judgeClip(judge, gradientClip(7, 80, 48), 25.0, plan);
    QCOMPARE(shortClip.windows.size(), size_t(2));
    QCOMPARE(shortClip.windows.front().sourceFrames.size(), size_t(5));
    QCOMPARE(shortClip.windows.back().sourceFrames.back(), int64_t(6));
    QCOMPARE(shortClip.curve.frameEnergies.size(), size_t(7));
}

void JudgingTest::aCopyReusesUnchangedTiles() {
    svj::model::Judge judge = svj::model::Judge::create(svj::test::tinyTiledConfig(32, 9));
    JudgingPlan plan = judgingPlan(judge.config());
    const svj::media::PackedClip clean = gradientClip(30, 96, 64);
    plan.keepTileScores = true;
    JudgedClip reference{&clean, judgeClip(judge, clean, 25.0, plan)};
    plan.keepTileScores = false;
    // A fault in one region of some frames only.
    std::mt19937_64 random(3);
    svj::media::FaultRecord record;
    svj::media::FaultSettings settings;
    settings.extents = {svj::media::FaultExtent::Region};
    const svj::media::PackedClip broken =
        svj::media::applyVideoFault(clean, svj::media::VideoFault::SensorNoise, random, &record, settings);
    const JudgedVideo alone = judgeClip(judge, broken, 25.0, plan);
    const JudgedVideo reused = judgeClip(judge, broken, 25.0, plan, 0, &reference);
    QCOMPARE(reused.curve.frameEnergies, alone.curve.frameEnergies); // exactly: the judge is deterministic
    QCOMPARE(reused.curve.energy, alone.curve.energy);
    QVERIFY2(reused.tilesScored < alone.tilesScored,
             qPrintable(QStringLiteral("%1 of %2").arg(reused.tilesScored).arg(alone.tilesScored)));
    // The clean clip against itself runs nothing.
    QCOMPARE(judgeClip(judge, clean, 25.0, plan, 0, &reference).tilesScored, int64_t(0));
}

void JudgingTest::videoFileAndClipAgree() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.mkv"));
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("testsrc2=size=96x64:rate=25"), QStringLiteral("-frames:v"),
                                  QStringLiteral("21"), QStringLiteral("-c:v"), QStringLiteral("ffv1"),
                                  QStringLiteral("-pix_fmt"), QStringLiteral("bgr0"), path}));
    svj::model::Judge judge = svj::model::Judge::create(svj::test::tinyTiledConfig(32, 9));
    const JudgingPlan plan = judgingPlan(judge.config());
    size_t windows = 0;
    const JudgedVideo fromFile =
        judgeVideoFile(judge, path.toStdString(), plan, nullptr, [&](size_t done, size_t) { windows = done; });
    QCOMPARE(fromFile.frameCount, int64_t(21));
    QCOMPARE(windows, fromFile.windows.size());
    QCOMPARE(fromFile.framePtsUs.size(), size_t(21));
    QCOMPARE(fromFile.framePtsUs[1], int64_t(40000));
    QVERIFY(std::isfinite(fromFile.curve.energy));
    std::atomic<bool> cancel{true};
    QVERIFY_THROWS_EXCEPTION(svj::model::Cancelled, judgeVideoFile(judge, path.toStdString(), plan, &cancel));
}

void JudgingTest::fineTuneWindowsAreTiles() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.mp4"));
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("testsrc2=size=160x96:rate=25"), QStringLiteral("-frames:v"),
                                  QStringLiteral("20"), path}));
    const svj::model::JudgeConfig config = svj::test::tinyTiledConfig(32, 9);
    const std::vector<svj::model::TrainingClip> windows = judgeWindows(path.toStdString(), config, 4);
    QVERIFY(windows.size() >= 4 * 3);
    for (const svj::model::TrainingClip& window : windows) {
        QCOMPARE(window.width, 32);
        QCOMPARE(window.height, 32);
        QCOMPARE(window.frames, 9);
    }
}

SVJ_REGISTER_TEST(JudgingTest)
#include "judging_tests.moc"
