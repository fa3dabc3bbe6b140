// media/: probing real files made by FFmpeg, and the errors bad files produce.
#include "media/media_error.h"
#include "media/video_probe.h"
#include "tests/support/test_clips.h"

#include <QTemporaryDir>
#include <QTest>

using namespace svj::media;

class TestMedia : public QObject {
    Q_OBJECT

private slots:
    void probeCountsFramesOfH264();
    void probeListsStreams();
    void probeErrors_data();
    void probeErrors();
    void ffmpegVersionNamesLibraries();
};

void TestMedia::probeCountsFramesOfH264() {
    const QString path = svj::test::clip(QStringLiteral("h264_25fps_50f.mp4"));
    QVERIFY(!path.isEmpty());
    const VideoInfo info = probeVideo(path.toStdString());
    QCOMPARE(info.codecName, std::string("h264"));
    QCOMPARE(info.width, 320);
    QCOMPARE(info.height, 240);
    QCOMPARE(info.frameCount, int64_t(50));
    QCOMPARE(info.frameRate.num, 25);
    QCOMPARE(info.frameRate.den, 1);
    QVERIFY(!info.variableFrameRate);
    QVERIFY(qAbs(info.durationSeconds - 2.0) < 1e-6);
    QCOMPARE(info.pixelFormat, std::string("yuv420p"));
    QCOMPARE(info.rotationDegrees, 0);
}

void TestMedia::probeListsStreams() {
    const VideoInfo info = probeVideo(svj::test::clip(QStringLiteral("h264_25fps_50f.mp4")).toStdString());
    QCOMPARE(info.streams.size(), size_t(2));
    QCOMPARE(info.streams[size_t(info.videoStreamIndex)].type, StreamType::Video);
    const auto audio = std::find_if(info.streams.begin(), info.streams.end(),
                                    [](const StreamInfo& s) { return s.type == StreamType::Audio; });
    QVERIFY(audio != info.streams.end());
    QCOMPARE(audio->codecName, std::string("aac"));
    QCOMPARE(audio->sampleRate, 44100);
    QVERIFY(info.containerName.find("mp4") != std::string::npos);
}

void TestMedia::probeErrors_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    const QString dir = svj::test::clipsDir();
    QTest::newRow("missing") << dir + QStringLiteral("/no-such-file.mp4") << int(MediaErrorKind::FileNotFound)
                             << QStringLiteral("file not found");
    QTest::newRow("text file") << svj::test::clip(QStringLiteral("not_a_video.txt")) << int(MediaErrorKind::NotAVideo)
                               << QStringLiteral("not a video file");
    QTest::newRow("audio only") << svj::test::clip(QStringLiteral("audio_only.m4a")) << int(MediaErrorKind::NotAVideo)
                                << QStringLiteral("no video stream (audio only)");
    QTest::newRow("zero bytes") << svj::test::clip(QStringLiteral("empty.mp4")) << int(MediaErrorKind::NotAVideo)
                                << QStringLiteral("file is empty (0 bytes)");
    QTest::newRow("directory") << dir << int(MediaErrorKind::NotReadable) << QStringLiteral("is a directory");
}

void TestMedia::probeErrors() {
    QFETCH(QString, path);
    QFETCH(int, kind);
    QFETCH(QString, message);
    QVERIFY(!path.isEmpty());
    try {
        probeVideo(path.toStdString());
        QFAIL("probeVideo accepted a bad input");
    } catch (const MediaError& error) {
        QCOMPARE(int(error.kind()), kind);
        const QString text = QString::fromStdString(error.what());
        QVERIFY2(text.startsWith(path + QStringLiteral(": ")), qPrintable(text));
        QVERIFY2(text.contains(message), qPrintable(text));
    }
}

void TestMedia::ffmpegVersionNamesLibraries() {
    const QString version = QString::fromStdString(ffmpegVersion());
    QVERIFY2(version.startsWith(QStringLiteral("FFmpeg ")), qPrintable(version));
    QVERIFY(version.contains(QStringLiteral("libavcodec ")));
}

QTEST_GUILESS_MAIN(TestMedia)
#include "tst_media.moc"
