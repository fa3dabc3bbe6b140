// The deliberate temporal faults: each one breaks the clip the way its name says, keeps its shape, and is
// reproducible from the seed.
#include "media/video_faults.h"
#include "tests/support/test_registry.h"

#include <QTest>

#include <cstring>

using namespace svj::media;

namespace {

// Every frame different: a diagonal ramp moving one pixel per frame, with the frame number in pixel 0.
PackedClip movingRamp(int frames, int height = 24, int width = 32) {
    PackedClip clip;
    clip.frames = frames;
    clip.height = height;
    clip.width = width;
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    for (int t = 0; t < frames; ++t) {
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                uint8_t* pixel = clip.frame(t) + (static_cast<size_t>(y) * width + x) * 3;
                pixel[0] = static_cast<uint8_t>(40 + ((x + y + t) * 5) % 160);
                pixel[1] = static_cast<uint8_t>(60 + (x * 3 + t * 7) % 120);
                pixel[2] = static_cast<uint8_t>(t);
            }
        }
    }
    return clip;
}

bool sameFrame(const PackedClip& a, int ta, const PackedClip& b, int tb) {
    return std::memcmp(a.frame(ta), b.frame(tb), a.frameBytes()) == 0;
}

// Which source frame each output frame is (the ramp's frames are all distinct); -1 when none.
std::vector<int> sourceIndices(const PackedClip& out, const PackedClip& clean) {
    std::vector<int> sources;
    for (int t = 0; t < out.frames; ++t) {
        int found = -1;
        for (int s = 0; s < clean.frames && found < 0; ++s) {
            if (sameFrame(out, t, clean, s)) {
                found = s;
            }
        }
        sources.push_back(found);
    }
    return sources;
}

} // namespace

class VideoFaultTest : public QObject {
    Q_OBJECT

private slots:
    void everyFaultChangesTheClipAndKeepsItsShape_data();
    void everyFaultChangesTheClipAndKeepsItsShape();
    void sameSeedSameResult();
    void stutterHoldsAFrameThenRunsLate();
    void freezeHoldsThenJumpsBack();
    void reverseRunsBackwards();
    void frameDropSkipsAhead();
    void frozenRegionStaysPutOutsideItChanges();
    void tooShortClipsAreLeftAlone();
    void namesAreDistinct();
};

void VideoFaultTest::everyFaultChangesTheClipAndKeepsItsShape_data() {
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("frames");
    for (const VideoFault fault : allVideoFaults()) {
        for (const int frames : {5, 9, 17, 33}) {
            QTest::addRow("%s/%d", videoFaultName(fault), frames) << static_cast<int>(fault) << frames;
        }
    }
}

void VideoFaultTest::everyFaultChangesTheClipAndKeepsItsShape() {
    QFETCH(int, fault);
    QFETCH(int, frames);
    const PackedClip clean = movingRamp(frames);
    for (uint64_t seed = 0; seed < 25; ++seed) { // many places and strengths, not one lucky draw
        std::mt19937_64 random(seed);
        FaultRecord record;
        const PackedClip broken = applyVideoFault(clean, static_cast<VideoFault>(fault), random, &record);
        QCOMPARE(broken.frames, clean.frames);
        QCOMPARE(broken.height, clean.height);
        QCOMPARE(broken.width, clean.width);
        QCOMPARE(broken.rgb.size(), clean.rgb.size());
        QVERIFY2(broken.rgb != clean.rgb, record.description.c_str());
        QCOMPARE(static_cast<int>(record.fault), fault);
        QVERIFY(record.firstFrame >= 0 && record.firstFrame < frames);
        QVERIFY(record.length >= 1 && record.firstFrame + record.length <= frames + 1);
        QVERIFY(!record.description.empty());
        QVERIFY2(sameFrame(broken, 0, clean, 0) || record.firstFrame == 0 ||
                     static_cast<VideoFault>(fault) == VideoFault::Flicker,
                 "frames before the fault are untouched");
    }
}

void VideoFaultTest::sameSeedSameResult() {
    const PackedClip clean = movingRamp(17);
    int differentWithOtherSeed = 0;
    for (const VideoFault fault : allVideoFaults()) {
        std::mt19937_64 first(7);
        std::mt19937_64 second(7);
        std::mt19937_64 other(8);
        const PackedClip a = applyVideoFault(clean, fault, first);
        QVERIFY(a.rgb == applyVideoFault(clean, fault, second).rgb);
        differentWithOtherSeed += a.rgb != applyVideoFault(clean, fault, other).rgb ? 1 : 0;
    }
    QVERIFY(differentWithOtherSeed >= 7); // the seed does choose place and strength
}

void VideoFaultTest::stutterHoldsAFrameThenRunsLate() {
    const PackedClip clean = movingRamp(17);
    std::mt19937_64 random(3);
    FaultRecord record;
    const std::vector<int> sources = sourceIndices(applyVideoFault(clean, VideoFault::Stutter, random, &record), clean);
    for (int t = 0; t < 17; ++t) {
        const int expected = t < record.firstFrame ? t : std::max(record.firstFrame, t - record.length);
        QCOMPARE(sources[static_cast<size_t>(t)], expected);
    }
}

void VideoFaultTest::freezeHoldsThenJumpsBack() {
    const PackedClip clean = movingRamp(17);
    std::mt19937_64 random(4);
    FaultRecord record;
    const std::vector<int> sources = sourceIndices(applyVideoFault(clean, VideoFault::Freeze, random, &record), clean);
    for (int t = 0; t < 17; ++t) {
        const bool frozen = t > record.firstFrame && t <= record.firstFrame + record.length;
        QCOMPARE(sources[static_cast<size_t>(t)], frozen ? record.firstFrame : t);
    }
}

void VideoFaultTest::reverseRunsBackwards() {
    const PackedClip clean = movingRamp(17);
    std::mt19937_64 random(5);
    FaultRecord record;
    const std::vector<int> sources = sourceIndices(applyVideoFault(clean, VideoFault::Reverse, random, &record), clean);
    QVERIFY(record.length >= 4);
    for (int t = 0; t < 17; ++t) {
        const bool reversed = t >= record.firstFrame && t < record.firstFrame + record.length;
        QCOMPARE(sources[static_cast<size_t>(t)], reversed ? 2 * record.firstFrame + record.length - 1 - t : t);
    }
}

void VideoFaultTest::frameDropSkipsAhead() {
    const PackedClip clean = movingRamp(17);
    std::mt19937_64 random(6);
    FaultRecord record;
    const std::vector<int> sources =
        sourceIndices(applyVideoFault(clean, VideoFault::FrameDrop, random, &record), clean);
    for (int t = 0; t < 17; ++t) {
        QCOMPARE(sources[static_cast<size_t>(t)], t < record.firstFrame ? t : std::min(16, t + record.length));
    }
}

void VideoFaultTest::frozenRegionStaysPutOutsideItChanges() {
    const PackedClip clean = movingRamp(17);
    std::mt19937_64 random(9);
    FaultRecord record;
    const PackedClip broken = applyVideoFault(clean, VideoFault::FrozenRegion, random, &record);
    const int last = 16;
    // Some pixels of the last frame still show the start frame; the rest show the last frame.
    size_t stuck = 0;
    size_t live = 0;
    for (size_t i = 0; i < clean.frameBytes(); i += 3) {
        const uint8_t* out = broken.frame(last) + i;
        if (std::memcmp(out, clean.frame(record.firstFrame) + i, 3) == 0) {
            ++stuck;
        } else if (std::memcmp(out, clean.frame(last) + i, 3) == 0) {
            ++live;
        } else {
            QFAIL("a pixel from neither frame");
        }
    }
    const size_t pixels = clean.frameBytes() / 3;
    QVERIFY(stuck >= pixels / 16 && stuck <= pixels / 4);
    QCOMPARE(stuck + live, pixels);
}

void VideoFaultTest::tooShortClipsAreLeftAlone() {
    const PackedClip clean = movingRamp(4);
    for (const VideoFault fault : allVideoFaults()) {
        std::mt19937_64 random(1);
        FaultRecord record;
        QVERIFY(applyVideoFault(clean, fault, random, &record).rgb == clean.rgb);
        QCOMPARE(record.length, 0);
    }
}

void VideoFaultTest::namesAreDistinct() {
    QSet<QString> names;
    for (const VideoFault fault : allVideoFaults()) {
        names.insert(QString::fromLatin1(videoFaultName(fault)));
    }
    QCOMPARE(names.size(), 9);
}

SVJ_REGISTER_TEST(VideoFaultTest)
#include "video_faults_tests.moc"
