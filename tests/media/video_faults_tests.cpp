// The deliberate faults of five families: each one changes the clip where its record says and nowhere
// else, keeps the clip's shape, is reproducible from the seed, and does what its name says.
#include "media/codec_round_trip.h"
#include "media/quality_metrics.h"
#include "media/video_faults.h"
#include "tests/support/test_registry.h"

#include <QSet>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace svj::media;

namespace {

// A textured picture moving two pixels a frame to the right, every frame distinct (the frame number is in
// the blue of the top-left pixel), with `frames` frames.
PackedClip movingTexture(int frames, int height = 48, int width = 64) {
    PackedClip clip;
    clip.frames = frames;
    clip.height = height;
    clip.width = width;
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    for (int t = 0; t < frames; ++t) {
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                const int u = x - 2 * t;
                uint8_t* pixel = clip.frame(t) + (static_cast<size_t>(y) * width + x) * 3;
                const double wave = std::sin(u * 0.45) * std::cos(y * 0.37) + 0.5 * std::sin((u + y) * 1.3);
                pixel[0] = static_cast<uint8_t>(128 + 60 * wave);
                pixel[1] = static_cast<uint8_t>(100 + 40 * std::sin(u * 0.21 + y * 0.11));
                pixel[2] = static_cast<uint8_t>(90 + 50 * std::cos(y * 0.29 - u * 0.17));
            }
        }
        clip.frame(t)[2] = static_cast<uint8_t>(t);
    }
    return clip;
}

bool sameFrame(const PackedClip& a, int ta, const PackedClip& b, int tb) {
    return std::memcmp(a.frame(ta), b.frame(tb), a.frameBytes()) == 0;
}

// Which clip frame each output frame is (all frames are distinct); -1 when none.
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

PackedClip firstFrames(const PackedClip& clip, int frames) {
    PackedClip out = clip;
    out.frames = frames;
    out.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    return out;
}

FaultSettings keep(int frames) {
    FaultSettings settings;
    settings.keepFrames = frames;
    settings.fps = 25.0;
    return settings;
}

} // namespace

class VideoFaultTest : public QObject {
    Q_OBJECT

private slots:
    void catalogIsComplete();
    void everyFaultChangesOnlyWhereItSays_data();
    void everyFaultChangesOnlyWhereItSays();
    void sameSeedSameResult();
    void stutterHoldsAFrame();
    void freezeHoldsThenMovesOn();
    void reverseRunsBackwards();
    void frameDropJumpsAheadIntoTheLookAhead();
    void regionFaultsStayInTheirRegion();
    void strengthFollowsTheSettings();
    void compressionDegradesAndAGoodEncodeDoesNot();
    void baselinesSeeWhatTheyMeasure();
    void tooShortClipsAreLeftAlone();
};

void VideoFaultTest::catalogIsComplete() {
    QSet<QString> names;
    int index = 0;
    for (const FaultSpec& spec : faultCatalog()) {
        QCOMPARE(static_cast<int>(spec.fault), index++); // catalog order is value order
        names.insert(QString::fromLatin1(spec.name));
        QVERIFY(!spec.extents.empty());
        QCOMPARE(videoFaultByName(spec.name), std::optional<VideoFault>(spec.fault));
    }
    QCOMPARE(names.size(), 30);
    for (const FaultFamily family : allFaultFamilies()) {
        QVERIFY2(faultsOfFamily(family).size() >= 3, faultFamilyName(family));
        QCOMPARE(faultFamilyByName(faultFamilyName(family)), std::optional<FaultFamily>(family));
    }
    QCOMPARE(videoFaultByName("Motion-Interpolation"), std::optional<VideoFault>(VideoFault::MotionInterpolation));
    QCOMPARE(videoFaultByName("jitter"), std::optional<VideoFault>(VideoFault::Shake)); // the name it had before
    QVERIFY(!videoFaultByName("wobble").has_value());
}

void VideoFaultTest::everyFaultChangesOnlyWhereItSays_data() {
    QTest::addColumn<int>("fault");
    for (const VideoFault fault : allVideoFaults()) {
        QTest::addRow("%s", videoFaultName(fault)) << static_cast<int>(fault);
    }
}

void VideoFaultTest::everyFaultChangesOnlyWhereItSays() {
    QFETCH(int, fault);
    const int frames = 33;
    const PackedClip input = movingTexture(frames + 8); // eight frames of look-ahead
    const PackedClip clean = firstFrames(input, frames);
    for (uint64_t seed = 0; seed < 12; ++seed) { // many places, extents and strengths, not one lucky draw
        std::mt19937_64 random(seed);
        FaultRecord record;
        const PackedClip broken = applyVideoFault(input, static_cast<VideoFault>(fault), random, &record, keep(frames));
        QCOMPARE(broken.frames, frames);
        QCOMPARE(broken.height, clean.height);
        QCOMPARE(broken.width, clean.width);
        QCOMPARE(broken.rgb.size(), clean.rgb.size());
        QCOMPARE(static_cast<int>(record.fault), fault);
        QCOMPARE(record.family, faultSpec(record.fault).family);
        QVERIFY2(meanAbsoluteDifference(clean, broken) > 0.05, record.description.c_str());
        QVERIFY(!record.description.empty());
        QVERIFY(record.length >= 1 && record.firstFrame >= 0 && record.firstFrame + record.length <= frames);
        QVERIFY(record.eventLength >= 1 && record.eventFirst >= 0 && record.eventFirst + record.eventLength <= frames);
        QVERIFY(record.strength >= 0.0 && record.strength <= 1.0);
        const FaultRegion& region = record.region;
        QVERIFY(region.width >= 1 && region.height >= 1 && region.x + region.width <= clean.width &&
                region.y + region.height <= clean.height);
        // Byte for byte the clean clip outside the frames and the region the record names.
        for (int t = 0; t < frames; ++t) {
            const bool acted = t >= record.firstFrame && t < record.firstFrame + record.length;
            for (int y = 0; y < clean.height; ++y) {
                for (int x = 0; x < clean.width; ++x) {
                    if (acted && region.contains(x, y)) {
                        continue;
                    }
                    const size_t offset = (static_cast<size_t>(y) * clean.width + x) * 3;
                    if (std::memcmp(broken.frame(t) + offset, clean.frame(t) + offset, 3) != 0) {
                        QFAIL(qPrintable(QStringLiteral("frame %1 pixel %2,%3 changed outside what '%4' names")
                                             .arg(t)
                                             .arg(x)
                                             .arg(y)
                                             .arg(QString::fromStdString(record.description))));
                    }
                }
            }
        }
    }
}

void VideoFaultTest::sameSeedSameResult() {
    const PackedClip clean = movingTexture(25);
    int differentWithOtherSeed = 0;
    for (const VideoFault fault : allVideoFaults()) {
        std::mt19937_64 first(7);
        std::mt19937_64 second(7);
        std::mt19937_64 other(8);
        const PackedClip a = applyVideoFault(clean, fault, first, nullptr, keep(17));
        QVERIFY2(a.rgb == applyVideoFault(clean, fault, second, nullptr, keep(17)).rgb, videoFaultName(fault));
        differentWithOtherSeed += a.rgb != applyVideoFault(clean, fault, other, nullptr, keep(17)).rgb ? 1 : 0;
    }
    QVERIFY(differentWithOtherSeed >= 26); // the seed does choose place and strength
}

void VideoFaultTest::stutterHoldsAFrame() {
    const PackedClip clean = movingTexture(33);
    for (uint64_t seed = 0; seed < 10; ++seed) {
        std::mt19937_64 random(seed);
        FaultRecord record;
        const std::vector<int> sources =
            sourceIndices(applyVideoFault(clean, VideoFault::Stutter, random, &record, keep(25)), clean);
        // Only clip frames, never running backwards, and at least one shown twice in a row.
        int repeats = 0;
        for (size_t t = 1; t < sources.size(); ++t) {
            QVERIFY(sources[t] >= sources[t - 1] && sources[t - 1] >= 0);
            repeats += sources[t] == sources[t - 1] ? 1 : 0;
        }
        QVERIFY2(repeats >= 1, record.description.c_str());
        QCOMPARE(sources[0], 0);
    }
}

void VideoFaultTest::freezeHoldsThenMovesOn() {
    const PackedClip clean = movingTexture(60);
    std::mt19937_64 random(4);
    FaultRecord record;
    const std::vector<int> sources =
        sourceIndices(applyVideoFault(clean, VideoFault::Freeze, random, &record, keep(52)), clean);
    const int first = record.firstFrame;
    const int frozen = record.eventLength - 1; // the event is the frozen frames and the jump after
    QVERIFY(frozen >= 5);                      // 0.2 s at 25 fps at least
    for (int t = first; t < first + frozen; ++t) {
        QCOMPARE(sources[static_cast<size_t>(t)], first - 1);
    }
    QVERIFY(sources[static_cast<size_t>(first + frozen)] >= first);
    for (int t = 0; t < first; ++t) {
        QCOMPARE(sources[static_cast<size_t>(t)], t);
    }
}

void VideoFaultTest::reverseRunsBackwards() {
    const PackedClip clean = movingTexture(60);
    for (uint64_t seed = 0; seed < 8; ++seed) {
        std::mt19937_64 random(seed);
        FaultRecord record;
        const std::vector<int> sources =
            sourceIndices(applyVideoFault(clean, VideoFault::Reverse, random, &record, keep(52)), clean);
        int backwards = 0;
        for (size_t t = 1; t < sources.size(); ++t) {
            backwards += sources[t] < sources[t - 1] ? 1 : 0;
        }
        QVERIFY2(backwards >= 2, record.description.c_str());
    }
}

void VideoFaultTest::frameDropJumpsAheadIntoTheLookAhead() {
    const PackedClip clean = movingTexture(41);
    for (uint64_t seed = 0; seed < 8; ++seed) {
        std::mt19937_64 random(seed);
        FaultRecord record;
        const std::vector<int> sources =
            sourceIndices(applyVideoFault(clean, VideoFault::FrameDrop, random, &record, keep(33)), clean);
        // Forward only, a jump somewhere, and with look-ahead the end does not freeze.
        int jumps = 0;
        for (size_t t = 1; t < sources.size(); ++t) {
            QVERIFY(sources[t] > sources[t - 1]);
            jumps += sources[t] > sources[t - 1] + 1 ? 1 : 0;
        }
        QVERIFY2(jumps >= 1, record.description.c_str());
    }
}

void VideoFaultTest::regionFaultsStayInTheirRegion() {
    const PackedClip clean = movingTexture(25, 96, 128);
    for (const VideoFault fault : {VideoFault::FrozenRegion, VideoFault::LocalWarp}) {
        std::mt19937_64 random(11);
        FaultRecord record;
        const PackedClip broken = applyVideoFault(clean, fault, random, &record, keep(25));
        QCOMPARE(record.extent, FaultExtent::Region);
        QVERIFY(record.region.width >= 32 && record.region.width <= 64);
        QVERIFY(record.region.height >= 24 && record.region.height <= 48);
        // Inside the region of an acted frame something changed.
        const int t = record.firstFrame + record.length - 1;
        double inside = 0;
        for (int y = record.region.y; y < record.region.y + record.region.height; ++y) {
            for (int x = record.region.x; x < record.region.x + record.region.width; ++x) {
                const size_t offset = (static_cast<size_t>(y) * clean.width + x) * 3;
                inside += std::abs(broken.frame(t)[offset] - clean.frame(t)[offset]);
            }
        }
        QVERIFY2(inside > 0, videoFaultName(fault));
    }
    // Wider regions on request (training cuts tiles from inside them).
    FaultSettings settings = keep(25);
    settings.minRegion = 0.8;
    settings.maxRegion = 0.9;
    std::mt19937_64 random(3);
    FaultRecord record;
    applyVideoFault(clean, VideoFault::FrozenRegion, random, &record, settings);
    QVERIFY(record.region.width >= 102 && record.region.width <= 115);
}

void VideoFaultTest::strengthFollowsTheSettings() {
    const PackedClip clean = movingTexture(25);
    double mild = 0;
    double strong = 0;
    for (uint64_t seed = 0; seed < 6; ++seed) {
        FaultSettings settings = keep(25);
        settings.extents = {FaultExtent::WholeClip};
        settings.maxStrength = 0.0;
        std::mt19937_64 a(seed);
        FaultRecord record;
        mild += meanAbsoluteDifference(clean, applyVideoFault(clean, VideoFault::SensorNoise, a, &record, settings));
        QCOMPARE(record.strength, 0.0);
        QCOMPARE(record.extent, FaultExtent::WholeClip);
        settings.minStrength = settings.maxStrength = 1.0;
        std::mt19937_64 b(seed);
        strong += meanAbsoluteDifference(clean, applyVideoFault(clean, VideoFault::SensorNoise, b, &record, settings));
        QCOMPARE(record.strength, 1.0);
    }
    QVERIFY2(strong > 2.5 * mild, qPrintable(QStringLiteral("%1 vs %2").arg(strong).arg(mild)));
}

void VideoFaultTest::compressionDegradesAndAGoodEncodeDoesNot() {
    // Footage is 4:2:0 already: a lossless H.264 pass gives the clean clip as a decoder would.
    RoundTripSettings lossless;
    lossless.crf = 0;
    const PackedClip clean = encodeRoundTrip(movingTexture(17, 64, 96), lossless);
    RoundTripSettings good;
    good.crf = 8;
    const PackedClip kept = encodeRoundTrip(clean, good);
    QCOMPARE(kept.rgb.size(), clean.rgb.size());
    QVERIFY2(meanAbsoluteDifference(clean, kept) < 2.5, // a fine quantiser changes little
             qPrintable(QString::number(meanAbsoluteDifference(clean, kept))));
    for (const VideoFault fault : {VideoFault::HeavyH264, VideoFault::Mpeg2Blocking, VideoFault::MjpegBlocking}) {
        FaultSettings settings = keep(17);
        settings.extents = {FaultExtent::WholeClip};
        settings.minStrength = 0.8;
        std::mt19937_64 random(2);
        const PackedClip broken = applyVideoFault(clean, fault, random, nullptr, settings);
        QVERIFY2(meanAbsoluteDifference(clean, broken) > 2 * meanAbsoluteDifference(clean, kept),
                 videoFaultName(fault));
    }
    // The same pixels whatever the heap held before (libx264's mb-tree once read memory it never wrote).
    const PackedClip first = encodeRoundTrip(clean, RoundTripSettings{});
    for (int round = 0; round < 3; ++round) {
        std::vector<uint8_t> dirt(size_t(4) << 20, static_cast<uint8_t>(0x5A + round));
        dirt[dirt.size() / 2] ^= 1;
        QVERIFY2(encodeRoundTrip(clean, RoundTripSettings{}).rgb == first.rgb, "a round trip depends on old memory");
    }
    // An odd size survives the round trip (padded for 4:2:0, cropped back).
    const PackedClip odd = movingTexture(5, 31, 45);
    QCOMPARE(encodeRoundTrip(odd, good).rgb.size(), odd.rgb.size());
}

void VideoFaultTest::baselinesSeeWhatTheyMeasure() {
    const PackedClip clean = movingTexture(33, 96, 128);
    FaultSettings settings = keep(33);
    settings.extents = {FaultExtent::WholeClip};
    settings.minStrength = 0.9;
    std::mt19937_64 random(1);
    const PackedClip blocky = applyVideoFault(clean, VideoFault::Mpeg2Blocking, random, nullptr, settings);
    const PackedClip blurred = applyVideoFault(clean, VideoFault::DefocusBlur, random, nullptr, settings);
    const PackedClip stuttering = applyVideoFault(clean, VideoFault::Judder, random, nullptr, settings);
    const auto mean = [](const std::vector<FrameQuality>& frames, double FrameQuality::*field) {
        double sum = 0;
        for (const FrameQuality& q : frames) {
            sum += q.*field;
        }
        return sum / static_cast<double>(frames.size());
    };
    const std::vector<FrameQuality> cleanQuality = measureFrameQuality(clean, "clean");
    QCOMPARE(cleanQuality.size(), size_t(33));
    QVERIFY(mean(measureFrameQuality(blocky, "blocky"), &FrameQuality::block) >
            mean(cleanQuality, &FrameQuality::block));
    QVERIFY(mean(measureFrameQuality(blurred, "blurred"), &FrameQuality::blur) >
            mean(cleanQuality, &FrameQuality::blur));
    QVERIFY(frameDifferenceIrregularity(stuttering) > frameDifferenceIrregularity(clean) + 0.2);
    QCOMPARE(greyFrameDifferences(clean).size(), size_t(32));
}

void VideoFaultTest::tooShortClipsAreLeftAlone() {
    const PackedClip clean = movingTexture(4);
    for (const VideoFault fault : allVideoFaults()) {
        std::mt19937_64 random(1);
        FaultRecord record;
        QVERIFY(applyVideoFault(clean, fault, random, &record).rgb == clean.rgb);
        QCOMPARE(record.length, 0);
    }
}

SVJ_REGISTER_TEST(VideoFaultTest)
#include "video_faults_tests.moc"
