// VideoReader: frame n is frame n, in any order, across containers and codecs; RGB identical to the
// ffmpeg CLI's where the conversion path is the same.
#include "media/media_error.h"
#include "media/video_probe.h"
#include "media/video_reader.h"
#include "tests/media/media_test_helpers.h"
#include "tests/support/test_registry.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace svj::media;
using svj::test::clipPath;
using svj::test::patternOf;

class ReaderTest : public QObject {
    Q_OBJECT

private slots:
    void everyFrameInEveryOrder_data();
    void everyFrameInEveryOrder();
    void probeFacts_data();
    void probeFacts();
    void rgbMatchesFfmpegCli_data();
    void rgbMatchesFfmpegCli();
    void rotationTurnsThePictureUpright();
    void variableFrameRateKeepsRealTimestamps();
    void framesSharingATimestampStayApart();
    void streamNotStartingAtZero();
    void stepMovesOneFrame();
    void outputSizeIsHonoured();
    void readsFromMemory();
    void verifyFrameCountDecodesEverything();
    void outOfRangeIsAnError();
};

namespace {
struct ClipCase {
    const char* file;
    int frames;
    int patternOffset; // what frame 0 carries
};
const ClipCase kIndexedClips[] = {
    {"idx_h264_bframes.mp4", 120, 0}, {"idx_h264_opengop.mp4", 120, 0},
    {"idx_vp9.webm", 60, 0},          {"idx_mpeg4.avi", 60, 0},
    {"idx_theora.ogv", 60, 0},        {"idx_mjpeg.avi", 40, 0},
    {"idx_vfr.mkv", 60, 0},           {"idx_offset.ts", 75, 0},
    {"idx_editlist.mp4", 73, 27},     {"idx_frames", 30, 0},
    {"dup_pts.mkv", 60, 0},           {"idx_h264_720p.mp4", 20, 0},
};
} // namespace

void ReaderTest::everyFrameInEveryOrder_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("offset");
    for (const ClipCase& c : kIndexedClips) {
        QTest::newRow(c.file) << QString::fromLatin1(c.file) << c.frames << c.patternOffset;
    }
}

void ReaderTest::everyFrameInEveryOrder() {
    QFETCH(QString, file);
    QFETCH(int, frames);
    QFETCH(int, offset);
    const QString path = svj::test::clip(file);
    QVERIFY(!path.isEmpty());
    VideoReader reader(path.toStdString());
    QCOMPARE(reader.frameCount(), int64_t(frames));

    std::vector<int64_t> order(static_cast<size_t>(frames));
    std::iota(order.begin(), order.end(), 0);
    std::vector<std::pair<const char*, std::vector<int64_t>>> orders;
    orders.emplace_back("forward", order);
    orders.emplace_back("backward", std::vector<int64_t>(order.rbegin(), order.rend()));
    std::vector<int64_t> shuffled = order;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(1234));
    orders.emplace_back("random", shuffled);
    // Hops across key frames in both directions.
    std::vector<int64_t> hops;
    for (int64_t i = 0; i < frames; i += 7) {
        hops.push_back(i);
        hops.push_back(frames - 1 - i);
    }
    orders.emplace_back("hops", hops);

    VideoFrame frame;
    for (const auto& [name, indices] : orders) {
        for (const int64_t index : indices) {
            reader.readFrame(index, frame);
            QVERIFY2(frame.exact, qPrintable(QStringLiteral("%1 order, frame %2 not exact").arg(name).arg(index)));
            QCOMPARE(frame.index, index);
            const int pattern = patternOf(frame);
            if (pattern != index + offset) {
                QFAIL(qPrintable(QStringLiteral("%1 order: asked for frame %2, got the picture of frame %3")
                                     .arg(name)
                                     .arg(index)
                                     .arg(pattern - offset)));
            }
            QCOMPARE(frame.ptsUs, reader.framePtsUs(index));
        }
    }
    QCOMPARE(reader.decodeErrorCount(), int64_t(0));
}

void ReaderTest::probeFacts_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("codec");
    QTest::addColumn<int>("frames");
    QTest::addColumn<double>("fps");
    QTest::addColumn<bool>("vfr");
    QTest::addColumn<bool>("fullRange");
    QTest::newRow("h264") << "idx_h264_bframes.mp4"
                          << "h264" << 120 << 25.0 << false << false;
    QTest::newRow("vp9") << "idx_vp9.webm"
                         << "vp9" << 60 << 25.0 << false << false;
    QTest::newRow("mpeg4") << "idx_mpeg4.avi"
                           << "mpeg4" << 60 << 25.0 << false << false;
    QTest::newRow("theora") << "idx_theora.ogv"
                            << "theora" << 60 << 25.0 << false << false;
    QTest::newRow("mjpeg") << "idx_mjpeg.avi"
                           << "mjpeg" << 40 << 25.0 << false << true;
    QTest::newRow("edit list") << "idx_editlist.mp4"
                               << "h264" << 73 << 25.0 << false << false;
    QTest::newRow("image sequence") << "idx_frames"
                                    << "png" << 30 << 25.0 << false << true;
}

void ReaderTest::probeFacts() {
    QFETCH(QString, file);
    QFETCH(QString, codec);
    QFETCH(int, frames);
    QFETCH(double, fps);
    QFETCH(bool, vfr);
    QFETCH(bool, fullRange);
    const VideoInfo info = probeVideo(svj::test::clip(file).toStdString());
    QCOMPARE(QString::fromStdString(info.codecName), codec);
    QCOMPARE(info.frameCount, int64_t(frames));
    QCOMPARE(info.width, 320);
    QCOMPARE(info.height, 240);
    QVERIFY2(qAbs(info.frameRate.value() - fps) < 1e-6, qPrintable(QString::number(info.frameRate.value())));
    QCOMPARE(info.variableFrameRate, vfr);
    if (codec != QStringLiteral("png")) {
        QCOMPARE(info.fullRange, fullRange);
    }
    QVERIFY2(qAbs(info.durationSeconds - frames / fps) < 1e-3, qPrintable(QString::number(info.durationSeconds)));
}

void ReaderTest::rgbMatchesFfmpegCli_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("filter");
    QTest::newRow("h264 (BT.601, untagged SD)") << "idx_h264_bframes.mp4" << QStringList{};
    QTest::newRow("mjpeg (full range)") << "idx_mjpeg.avi" << QStringList{};
    QTest::newRow("vp9") << "idx_vp9.webm" << QStringList{};
    QTest::newRow("theora") << "idx_theora.ogv" << QStringList{};
    QTest::newRow("mpeg4") << "idx_mpeg4.avi" << QStringList{};
    // Untagged HD: we assume BT.709 as players do; the CLI must be told to get the same path.
    QTest::newRow("h264 720p (BT.709)") << "idx_h264_720p.mp4"
                                        << QStringList{QStringLiteral("-vf"),
                                                       QStringLiteral("scale=in_color_matrix=bt709")};
    QTest::newRow("rotated (autorotate)") << "idx_rotated.mp4" << QStringList{};
}

void ReaderTest::rgbMatchesFfmpegCli() {
    QFETCH(QString, file);
    QFETCH(QStringList, filter);
    const QString path = svj::test::clip(file);
    const QByteArray reference = svj::test::ffmpegOutput(
        QStringList{QStringLiteral("-i"), path} + filter +
        QStringList{QStringLiteral("-fps_mode"), QStringLiteral("passthrough"), QStringLiteral("-pix_fmt"),
                    QStringLiteral("rgb24"), QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-")});
    QVERIFY(!reference.isEmpty());
    VideoReader reader(path.toStdString());
    VideoFrame frame;
    reader.readFrame(0, frame);
    const auto frameBytes = static_cast<qsizetype>(frame.pixels.size());
    QCOMPARE(reference.size(), frameBytes * reader.frameCount());
    // Random access, not just a sequential pass: the picture must not depend on how we got there.
    std::vector<int64_t> order(static_cast<size_t>(reader.frameCount()));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(99));
    for (const int64_t index : order) {
        reader.readFrame(index, frame);
        const auto* expected = reinterpret_cast<const uint8_t*>(reference.constData()) + index * frameBytes;
        const int difference = svj::test::maxDifference(frame.pixels.data(), expected, frame.pixels.size());
        if (difference != 0) {
            QFAIL(qPrintable(
                QStringLiteral("frame %1 differs from ffmpeg's RGB by up to %2").arg(index).arg(difference)));
        }
    }
}

void ReaderTest::rotationTurnsThePictureUpright() {
    const std::string path = clipPath("idx_rotated.mp4");
    const VideoInfo info = probeVideo(path);
    QCOMPARE(info.width, 320);
    QCOMPARE(info.height, 240);
    QVERIFY2(info.rotationDegrees == 90 || info.rotationDegrees == 270,
             qPrintable(QString::number(info.rotationDegrees)));
    QCOMPARE(info.displayWidth(), 240);
    QCOMPARE(info.displayHeight(), 320);

    VideoReader upright(path);
    ReaderOptions raw;
    raw.applyRotation = false;
    VideoReader stored(path, raw);
    const VideoFrame turned = upright.readFrame(17);
    const VideoFrame plain = stored.readFrame(17);
    QCOMPARE(patternOf(plain), 17);
    QCOMPARE(turned.width, 240);
    QCOMPARE(turned.height, 320);
    // Pixel (x, y) of the stored picture lands where the rotation sends it.
    for (const auto& [x, y] : std::vector<std::pair<int, int>>{{0, 0}, {319, 0}, {0, 239}, {123, 45}, {300, 200}}) {
        int tx = 0;
        int ty = 0;
        if (info.rotationDegrees == 90) {
            tx = 239 - y;
            ty = x;
        } else {
            tx = y;
            ty = 319 - x;
        }
        QVERIFY(std::equal(plain.row(y) + x * 3, plain.row(y) + x * 3 + 3, turned.row(ty) + tx * 3));
    }
}

void ReaderTest::variableFrameRateKeepsRealTimestamps() {
    VideoReader reader(clipPath("idx_vfr.mkv"));
    QVERIFY(reader.info().variableFrameRate);
    QCOMPARE(reader.frameCount(), int64_t(60));
    QCOMPARE(reader.framePtsUs(29), int64_t(1160000));
    QCOMPARE(reader.framePtsUs(30), int64_t(1200000));
    QCOMPARE(reader.framePtsUs(31), int64_t(1300000));
    // The frame on screen at a time is the last one starting at or before it.
    QCOMPARE(reader.frameIndexAtTime(1199999), int64_t(29));
    QCOMPARE(reader.frameIndexAtTime(1250000), int64_t(30));
    QCOMPARE(reader.frameIndexAtTime(1350000), int64_t(31));
    QCOMPARE(patternOf(reader.readFrameAtTime(1250000)), 30);
    QCOMPARE(patternOf(reader.readFrameAtTime(3950000)), 57);
    QCOMPARE(reader.frameIndexAtTime(-5), int64_t(0));
    QCOMPARE(reader.frameIndexAtTime(99000000), int64_t(59));
}

void ReaderTest::framesSharingATimestampStayApart() {
    VideoReader reader(clipPath("dup_pts.mkv"));
    QCOMPARE(reader.frameCount(), int64_t(60));
    QCOMPARE(reader.framePtsUs(28), reader.framePtsUs(29));
    QCOMPARE(patternOf(reader.readFrame(29)), 29);
    QCOMPARE(patternOf(reader.readFrame(28)), 28);
    QCOMPARE(patternOf(reader.readFrame(29)), 29);
}

void ReaderTest::streamNotStartingAtZero() {
    VideoReader reader(clipPath("idx_offset.ts"));
    QCOMPARE(reader.info().startTimeUs, int64_t(1480000));
    QCOMPARE(reader.framePtsUs(0), int64_t(0));
    QCOMPARE(reader.framePtsUs(50), int64_t(2000000));
    QCOMPARE(patternOf(reader.readFrameAtTime(2000000)), 50);
}

void ReaderTest::stepMovesOneFrame() {
    VideoReader reader(clipPath("idx_h264_bframes.mp4"));
    QCOMPARE(reader.position(), int64_t(-1));
    QCOMPARE(patternOf(reader.readFrame(99)), 99);
    QCOMPARE(patternOf(reader.step(1)), 100); // across the key frame at 100
    QCOMPARE(patternOf(reader.step(-1)), 99); // back, across it again
    QCOMPARE(patternOf(reader.step(-10)), 89);
    QCOMPARE(patternOf(reader.step(-1000)), 0); // clamped to the first frame
    QCOMPARE(reader.position(), int64_t(0));
    QCOMPARE(patternOf(reader.step(1000)), 119);
}

void ReaderTest::outputSizeIsHonoured() {
    ReaderOptions options;
    options.outputWidth = 160;
    options.outputHeight = 120;
    VideoReader reader(clipPath("idx_h264_bframes.mp4"), options);
    VideoFrame frame = reader.readFrame(5);
    QCOMPARE(frame.width, 160);
    QCOMPARE(frame.height, 120);
    QCOMPARE(frame.pixels.size(), size_t(160 * 120 * 3));
    reader.setOutputSize(0, 0);
    frame = reader.readFrame(6);
    QCOMPARE(frame.width, 320);
    QCOMPARE(patternOf(frame), 6);

    ReaderOptions rgba;
    rgba.pixelFormat = PixelFormat::Rgba;
    VideoReader alpha(clipPath("idx_h264_bframes.mp4"), rgba);
    const VideoFrame withAlpha = alpha.readFrame(6);
    QCOMPARE(withAlpha.stride, 320 * 4);
    QCOMPARE(withAlpha.pixels[3], uint8_t(255));
    QCOMPARE(withAlpha.pixels[0], frame.pixels[0]);
}

void ReaderTest::readsFromMemory() {
    QFile file(svj::test::clip(QStringLiteral("idx_h264_opengop.mp4")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    auto buffer = std::make_shared<std::vector<uint8_t>>(bytes.begin(), bytes.end());
    VideoReader memory = VideoReader::fromMemory(buffer, "in-memory.mp4");
    VideoReader disk(file.fileName().toStdString());
    QCOMPARE(memory.frameCount(), disk.frameCount());
    for (const int64_t index : {int64_t(0), int64_t(57), int64_t(23), int64_t(119), int64_t(48)}) {
        QCOMPARE(memory.readFrame(index).pixels, disk.readFrame(index).pixels);
    }
    try {
        VideoReader::fromMemory(std::make_shared<std::vector<uint8_t>>(100, uint8_t(7)), "garbage.bin");
        QFAIL("garbage accepted");
    } catch (const MediaError& error) {
        QVERIFY(QString::fromStdString(error.what()).startsWith(QStringLiteral("garbage.bin: ")));
    }
}

void ReaderTest::verifyFrameCountDecodesEverything() {
    for (const char* name : {"idx_editlist.mp4", "dup_pts.mkv", "idx_mpeg4.avi", "idx_theora.ogv"}) {
        VideoReader reader(clipPath(name));
        const int64_t fromPackets = reader.frameCount();
        QCOMPARE(reader.verifyFrameCount(), fromPackets);
        QCOMPARE(patternOf(reader.readFrame(fromPackets / 2)), int(fromPackets / 2) + (name[4] == 'e' ? 27 : 0));
    }
    ProbeOptions decode;
    decode.countByDecoding = true;
    QCOMPARE(probeVideo(clipPath("idx_vp9.webm"), decode).frameCount, int64_t(60));
}

void ReaderTest::outOfRangeIsAnError() {
    VideoReader reader(clipPath("idx_mjpeg.avi"));
    for (const int64_t index : {int64_t(-1), int64_t(40), int64_t(1000)}) {
        try {
            reader.readFrame(index);
            QFAIL("out-of-range frame accepted");
        } catch (const MediaError& error) {
            QCOMPARE(error.kind(), MediaErrorKind::OutOfRange);
            QVERIFY(QString::fromStdString(error.what()).contains(QStringLiteral("outside the video")));
        }
    }
    QCOMPARE(patternOf(reader.readFrame(39)), 39); // still usable afterwards
}

SVJ_REGISTER_TEST(ReaderTest)
#include "reader_tests.moc"
