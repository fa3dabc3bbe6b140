// The `svj` command line as a user meets it: exit codes, help, and `svj probe` on real and bad files.
#include "media/video_reader.h"
#include "svj/version.h"
#include "tests/support/cli_runner.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void versionFlag();
    void helpListsSubcommands();
    void noArgumentsIsAUsageError();
    void unknownCommandIsAUsageError();
    void probePrintsFrameCountAndFps();
    void probeJson();
    void probeBadFileExitsTwo_data();
    void probeBadFileExitsTwo();
    void probeUnknownOption();
    void framesWritesTheExactFrame();
    void framesByTime();
    void framesErrors_data();
    void framesErrors();

private:
    using Result = svj::test::CliResult;
    static Result run(const QStringList& arguments) { return svj::test::runCli(arguments); }
};

void TestCli::initTestCase() {
    QVERIFY2(!svj::test::cliPath().isEmpty(), "SVJ_CLI must name the svj executable (CTest sets it)");
}

void TestCli::versionFlag() {
    const Result result = run({QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), QStringLiteral("svj ") + QString::fromUtf8(svj::kVersion));
}

void TestCli::helpListsSubcommands() {
    const Result result = run({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(QStringLiteral("Commands:")));
    QVERIFY(result.out.contains(QStringLiteral("  probe ")));
    QVERIFY(result.out.contains(QStringLiteral("  version ")));
    const Result probeHelp = run({QStringLiteral("probe"), QStringLiteral("--help")});
    QCOMPARE(probeHelp.exitCode, 0);
    QVERIFY(probeHelp.out.contains(QStringLiteral("--json")));
}

void TestCli::noArgumentsIsAUsageError() {
    const Result result = run({});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.contains(QStringLiteral("Usage: svj")));
}

void TestCli::unknownCommandIsAUsageError() {
    const Result result = run({QStringLiteral("frobnicate")});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.err.trimmed(), QStringLiteral("svj: error: unknown command 'frobnicate' (see 'svj --help')"));
}

void TestCli::probePrintsFrameCountAndFps() {
    const QString path = svj::test::clip(QStringLiteral("h264_25fps_50f.mp4"));
    QVERIFY(!path.isEmpty());
    const Result result = run({QStringLiteral("probe"), path});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral("frames:        50\n")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("frame rate:    25.000 fps (25/1), constant")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("#0 video  h264")), qPrintable(result.out));
    QVERIFY(result.out.contains(QStringLiteral("duration:      2.000 s")));
    QVERIFY(result.out.contains(QStringLiteral("size:          320x240")));
    QVERIFY(result.err.isEmpty());
}

void TestCli::probeJson() {
    const Result result =
        run({QStringLiteral("probe"), QStringLiteral("--json"), svj::test::clip(QStringLiteral("h264_25fps_50f.mp4"))});
    QCOMPARE(result.exitCode, 0);
    QJsonParseError error{};
    const QJsonObject object = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(object.value(QStringLiteral("frame_count")).toInt(), 50);
    QCOMPARE(object.value(QStringLiteral("fps")).toDouble(), 25.0);
    QCOMPARE(object.value(QStringLiteral("codec")).toString(), QStringLiteral("h264"));
}

void TestCli::probeBadFileExitsTwo_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("text file") << svj::test::clip(QStringLiteral("not_a_video.txt"))
                               << QStringLiteral("not a video file");
    QTest::newRow("missing") << svj::test::clipsDir() + QStringLiteral("/missing.mp4")
                             << QStringLiteral("file not found");
    QTest::newRow("audio only") << svj::test::clip(QStringLiteral("audio_only.m4a"))
                                << QStringLiteral("no video stream");
}

void TestCli::probeBadFileExitsTwo() {
    QFETCH(QString, path);
    QFETCH(QString, reason);
    const Result result = run({QStringLiteral("probe"), path});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    // One line, naming the file and the reason.
    QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(result.err.startsWith(QStringLiteral("svj: error: ") + path + QStringLiteral(": ")),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(reason), qPrintable(result.err));
}

void TestCli::probeUnknownOption() {
    const Result result = run({QStringLiteral("probe"), QStringLiteral("--frames"), QStringLiteral("x.mp4")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("unknown option '--frames'")), qPrintable(result.err));
}

namespace {
int patternOfPng(const QString& path) {
    svj::media::VideoReader reader(path.toStdString());
    const svj::media::VideoFrame frame = reader.readFrame(0);
    return svj::test::frameIndexInPicture(frame.pixels.data(), frame.width, frame.height, frame.stride);
}
} // namespace

void TestCli::framesWritesTheExactFrame() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("f77.png"));
    const Result result = run({QStringLiteral("frames"), svj::test::clip(QStringLiteral("idx_h264_bframes.mp4")),
                               QStringLiteral("--at"), QStringLiteral("77"), QStringLiteral("--out"), out});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(QStringLiteral("frame 77 (320x240, at 3.08 s)")), qPrintable(result.out));
    QCOMPARE(patternOfPng(out), 77);
}

void TestCli::framesByTime() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("t.png"));
    // 1.25 s in the VFR clip falls inside frame 30 (1.2 s to 1.3 s).
    const Result result = run({QStringLiteral("frames"), svj::test::clip(QStringLiteral("idx_vfr.mkv")),
                               QStringLiteral("--time"), QStringLiteral("1.25"), QStringLiteral("--out"), out});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(patternOfPng(out), 30);
}

void TestCli::framesErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString clip = svj::test::clip(QStringLiteral("idx_h264_bframes.mp4"));
    const QString out = QDir::temp().filePath(QStringLiteral("svj-tst-cli-never-written.png"));
    QTest::newRow("frame past the end") << QStringList{QStringLiteral("frames"), clip,
                                                       QStringLiteral("--at"),   QStringLiteral("120"),
                                                       QStringLiteral("--out"),  out}
                                        << QStringLiteral("frame 120 is outside the video (it has 120 frames, 0..119)");
    QTest::newRow("time past the end") << QStringList{QStringLiteral("frames"), clip,
                                                      QStringLiteral("--time"), QStringLiteral("4.8"),
                                                      QStringLiteral("--out"),  out}
                                       << QStringLiteral("is outside the video");
    QTest::newRow("both") << QStringList{QStringLiteral("frames"), clip,
                                         QStringLiteral("--time"), QStringLiteral("1"),
                                         QStringLiteral("--at"),   QStringLiteral("1"),
                                         QStringLiteral("--out"),  out}
                          << QStringLiteral("give either --at N or --time SECONDS");
    QTest::newRow("not a video") << QStringList{QStringLiteral("frames"),
                                                svj::test::clip(QStringLiteral("not_a_video.txt")),
                                                QStringLiteral("--at"),
                                                QStringLiteral("0"),
                                                QStringLiteral("--out"),
                                                out}
                                 << QStringLiteral("not a video file");
    QTest::newRow("bad number") << QStringList{QStringLiteral("frames"), clip,
                                               QStringLiteral("--at"),   QStringLiteral("seven"),
                                               QStringLiteral("--out"),  out}
                                << QStringLiteral("expects a whole number, got 'seven'");
}

void TestCli::framesErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(!QFile::exists(arguments.last()));
}

SVJ_REGISTER_TEST(TestCli)
#include "tst_cli.moc"
