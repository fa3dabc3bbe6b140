// The judge we ship, on footage the tests make (moving lavfi patterns, a photograph in motion): its curve on a
// clean clip is flat where windows meet compared with what a fault does to it, and a fault confined to a
// span raises the curve there. This is the test of "a curve that shows the video, not the windows".
#include "model/default_judge.h"
#include "model/judge.h"
#include "tests/support/test_registry.h"
#include "tests/training/training_fixture.h"
#include "training/fault_check.h"
#include "training/footage.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace svj::training;
using svj::media::VideoFault;

class ShippedJudgeTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void curveIsFlatWhereWindowsMeet();

private:
    QTemporaryDir m_dir;
    std::vector<CheckClip> m_clips;
};

void ShippedJudgeTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString footage = m_dir.filePath(QStringLiteral("footage"));
    QVERIFY(svj::test::makeTrainingFootage(footage));
    CheckClipSettings settings;
    settings.seconds = 3.0; // 75 frames: eight windows, seven places where they meet
    settings.clipsPerVideo = 1;
    settings.photoWidth = 256;
    settings.photoHeight = 160;
    m_clips = loadCheckClips(readFootage(footage.toStdString()), settings);
    QVERIFY(m_clips.size() >= 3);
}

void ShippedJudgeTest::curveIsFlatWhereWindowsMeet() {
    const std::string path = svj::model::defaultJudgePath();
    QVERIFY2(std::filesystem::exists(path), path.c_str());
    svj::model::Judge judge = svj::model::Judge::load(path);
    FaultCheckSettings settings;
    // Faults confined to a span, each with a peak to compare with.
    settings.faults = {VideoFault::Stutter, VideoFault::Freeze,       VideoFault::Ghosting,
                       VideoFault::Flicker, VideoFault::H264Collapse, VideoFault::SlowMotion};
    settings.repeats = 2;
    settings.baselines = false;
    settings.falseAlarms = false;
    const nlohmann::json result = runFaultCheck(&judge, m_clips, settings);
    const nlohmann::json& curve = result["curve"];
    const double boundaryJump = curve["median_boundary_jump"].get<double>();
    const double otherStep = curve["median_other_step"].get<double>();
    const double faultPeak = curve["median_fault_peak"].get<double>();
    qInfo("clean curves: median jump where windows meet %.4f, between other latent frames %.4f, median fault "
          "peak %.4f (ratio %.3f); judge %.3f of %d pairs, localised %.3f",
          boundaryJump, otherStep, faultPeak, boundaryJump / faultPeak, result["overall"]["judge"].get<double>(),
          result["pairs"].get<int>(), result["overall"].value("localisation", 0.0));
    QVERIFY(faultPeak > 0.0);
    // Where windows meet, the curve moves no more than a fifth of what a fault does to it, and not much
    // more than it moves between any two latent frames inside a window.
    QVERIFY2(boundaryJump < 0.2 * faultPeak, "the window boundaries show in the clean curve");
    QVERIFY2(boundaryJump < 2.0 * otherStep + 0.02 * faultPeak, "window boundaries jump more than the rest");
}

SVJ_REGISTER_TEST(ShippedJudgeTest)
#include "shipped_judge_tests.moc"
