// The clean-vs-broken check: clips of held-out footage, every fault of every family, the judge beside the two
// no-learning baselines on the same pairs, localisation and false alarms; the baselines' own arithmetic.
#include "model/judge.h"
#include "tests/support/test_registry.h"
#include "tests/training/training_fixture.h"
#include "training/baselines.h"
#include "training/fault_check.h"
#include "training/footage.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace svj::training;

class FaultCheckTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void checkClipsComeFromVideosAndPhotos();
    void drawsDoNotDependOnWhereTheFootageLies();
    void baselinesAloneCoverEveryFamily();
    void judgeBesideTheBaselines();
    void classicalMixIsARobustZSum();

private:
    QTemporaryDir m_dir;
    std::vector<CheckClip> m_clips;
};

void FaultCheckTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString footage = m_dir.filePath(QStringLiteral("footage"));
    QVERIFY(svj::test::makeTrainingFootage(footage));
    CheckClipSettings settings;
    settings.seconds = 1.4;
    settings.clipsPerVideo = 1;
    settings.photoWidth = 128;
    settings.photoHeight = 96;
    std::vector<FootageItem> items = readFootage(footage.toStdString());
    items.erase(items.begin() + 1, items.begin() + 3); // two videos and the photo are plenty
    m_clips = loadCheckClips(items, settings);
}

void FaultCheckTest::checkClipsComeFromVideosAndPhotos() {
    QCOMPARE(m_clips.size(), size_t(3));
    for (const CheckClip& clip : m_clips) {
        QCOMPARE(clip.frames, 35);          // 1.4 s at 25 fps
        QCOMPARE(clip.clip.frames, 35 + 8); // and the look-ahead
    }
    QCOMPARE(m_clips[0].clip.width, 160);
    QCOMPARE(m_clips.back().kind, FootageKind::Photo);
    QCOMPARE(m_clips.back().clip.width, 128);
}

void FaultCheckTest::drawsDoNotDependOnWhereTheFootageLies() {
    // The same footage in another folder: the same clips, broken in the same places and strengths.
    const QDir original(m_dir.filePath(QStringLiteral("footage")));
    const QString moved = m_dir.filePath(QStringLiteral("elsewhere/footage"));
    QVERIFY(QDir().mkpath(moved));
    for (const QString& name : original.entryList(QDir::Files)) {
        QVERIFY(QFile::copy(original.filePath(name), moved + QLatin1Char('/') + name));
    }
    CheckClipSettings settings;
    settings.seconds = 1.4;
    settings.clipsPerVideo = 1;
    settings.photoWidth = 128;
    settings.photoHeight = 96;
    std::vector<FootageItem> items = readFootage(moved.toStdString());
    items.erase(items.begin() + 1, items.begin() + 3);
    const std::vector<CheckClip> clips = loadCheckClips(items, settings);
    QCOMPARE(clips.size(), m_clips.size());
    FaultCheckSettings check;
    check.faults = {svj::media::VideoFault::SensorNoise, svj::media::VideoFault::LocalWarp,
                    svj::media::VideoFault::Stutter};
    check.falseAlarms = false;
    for (size_t c = 0; c < clips.size(); ++c) {
        QCOMPARE(clips[c].key, m_clips[c].key);
        QVERIFY(clips[c].what != m_clips[c].what);
        QVERIFY(clips[c].clip.rgb == m_clips[c].clip.rgb);
    }
    QCOMPARE(runFaultCheck(nullptr, clips, check)["faults"].dump(),
             runFaultCheck(nullptr, m_clips, check)["faults"].dump());
}

void FaultCheckTest::baselinesAloneCoverEveryFamily() {
    FaultCheckSettings settings;
    const nlohmann::json result = runFaultCheck(nullptr, m_clips, settings);
    QCOMPARE(result["families"].size(), size_t(5));
    QVERIFY(result["faults"].size() >= 28); // nearly every fault changed at least one of three clips visibly
    QVERIFY(result.value("pairs", 0) + result.value("invisible_pairs_left_out", 0) == 3 * 30);
    for (const auto& [name, row] : result["families"].items()) {
        QVERIFY2(row.contains("frame_difference") && row.contains("classical"), name.c_str());
        QVERIFY(!row.contains("judge"));
    }
    const std::string table = describeFaultCheck(result);
    QVERIFY(table.find("temporal sampling") != std::string::npos);
    QVERIFY(table.find("framediff") != std::string::npos);
    QVERIFY(table.find("judge") == std::string::npos);
}

void FaultCheckTest::judgeBesideTheBaselines() {
    svj::model::Judge judge = svj::model::Judge::create(svj::test::tinyTiledConfig(32, 9));
    FaultCheckSettings settings;
    settings.faults = {svj::media::VideoFault::Freeze, svj::media::VideoFault::HeavyH264,
                       svj::media::VideoFault::SensorNoise};
    settings.repeats = 2;
    std::vector<CheckProgress> seen;
    const nlohmann::json result =
        runFaultCheck(&judge, m_clips, settings, nullptr, [&](const CheckProgress& p) { seen.push_back(p); });
    QCOMPARE(seen.size(), size_t(3 * 7)); // three faults twice and the re-encode per clip
    QCOMPARE(seen.back().done, seen.back().total);
    const nlohmann::json& overall = result["overall"];
    QVERIFY(overall.contains("judge") && overall.contains("frame_difference") && overall.contains("classical"));
    const double judgeAccuracy = overall["judge"].get<double>();
    QVERIFY(judgeAccuracy >= 0.0 && judgeAccuracy <= 1.0);
    QVERIFY(result["faults"]["freeze"].value("localised_pairs", 0) >= 1); // a freeze is a confined event
    QCOMPARE(result["false_alarm"].value("clips", 0), 3);
    QVERIFY(result["curve"].contains("median_boundary_jump"));
    // The same seed, the same figures.
    QVERIFY(runFaultCheck(&judge, m_clips, settings)["overall"] == overall);
    std::atomic<bool> stop{true};
    QVERIFY_THROWS_EXCEPTION(svj::model::Cancelled, runFaultCheck(&judge, m_clips, settings, &stop));
}

void FaultCheckTest::classicalMixIsARobustZSum() {
    std::vector<ClipFeatures> set(5);
    for (int i = 0; i < 5; ++i) {
        set[static_cast<size_t>(i)].block = i; // median 2, MAD 1
        set[static_cast<size_t>(i)].blur = 10; // never varies: adds nothing
        set[static_cast<size_t>(i)].irregularity = 2 * i;
    }
    const ClassicalMix mix(set);
    ClipFeatures probe;
    probe.block = 3.4826;
    probe.blur = 99;
    probe.irregularity = 4;
    QVERIFY(std::abs(mix.score(probe) - 1.0) < 1e-9);
}

SVJ_REGISTER_TEST(FaultCheckTest)
#include "fault_check_tests.moc"
