// ClipSampler: which frames the judge sees (picked, never blended), 1 + 4k of them, centre-cropped, with
// the exact source frames and times reported.
#include "media/clip_sampler.h"
#include "media/media_error.h"
#include "media/media_limits.h"
#include "tests/media/media_test_helpers.h"
#include "tests/support/test_registry.h"

#include <QTest>

using namespace svj::media;
using svj::test::clipPath;

class ClipSamplerTest : public QObject {
    Q_OBJECT

private slots:
    void picksFramesAtTheTargetRate();
    void rejectsLengthsThatAreNot1Plus4k_data();
    void rejectsLengthsThatAreNot1Plus4k();
    void shortVideoPolicies();
    void startPastTheEndIsAnError();
    void sampleOnTheLastInstantShowsTheLastFrame();
    void slowSourceRepeatsFrames();
    void coverageTilesTheVideo();
    void timestampJumpsAreBounded();
    void centreCropGeometry();
    void clipCarriesTheFramesItClaims();
    void clipIsResizedAndCropped();
};

namespace {
std::vector<int64_t> uniformTimeline(int frames, double fps) {
    std::vector<int64_t> times;
    for (int i = 0; i < frames; ++i) {
        times.push_back(static_cast<int64_t>(std::llround(i * 1e6 / fps)));
    }
    return times;
}
} // namespace

void ClipSamplerTest::picksFramesAtTheTargetRate() {
    // 120 frames at 25 fps (4.8 s), sampled at 8 fps: frame j is floor(j * 25 / 8).
    ClipSpec spec;
    spec.frameCount = 17;
    const ClipPlan plan = planClip(uniformTimeline(120, 25), 4800000, spec, "v.mp4");
    const std::vector<int64_t> expected = {0, 3, 6, 9, 12, 15, 18, 21, 25, 28, 31, 34, 37, 40, 43, 46, 50};
    QCOMPARE(plan.sourceIndices, expected);
    QCOMPARE(plan.sampleTimesUs.front(), int64_t(0));
    QCOMPARE(plan.sampleTimesUs.back(), int64_t(2000000));
    QCOMPARE(plan.paddedFrames, 0);
    // 49 frames = 6 s at 8 fps starting at 1 s.
    spec.frameCount = 49;
    spec.startSeconds = 1.0;
    const ClipPlan later = planClip(uniformTimeline(250, 25), 10000000, spec, "v.mp4");
    QCOMPARE(later.sourceIndices.size(), size_t(49));
    QCOMPARE(later.sourceIndices.front(), int64_t(25));
    QCOMPARE(later.sourceIndices.back(), int64_t(175));
}

void ClipSamplerTest::rejectsLengthsThatAreNot1Plus4k_data() {
    QTest::addColumn<int>("frames");
    for (const int frames : {0, 2, 4, 16, 48, 50}) {
        QTest::newRow(qPrintable(QString::number(frames))) << frames;
    }
}

void ClipSamplerTest::rejectsLengthsThatAreNot1Plus4k() {
    QFETCH(int, frames);
    ClipSpec spec;
    spec.frameCount = frames;
    spec.minFrameCount = 1;
    QVERIFY_THROWS_EXCEPTION(MediaError, planClip(uniformTimeline(100, 25), 4000000, spec, "v.mp4"));
}

void ClipSamplerTest::shortVideoPolicies() {
    // 1.2 s at 25 fps: samples at 0, 0.125 ... 1.125 s fit, 10 of them.
    const std::vector<int64_t> timeline = uniformTimeline(30, 25);
    ClipSpec spec;
    spec.frameCount = 17;
    spec.shortPolicy = ShortVideoPolicy::Shrink;
    const ClipPlan shrunk = planClip(timeline, 1200000, spec, "short.mp4");
    QCOMPARE(shrunk.sourceIndices.size(), size_t(9)); // the longest 1 + 4k that fits
    QCOMPARE(shrunk.paddedFrames, 0);

    spec.shortPolicy = ShortVideoPolicy::PadWithLastFrame;
    const ClipPlan padded = planClip(timeline, 1200000, spec, "short.mp4");
    QCOMPARE(padded.sourceIndices.size(), size_t(17));
    QCOMPARE(padded.paddedFrames, 7);
    QCOMPARE(padded.sourceIndices[9], int64_t(28));
    QCOMPARE(padded.sourceIndices[16], int64_t(28));

    spec.shortPolicy = ShortVideoPolicy::Fail;
    try {
        planClip(timeline, 1200000, spec, "short.mp4");
        QFAIL("a short video was accepted");
    } catch (const MediaError& error) {
        QCOMPARE(QString::fromStdString(error.what()),
                 QStringLiteral("short.mp4: is too short for a 17-frame clip at 8 fps: 1.200 s give 10 frames"));
    }

    // Shrink never goes below the minimum.
    spec.shortPolicy = ShortVideoPolicy::Shrink;
    spec.minFrameCount = 17;
    QVERIFY_THROWS_EXCEPTION(MediaError, planClip(timeline, 1200000, spec, "short.mp4"));
    spec.minFrameCount = 5;
    const ClipPlan tiny = planClip(uniformTimeline(16, 25), 640000, spec, "g1.avi"); // 0.64 s: 6 samples
    QCOMPARE(tiny.sourceIndices.size(), size_t(5));
}

void ClipSamplerTest::startPastTheEndIsAnError() {
    ClipSpec spec;
    spec.startSeconds = 5.0;
    try {
        planClip(uniformTimeline(100, 25), 4000000, spec, "v.mp4");
        QFAIL("accepted");
    } catch (const MediaError& error) {
        QVERIFY(QString::fromStdString(error.what()).contains(QStringLiteral("past the end")));
    }
}

void ClipSamplerTest::sampleOnTheLastInstantShowsTheLastFrame() {
    // Exactly 2 s at 25 fps gives 17 samples at 8 fps; the last one, at 2.0 s, shows frame 49.
    ClipSpec spec;
    spec.frameCount = 17;
    spec.shortPolicy = ShortVideoPolicy::Fail;
    const ClipPlan plan = planClip(uniformTimeline(50, 25), 2000000, spec, "v.mp4");
    QCOMPARE(plan.sourceIndices.back(), int64_t(49));
}

void ClipSamplerTest::slowSourceRepeatsFrames() {
    // A 5 fps source sampled at 8 fps: frames repeat, none is invented or blended.
    ClipSpec spec;
    spec.frameCount = 9;
    const ClipPlan plan = planClip(uniformTimeline(10, 5), 2000000, spec, "slow.mp4");
    const std::vector<int64_t> expected = {0, 0, 1, 1, 2, 3, 3, 4, 5};
    QCOMPARE(plan.sourceIndices, expected);
}

void ClipSamplerTest::coverageTilesTheVideo() {
    ClipSpec spec; // 49 frames at 8 fps = 6 s windows
    const std::vector<ClipPlan> plans = planCoverage(uniformTimeline(250, 25), 10000000, spec, "v.mp4");
    QCOMPARE(plans.size(), size_t(2));
    QCOMPARE(plans[0].sampleTimesUs.front(), int64_t(0));
    QCOMPARE(plans[1].sampleTimesUs.front(), int64_t(4000000)); // the last window ends on the video's end
    QCOMPARE(plans[1].sampleTimesUs.back(), int64_t(10000000));
    const std::vector<ClipPlan> exact = planCoverage(uniformTimeline(300, 25), 12000000, spec, "v.mp4");
    QCOMPARE(exact.size(), size_t(2));
    QCOMPARE(exact[1].sampleTimesUs.front(), int64_t(6000000));
    const std::vector<ClipPlan> shorter = planCoverage(uniformTimeline(50, 25), 2000000, spec, "v.mp4");
    QCOMPARE(shorter.size(), size_t(1));
    QCOMPARE(shorter[0].sourceIndices.size(), size_t(17)); // shrunk to fit
}

void ClipSamplerTest::timestampJumpsAreBounded() {
    // Three frames, the third 10^6 s after the second: picking frames by time must not make 8 million picks.
    const std::vector<int64_t> claimed{0, 40000, 1000000040000};
    const FrameTimeline timeline = boundedTimeline(claimed, 1000000080000);
    const auto hold = static_cast<int64_t>(kMaxFrameHoldSeconds * 1e6);
    QCOMPARE(timeline.framePtsUs, (std::vector<int64_t>{0, 40000, 40000 + hold}));
    QCOMPARE(timeline.durationUs, 40000 + hold + 40000);
    ClipSpec spec;
    spec.fps = 8.0;
    spec.frameCount = 17;
    const std::vector<ClipPlan> plans = planCoverage(timeline.framePtsUs, timeline.durationUs, spec, "jump.mkv");
    QVERIFY(plans.size() <= 6); // ~10 s at 8 fps in windows of 2 s
    QCOMPARE(plans.back().sourceIndices.back(), int64_t(2));
    // An ordinary timeline is left exactly as it was.
    const std::vector<int64_t> steady = uniformTimeline(50, 25);
    QCOMPARE(boundedTimeline(steady, 2000000).framePtsUs, steady);
    QCOMPARE(boundedTimeline(steady, 2000000).durationUs, int64_t(2000000));
}

void ClipSamplerTest::centreCropGeometry() {
    const CropRect square = centreCrop(320, 240, 1.0, 256, 256);
    QCOMPARE(square.x, 40);
    QCOMPARE(square.y, 0);
    QCOMPARE(square.width, 240);
    QCOMPARE(square.height, 240);
    const CropRect wide = centreCrop(1280, 720, 1.0, 720, 480);
    QCOMPARE(wide.width, 1080);
    QCOMPARE(wide.x, 100);
    QCOMPARE(wide.height, 720);
    const CropRect tall = centreCrop(240, 320, 1.0, 720, 480);
    QCOMPARE(tall.width, 240);
    QCOMPARE(tall.height, 160);
    QCOMPARE(tall.y, 80);
    // Anamorphic: 160x240 stored with 2:1 pixels is displayed 320x240.
    const CropRect anamorphic = centreCrop(160, 240, 2.0, 256, 256);
    QCOMPARE(anamorphic.width, 120);
    QCOMPARE(anamorphic.x, 20);
    QCOMPARE(anamorphic.height, 240);
}

void ClipSamplerTest::clipCarriesTheFramesItClaims() {
    VideoReader reader(clipPath("idx_h264_bframes.mp4"));
    ClipSpec spec;
    spec.frameCount = 33;
    spec.width = 320; // the source size: no scaling, so the frame pattern stays readable
    spec.height = 240;
    spec.startSeconds = 0.5;
    const Clip clip = sampleClip(reader, spec);
    QCOMPARE(clip.frameCount, 33);
    QCOMPARE(clip.rgb.size(), size_t(33) * 320 * 240 * 3);
    QVERIFY(clip.exact);
    for (int t = 0; t < clip.frameCount; ++t) {
        const int64_t source = clip.plan.sourceIndices[size_t(t)];
        QCOMPARE(svj::test::frameIndexInPicture(clip.frame(t), 320, 240, 320 * 3), int(source));
        QCOMPARE(clip.sourcePtsUs[size_t(t)], source * 40000);
    }
    QCOMPARE(clip.plan.sourceIndices.front(), int64_t(12));
}

void ClipSamplerTest::clipIsResizedAndCropped() {
    VideoReader reader(clipPath("idx_h264_720p.mp4"));
    ClipSpec spec;
    spec.frameCount = 5;
    spec.width = 64;
    spec.height = 64;
    spec.fps = 30;
    const Clip clip = sampleClip(reader, spec);
    QCOMPARE(clip.width, 64);
    QCOMPARE(clip.frameCount, 5);
    // The crop keeps the centre 720x720 of 1280x720: the left and right thirds of the picture are gone.
    // Reference: the same crop and scale by the ffmpeg CLI, close to ours (both area-averaging).
    const QByteArray reference = svj::test::ffmpegOutput(
        {QStringLiteral("-i"), svj::test::clip(QStringLiteral("idx_h264_720p.mp4")), QStringLiteral("-vf"),
         QStringLiteral("scale=in_color_matrix=bt709,format=rgb24,crop=720:720:280:0,scale=64:64:flags=area"),
         QStringLiteral("-frames:v"), QStringLiteral("1"), QStringLiteral("-pix_fmt"), QStringLiteral("rgb24"),
         QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-")});
    QCOMPARE(reference.size(), qsizetype(64 * 64 * 3));
    double total = 0;
    for (int i = 0; i < 64 * 64 * 3; ++i) {
        total += std::abs(int(clip.rgb[size_t(i)]) - int(uint8_t(reference[i])));
    }
    QVERIFY2(total / (64 * 64 * 3) < 3.0, qPrintable(QString::number(total / (64 * 64 * 3))));
}

SVJ_REGISTER_TEST(ClipSamplerTest)
#include "clip_sampler_tests.moc"
