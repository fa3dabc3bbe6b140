// VideoWriter: FFV1 round trips bit for bit, H.264 keeps the picture, files appear atomically.
#include "media/media_error.h"
#include "media/video_probe.h"
#include "media/video_reader.h"
#include "media/video_writer.h"
#include "tests/media/media_test_helpers.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace svj::media;
using svj::test::clipPath;
using svj::test::patternOf;

class WriterTest : public QObject {
    Q_OBJECT

private slots:
    void ffv1IsLossless();
    void h264KeepsThePicture();
    void abandonedWriterLeavesNoFile();
    void failedWriteKeepsTheOldFile();
    void aReplacedTemporaryNameRedirectsNothing();
    void refusesWhatCannotWork();
    void pngRoundTrip();

private:
    QTemporaryDir m_dir;
};

namespace {
VideoFrame noiseFrame(int width, int height, uint32_t seed) {
    VideoFrame frame;
    frame.width = width;
    frame.height = height;
    frame.stride = width * 3;
    frame.pixels.resize(size_t(width * height * 3));
    std::mt19937 random(seed);
    for (uint8_t& byte : frame.pixels) {
        byte = uint8_t(random());
    }
    return frame;
}

double psnr(const VideoFrame& a, const VideoFrame& b) {
    double squared = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) {
        const double d = double(a.pixels[i]) - double(b.pixels[i]);
        squared += d * d;
    }
    const double mse = squared / double(a.pixels.size());
    return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}
} // namespace

void WriterTest::ffv1IsLossless() {
    const std::string path = m_dir.filePath(QStringLiteral("noise.mkv")).toStdString();
    std::vector<VideoFrame> frames;
    {
        WriterOptions options;
        options.codec = VideoCodec::Ffv1;
        options.fps = {8, 1};
        VideoWriter writer(path, 97, 61, options); // odd sizes: FFV1 takes them
        for (uint32_t i = 0; i < 10; ++i) {
            frames.push_back(noiseFrame(97, 61, i));
            writer.write(frames.back());
        }
        writer.finish();
        QCOMPARE(writer.framesWritten(), int64_t(10));
    }
    VideoReader reader(path);
    QCOMPARE(reader.frameCount(), int64_t(10));
    QCOMPARE(reader.info().codecName, std::string("ffv1"));
    QCOMPARE(reader.info().frameRate.value(), 8.0);
    for (int64_t i = 9; i >= 0; --i) {
        QVERIFY2(reader.readFrame(i).pixels == frames[size_t(i)].pixels, qPrintable(QString::number(i)));
    }
}

void WriterTest::h264KeepsThePicture() {
    const std::string path = m_dir.filePath(QStringLiteral("copy.mp4")).toStdString();
    VideoReader source(clipPath("idx_h264_bframes.mp4"));
    std::vector<VideoFrame> originals;
    {
        VideoWriter writer(path, 320, 240); // H.264 by default
        for (int64_t i = 0; i < 30; ++i) {
            originals.push_back(source.readFrame(i));
            writer.write(originals.back());
        }
        writer.finish();
    }
    const VideoInfo info = probeVideo(path);
    QCOMPARE(info.codecName, std::string("h264"));
    QCOMPARE(info.frameCount, int64_t(30));
    QCOMPARE(info.colorSpace, std::string("bt709"));
    VideoReader copy(path);
    for (int64_t i = 0; i < 30; i += 7) {
        const VideoFrame frame = copy.readFrame(i);
        QCOMPARE(patternOf(frame), int(i));
        const double quality = psnr(frame, originals[size_t(i)]);
        QVERIFY2(quality > 35.0, qPrintable(QString::number(quality)));
    }
}

void WriterTest::abandonedWriterLeavesNoFile() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("abandoned.mkv")).toStdString();
    {
        WriterOptions options;
        options.codec = VideoCodec::Ffv1;
        VideoWriter writer(path, 64, 64, options);
        writer.write(noiseFrame(64, 64, 1));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // the temporary file
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
}

void WriterTest::failedWriteKeepsTheOldFile() {
    const QString path = m_dir.filePath(QStringLiteral("keep.png"));
    QVERIFY(svj::test::writeFile(path, "old contents"));
    try {
        VideoWriter writer(path.toStdString() + ".mkv", 64, 64);
        writer.write(noiseFrame(32, 32, 1)); // wrong size
        QFAIL("a frame of the wrong size was accepted");
    } catch (const MediaError& error) {
        QCOMPARE(error.kind(), MediaErrorKind::InvalidArgument);
        QVERIFY(QString::fromStdString(error.what()).contains(QStringLiteral("frame is 32x32 but the video is 64x64")));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("old contents"));
    QVERIFY(!QFile::exists(path + QStringLiteral(".mkv")));
}

// Someone who can write in the target's folder swaps the temporary file's name for a link to another file while
// the video is written: the encoder keeps writing the file it opened (mp4's index move reopens it too), the
// linked file is untouched, and finish() refuses to move the stranger into place.
void WriterTest::aReplacedTemporaryNameRedirectsNothing() {
    QTemporaryDir dir;
    const QString victim = dir.filePath(QStringLiteral("victim.txt"));
    QVERIFY(svj::test::writeFile(victim, "precious"));
    const std::string path = dir.filePath(QStringLiteral("out.mp4")).toStdString();
    VideoWriter writer(path, 64, 64); // H.264 in mp4: the index is moved to the front at the end
    writer.write(noiseFrame(64, 64, 1));
    const QStringList partials =
        QDir(dir.path()).entryList({QStringLiteral(".out.mp4.partial-*")}, QDir::Files | QDir::Hidden);
    QCOMPARE(partials.size(), 1);
    const QString temporary = dir.filePath(partials.front());
    QVERIFY(QFile::rename(temporary, dir.filePath(QStringLiteral("moved-away"))));
    QVERIFY(QFile::link(victim, temporary));
    for (int i = 2; i < 12; ++i) {
        writer.write(noiseFrame(64, 64, i));
    }
    try {
        writer.finish();
        QFAIL("a replaced temporary file was moved into place");
    } catch (const MediaError& error) {
        QVERIFY2(QString::fromStdString(error.what()).contains(QStringLiteral("was replaced")), error.what());
    }
    QVERIFY(!QFileInfo::exists(QString::fromStdString(path)));
    QFile kept(victim);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("precious"));
    // What was written went into the file the writer created (now under the name it was moved to).
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("moved-away"))).size() > 1000);
}

void WriterTest::refusesWhatCannotWork() {
    const QString dir = m_dir.path();
    WriterOptions ffv1;
    ffv1.codec = VideoCodec::Ffv1;
    QVERIFY_THROWS_EXCEPTION(MediaError, VideoWriter((dir + QStringLiteral("/x.mp4")).toStdString(), 64, 64, ffv1));
    QVERIFY_THROWS_EXCEPTION(MediaError, VideoWriter((dir + QStringLiteral("/odd.mp4")).toStdString(), 63, 64));
    QVERIFY_THROWS_EXCEPTION(MediaError, VideoWriter((dir + QStringLiteral("/x.unknownext")).toStdString(), 64, 64));
    QVERIFY_THROWS_EXCEPTION(MediaError, VideoWriter("/nonexistent-dir/x.mkv", 64, 64));
    QVERIFY_THROWS_EXCEPTION(MediaError, VideoWriter((dir + QStringLiteral("/zero.mkv")).toStdString(), 0, 64));
    VideoWriter empty((dir + QStringLiteral("/empty.mkv")).toStdString(), 64, 64);
    QVERIFY_THROWS_EXCEPTION(MediaError, empty.finish());
}

void WriterTest::pngRoundTrip() {
    const std::string path = m_dir.filePath(QStringLiteral("frame.png")).toStdString();
    VideoReader source(clipPath("idx_vp9.webm"));
    const VideoFrame frame = source.readFrame(42);
    writePng(frame, path);
    VideoReader png(path);
    QCOMPARE(png.frameCount(), int64_t(1));
    QCOMPARE(png.readFrame(0).pixels, frame.pixels);
}

SVJ_REGISTER_TEST(WriterTest)
#include "writer_tests.moc"
