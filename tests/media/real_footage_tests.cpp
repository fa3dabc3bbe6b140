// Real camera footage from Debian packages (scripts/fetch-demo-footage.sh, a CTest fixture): counts,
// random access equal to sequential decoding, RGB equal to the ffmpeg CLI's.
#include "media/video_probe.h"
#include "media/video_reader.h"
#include "tests/media/media_test_helpers.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace svj::media;

class RealFootageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void frameCounts_data();
    void frameCounts();
    void randomAccessEqualsSequential_data();
    void randomAccessEqualsSequential();
    void rgbMatchesFfmpegCli_data();
    void rgbMatchesFfmpegCli();

private:
    QString path(const QString& name) const { return QDir(m_dir).filePath(name); }
    void addFootageRows();
    QString m_dir;
};

namespace {
// Frame counts a full decode gives (demo-footage.md lists the headers' claims, which are not all true).
const std::pair<const char*, int> kFootage[] = {
    {"cockatoo.mp4", 280},
    {"realshort.mp4", 36},
    {"balle-jbart.mp4", 255},
    {"balle1-vp9.avi", 295},
    {"Effet_force_magnetique.ogv", 34},
    {"Force_constante.avi", 26},
    {"Principe_inertie.avi", 28},
    {"g1.avi", 16},
    {"g2.avi", 16},
    {"hug-movie.mp4", 166},
    {"motion.mov", 242},
    {"Shepard_Calais_1906_FrenchGP.ogv", 288},
    {"dlib_frames", 151},
};
} // namespace

void RealFootageTest::initTestCase() {
    m_dir = qEnvironmentVariable("SVJ_DEMO_FOOTAGE");
    QVERIFY2(!m_dir.isEmpty(), "SVJ_DEMO_FOOTAGE must name the footage folder (CTest sets it)");
    QFile unavailable(path(QStringLiteral("UNAVAILABLE")));
    if (unavailable.open(QIODevice::ReadOnly)) {
        QSKIP(qPrintable(QStringLiteral("real footage not available: ") + QString::fromUtf8(unavailable.readAll())));
    }
    QVERIFY2(QFile::exists(path(QStringLiteral("MANIFEST"))), qPrintable(m_dir + QStringLiteral(" has no MANIFEST")));
}

void RealFootageTest::addFootageRows() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("frames");
    for (const auto& [name, frames] : kFootage) {
        QTest::newRow(name) << QString::fromLatin1(name) << frames;
    }
}

void RealFootageTest::frameCounts_data() {
    addFootageRows();
}

void RealFootageTest::frameCounts() {
    QFETCH(QString, name);
    QFETCH(int, frames);
    const VideoInfo info = probeVideo(path(name).toStdString());
    QCOMPARE(info.frameCount, int64_t(frames));
    VideoReader reader(path(name).toStdString());
    QCOMPARE(reader.verifyFrameCount(), int64_t(frames));
}

void RealFootageTest::randomAccessEqualsSequential_data() {
    addFootageRows();
}

void RealFootageTest::randomAccessEqualsSequential() {
    QFETCH(QString, name);
    QFETCH(int, frames);
    // Ground truth: one decode from the first frame to the last.
    std::vector<uint64_t> sequential;
    {
        VideoReader reader(path(name).toStdString());
        VideoFrame frame;
        for (int64_t i = 0; i < reader.frameCount(); ++i) {
            reader.readFrame(i, frame);
            QVERIFY(frame.exact);
            sequential.push_back(svj::test::pictureHash(frame));
        }
    }
    QCOMPARE(int(sequential.size()), frames);
    VideoReader reader(path(name).toStdString());
    std::vector<int64_t> order(static_cast<size_t>(frames));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    order.resize(std::min<size_t>(order.size(), 30));
    for (int64_t i = frames - 1; i >= std::max(0, frames - 10); --i) {
        order.push_back(i); // stepping backwards over the end
    }
    VideoFrame frame;
    for (const int64_t index : order) {
        reader.readFrame(index, frame);
        QVERIFY(frame.exact);
        if (svj::test::pictureHash(frame) != sequential[size_t(index)]) {
            QFAIL(qPrintable(QStringLiteral("frame %1 by random access differs from sequential decoding").arg(index)));
        }
    }
}

void RealFootageTest::rgbMatchesFfmpegCli_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("realshort (untagged SD: BT.601)") << QStringLiteral("realshort.mp4");
    QTest::newRow("hug-movie (tagged BT.709)") << QStringLiteral("hug-movie.mp4");
    QTest::newRow("balle-jbart (B-frames)") << QStringLiteral("balle-jbart.mp4");
    QTest::newRow("Force_constante (MPEG-4 ASP in AVI, B-frames)") << QStringLiteral("Force_constante.avi");
}

void RealFootageTest::rgbMatchesFfmpegCli() {
    QFETCH(QString, name);
    const QByteArray reference =
        svj::test::ffmpegOutput({QStringLiteral("-i"), path(name), QStringLiteral("-fps_mode"),
                                 QStringLiteral("passthrough"), QStringLiteral("-pix_fmt"), QStringLiteral("rgb24"),
                                 QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-")});
    QVERIFY(!reference.isEmpty());
    VideoReader reader(path(name).toStdString());
    VideoFrame frame;
    reader.readFrame(0, frame);
    const auto bytes = qsizetype(frame.pixels.size());
    QCOMPARE(reference.size(), bytes * reader.frameCount());
    for (int64_t i = reader.frameCount() - 1; i >= 0; i -= 5) {
        reader.readFrame(i, frame);
        const auto* expected = reinterpret_cast<const uint8_t*>(reference.constData()) + i * bytes;
        QVERIFY2(std::equal(frame.pixels.begin(), frame.pixels.end(), expected), qPrintable(QString::number(i)));
    }
}

SVJ_REGISTER_TEST(RealFootageTest)
#include "real_footage_tests.moc"
