// Bad files get a clear error naming the file and the problem, or decode as far as they can; none may
// crash or hang.
#include "media/media_error.h"
#include "media/video_probe.h"
#include "media/video_reader.h"
#include "tests/media/media_test_helpers.h"
#include "tests/support/test_registry.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace svj::media;
using svj::test::clipPath;
using svj::test::patternOf;

class BadInputTest : public QObject {
    Q_OBJECT

private slots:
    void refusedWithAReason_data();
    void refusedWithAReason();
    void truncatedFileReadsWhatIsThere();
    void corruptPacketsAreSkippedAndCounted();
    void fileCutWhileOpen();
    void fileDeletedWhileOpen();
    void imageSequenceWithAForeignImage();
    void inputsNamingOtherFilesAreRefused();
    void nonRegularFilesAreRefusedUnopened();
};

void BadInputTest::refusedWithAReason_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    const QString dir = svj::test::clipsDir();
    auto row = [&](const char* name, const QString& path, MediaErrorKind kind, const char* message) {
        QTest::newRow(name) << path << int(kind) << QString::fromLatin1(message);
    };
    row("missing", dir + QStringLiteral("/no-such-file.mp4"), MediaErrorKind::FileNotFound, "file not found");
    row("zero bytes", svj::test::clip(QStringLiteral("empty.mp4")), MediaErrorKind::NotAVideo,
        "file is empty (0 bytes)");
    row("text file", svj::test::clip(QStringLiteral("not_a_video.txt")), MediaErrorKind::NotAVideo, "not a video file");
    row("audio only", svj::test::clip(QStringLiteral("audio_only.m4a")), MediaErrorKind::NotAVideo,
        "has no video stream (audio only)");
    row("folder without images", dir, MediaErrorKind::NotAVideo, "is a folder without images");
    row("truncated, index lost", svj::test::clip(QStringLiteral("truncated_no_index.mp4")), MediaErrorKind::NotAVideo,
        "moov atom not found");
    row("absurd size (FFmpeg refuses)", svj::test::clip(QStringLiteral("huge_dimensions.y4m")),
        MediaErrorKind::NotAVideo, "40000x40000");
    row("absurd size (we refuse)", svj::test::clip(QStringLiteral("wide_dimensions.y4m")), MediaErrorKind::InvalidVideo,
        "absurd picture size 20000x16");
}

void BadInputTest::refusedWithAReason() {
    QFETCH(QString, path);
    QFETCH(int, kind);
    QFETCH(QString, message);
    QVERIFY(!path.isEmpty());
    for (const bool throughReader : {false, true}) {
        try {
            if (throughReader) {
                VideoReader reader(path.toStdString());
            } else {
                probeVideo(path.toStdString());
            }
            QFAIL("a bad input was accepted");
        } catch (const MediaError& error) {
            const QString text = QString::fromStdString(error.what());
            QVERIFY2(text.startsWith(path + QStringLiteral(": ")), qPrintable(text));
            QVERIFY2(text.contains(message), qPrintable(text));
            QCOMPARE(int(error.kind()), kind);
            QCOMPARE(QString::fromStdString(error.path()), path);
        }
    }
}

void BadInputTest::truncatedFileReadsWhatIsThere() {
    // The index survives at the front; the second half of the data is gone.
    VideoReader reader(clipPath("truncated_faststart.mp4"));
    QVERIFY(reader.frameCount() > 20);
    QVERIFY(reader.frameCount() < 120);
    int exact = 0;
    VideoFrame frame;
    for (int64_t i = reader.frameCount() - 1; i >= 0; i -= 3) {
        reader.readFrame(i, frame);
        if (frame.exact) {
            QCOMPARE(patternOf(frame), int(i));
            ++exact;
        }
    }
    QVERIFY(exact > 0);
    QCOMPARE(patternOf(reader.readFrame(0)), 0);
}

void BadInputTest::corruptPacketsAreSkippedAndCounted() {
    // 24 KiB of random bytes over the middle of a transport stream: packets are lost and pictures damaged.
    VideoReader reader(clipPath("corrupt_middle.ts"));
    const int64_t count = reader.frameCount();
    QVERIFY(count > 30);
    QVERIFY(count <= 75);
    VideoFrame frame;
    int matching = 0;
    for (int64_t i = 0; i < count; ++i) {
        reader.readFrame(i, frame);
        // Lost packets shift the numbering: the picture must be the one its timestamp names (the clip is
        // 25 fps from 0), except where the decoder had to conceal damage.
        const int original = int(std::lround(double(reader.framePtsUs(i)) / 40000.0));
        if (frame.exact && patternOf(frame) == original) {
            ++matching;
        }
    }
    QVERIFY2(matching >= count * 3 / 4, qPrintable(QStringLiteral("%1 of %2").arg(matching).arg(count)));
    QVERIFY2(reader.decodeErrorCount() + reader.substitutedFrameCount() > 0 || count < 75, "the damage went unnoticed");
    // The last GOP lies after the damage and decodes cleanly, also by random access.
    const int64_t last = count - 1;
    reader.readFrame(0, frame);
    reader.readFrame(last, frame);
    QCOMPARE(patternOf(frame), int(std::lround(double(reader.framePtsUs(last)) / 40000.0)));
    for (const int64_t i : {count / 2, count / 2 + 3, int64_t(5), last - 1}) {
        reader.readFrame(i, frame); // no hang, no crash
    }
}

void BadInputTest::fileCutWhileOpen() {
    QTemporaryDir dir;
    const std::string copy = dir.filePath(QStringLiteral("cut.mp4")).toStdString();
    std::filesystem::copy_file(clipPath("idx_h264_bframes.mp4"), copy);
    VideoReader reader(copy);
    QCOMPARE(patternOf(reader.readFrame(0)), 0);
    std::filesystem::resize_file(copy, 0);
    // The data is gone underneath the reader: each read ends in a picture or a MediaError, nothing else.
    for (const int64_t i : {int64_t(110), int64_t(50), int64_t(1), int64_t(119)}) {
        try {
            const VideoFrame frame = reader.readFrame(i);
            QVERIFY(!frame.empty());
        } catch (const MediaError& error) {
            QVERIFY(QString::fromStdString(error.what()).startsWith(QString::fromStdString(copy)));
        }
    }
}

void BadInputTest::fileDeletedWhileOpen() {
    QTemporaryDir dir;
    const std::string copy = dir.filePath(QStringLiteral("gone.mp4")).toStdString();
    std::filesystem::copy_file(clipPath("idx_h264_opengop.mp4"), copy);
    VideoReader reader(copy);
    std::filesystem::remove(copy);
    // The open file stays readable until it is closed, as on every POSIX system.
    QCOMPARE(patternOf(reader.readFrame(77)), 77);
    QCOMPARE(patternOf(reader.readFrame(3)), 3);
}

void BadInputTest::imageSequenceWithAForeignImage() {
    QTemporaryDir dir;
    const auto folder = std::filesystem::path(dir.path().toStdString());
    const auto frames = std::filesystem::path(svj::test::clipsDir().toStdString()) / "idx_frames";
    std::filesystem::copy_file(frames / "f_0.png", folder / "a_0.png");
    std::filesystem::copy_file(frames / "f_1.png", folder / "a_1.png");
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("color=red:size=64x48"), QStringLiteral("-frames:v"),
                                  QStringLiteral("1"), QString::fromStdString((folder / "a_2.png").string())}));
    VideoReader reader(folder.string());
    QCOMPARE(reader.frameCount(), int64_t(3));
    QCOMPARE(patternOf(reader.readFrame(1)), 1);
    try {
        reader.readFrame(2);
        QFAIL("an image of another size was accepted");
    } catch (const MediaError& error) {
        const QString text = QString::fromStdString(error.what());
        QVERIFY2(text.contains(QStringLiteral("a_2.png: image is 64x48 but the sequence is 320x240")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("checked before decoding")), qPrintable(text));
    }
    QCOMPARE(patternOf(reader.readFrame(0)), 0);
    // A picture bomb later in the folder (a small file of an 8000 x 8000 picture) is refused at its header.
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("color=black:size=8000x8000"), QStringLiteral("-frames:v"),
                                  QStringLiteral("1"), QString::fromStdString((folder / "a_3.png").string())}));
    VideoReader again(folder.string());
    try {
        again.readFrame(3);
        QFAIL("an 8000 x 8000 image was decoded");
    } catch (const MediaError& error) {
        QVERIFY2(std::string(error.what()).find("8000x8000 but the sequence is 320x240") != std::string::npos,
                 error.what());
    }
}

// A "video" that is a concat script or a playlist naming another file must not make us read that file.
void BadInputTest::inputsNamingOtherFilesAreRefused() {
    QTemporaryDir dir;
    const std::string secret = clipPath("h264_25fps_50f.mp4");
    const struct {
        const char* name;
        std::string text;
        const char* says;
    } cases[] = {
        {"concat.mp4", "ffconcat version 1.0\nfile '" + secret + "'\n", "'concat'"},
        {"playlist.mp4",
         "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:2.0,\n" + secret +
             "\n#EXT-X-ENDLIST\n",
         ""},
    };
    for (const auto& c : cases) {
        const std::string path = dir.filePath(QString::fromLatin1(c.name)).toStdString();
        std::ofstream(path) << c.text;
        for (const bool throughReader : {false, true}) {
            try {
                if (throughReader) {
                    VideoReader reader(path);
                } else {
                    probeVideo(path);
                }
                QFAIL(c.name);
            } catch (const MediaError& error) {
                const QString text = QString::fromStdString(error.what());
                QVERIFY2(text.startsWith(QString::fromStdString(path) + QStringLiteral(": ")), qPrintable(text));
                QVERIFY2(text.contains(QString::fromLatin1(c.says)), qPrintable(text));
                QCOMPARE(int(error.kind()), int(MediaErrorKind::NotAVideo));
            }
        }
    }
}

void BadInputTest::nonRegularFilesAreRefusedUnopened() {
    QTemporaryDir dir;
    const std::string fifo = dir.filePath(QStringLiteral("pipe.mp4")).toStdString();
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    // Opening a FIFO for reading would block until a writer comes: the test would hang, not fail.
    for (const std::string& path : {fifo, std::string("/dev/zero")}) {
        try {
            probeVideo(path);
            QFAIL(path.c_str());
        } catch (const MediaError& error) {
            QVERIFY2(QString::fromStdString(error.what()).contains(QStringLiteral("not a regular file")), error.what());
            QCOMPARE(int(error.kind()), int(MediaErrorKind::NotReadable));
        }
    }
}

SVJ_REGISTER_TEST(BadInputTest)
#include "bad_input_tests.moc"
