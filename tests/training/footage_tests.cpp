// Footage: the manifest as scripts/fetch-judge-footage.sh writes it, and the split by source (a source never
// on both sides; every kind represented; the same draw for the same seed).
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"
#include "tests/training/training_fixture.h"
#include "training/footage.h"
#include "training/photo_motion.h"

#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace svj::training;

class FootageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void manifestIsRead();
    void badManifestLinesAreNamed();
    void splitKeepsSourcesTogether();
    void explicitHeldOutSources();
    void photoMotionIsSmoothAndReproducible();

private:
    QTemporaryDir m_dir;
    QString m_footage;
};

void FootageTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_footage = m_dir.filePath(QStringLiteral("footage"));
    QVERIFY(svj::test::makeTrainingFootage(m_footage));
}

void FootageTest::manifestIsRead() {
    const std::vector<FootageItem> items = readFootage(m_footage.toStdString());
    QCOMPARE(items.size(), size_t(6));
    QCOMPARE(items[0].source, std::string("pattern"));
    QCOMPARE(items[1].source, std::string("pattern"));
    QCOMPARE(items[3].kind, FootageKind::Rendered);
    QCOMPARE(items[4].kind, FootageKind::Photo);
    QCOMPARE(items[5].kind, FootageKind::Object);
    QVERIFY(items[0].isVideo() && !items[4].isVideo());
    QCOMPARE(sourcesOf(items).size(), size_t(5));
    // A plain folder of videos: each its own camera source.
    const QString plain = m_dir.filePath(QStringLiteral("plain"));
    QVERIFY(QDir().mkpath(plain));
    QVERIFY(QFile::copy(m_footage + QStringLiteral("/clip2.mp4"), plain + QStringLiteral("/a.mp4")));
    const std::vector<FootageItem> folder = readFootage(plain.toStdString());
    QCOMPARE(folder.size(), size_t(1));
    QCOMPARE(folder[0].source, std::string("a"));
}

void FootageTest::badManifestLinesAreNamed() {
    const QString bad = m_dir.filePath(QStringLiteral("bad"));
    QVERIFY(QDir().mkpath(bad));
    QVERIFY(
        svj::test::writeFile(bad + QStringLiteral("/MANIFEST.tsv"), "path\tsource\tkind\nmissing.mp4\tx\tcamera\n"));
    try {
        readFootage(bad.toStdString());
        QFAIL("a missing file was accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("line 2")), error.what());
        QVERIFY(QString::fromUtf8(error.what()).contains(QStringLiteral("missing.mp4")));
    }
    QVERIFY(
        svj::test::writeFile(bad + QStringLiteral("/MANIFEST.tsv"), "path\tsource\tkind\n../footage\tx\tdrawing\n"));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readFootage(bad.toStdString()));
    QVERIFY(svj::test::writeFile(bad + QStringLiteral("/MANIFEST.tsv"), "file\tsource\n"));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readFootage(bad.toStdString()));
}

void FootageTest::splitKeepsSourcesTogether() {
    std::vector<FootageItem> items;
    for (int i = 0; i < 40; ++i) {
        FootageItem item;
        item.path = "v" + std::to_string(i);
        item.source = "s" + std::to_string(i / 2); // two items per source
        item.kind = i < 20 ? FootageKind::Camera : i < 30 ? FootageKind::Rendered : FootageKind::Photo;
        items.push_back(item);
    }
    const FootageSplit split = splitBySource(items, 0.25, 3);
    std::set<std::string> train;
    for (const FootageItem& item : split.train) {
        train.insert(item.source);
    }
    std::set<FootageKind> heldKinds;
    for (const FootageItem& item : split.heldOut) {
        QVERIFY2(!train.count(item.source), item.source.c_str());
        heldKinds.insert(item.kind);
    }
    QCOMPARE(heldKinds.size(), size_t(3)); // each kind on both sides
    QCOMPARE(split.train.size() + split.heldOut.size(), items.size());
    QVERIFY(split.heldOut.size() >= 8 && split.heldOut.size() <= 12);
    // The same seed, the same split, whatever order the manifest lists the items in.
    std::vector<FootageItem> reversed(items.rbegin(), items.rend());
    std::set<std::string> again;
    for (const FootageItem& item : splitBySource(reversed, 0.25, 3).heldOut) {
        again.insert(item.path);
    }
    std::set<std::string> first;
    for (const FootageItem& item : split.heldOut) {
        first.insert(item.path);
    }
    QCOMPARE(again, first);
}

void FootageTest::explicitHeldOutSources() {
    const std::vector<FootageItem> items = readFootage(m_footage.toStdString());
    const FootageSplit split = splitBySource(items, 0.5, 1, {"pattern", "photo"});
    QCOMPARE(split.heldOut.size(), size_t(3));
    QCOMPARE(split.train.size(), size_t(3));
}

void FootageTest::photoMotionIsSmoothAndReproducible() {
    const Picture photo = loadPicture((m_footage + QStringLiteral("/photo.png")).toStdString());
    const Picture object = loadPicture((m_footage + QStringLiteral("/object.png")).toStdString());
    QCOMPARE(photo.width, 400);
    QCOMPARE(object.rgba[3], uint8_t(0)); // the corner is transparent
    PhotoMotionSpec spec;
    spec.width = 96;
    spec.height = 64;
    spec.frames = 17;
    for (uint64_t seed = 0; seed < 6; ++seed) {
        std::mt19937_64 a(seed);
        std::mt19937_64 b(seed);
        const PhotoMotionClip first = renderPhotoMotion(photo, seed % 2 ? &object : nullptr, spec, a);
        const PhotoMotionClip second = renderPhotoMotion(photo, seed % 2 ? &object : nullptr, spec, b);
        QVERIFY(first.clip.rgb == second.clip.rgb);
        QCOMPARE(first.clip.frames, 17);
        QVERIFY(!first.description.empty());
        // It moves, and smoothly: no frame-to-frame change is far above the typical one.
        std::vector<double> steps;
        for (int t = 1; t < spec.frames; ++t) {
            double sum = 0;
            for (size_t i = 0; i < first.clip.frameBytes(); ++i) {
                sum += std::abs(first.clip.frame(t)[i] - first.clip.frame(t - 1)[i]);
            }
            steps.push_back(sum / static_cast<double>(first.clip.frameBytes()));
        }
        std::vector<double> sorted = steps;
        std::sort(sorted.begin(), sorted.end());
        QVERIFY2(sorted.back() > 0.05, first.description.c_str());
        QVERIFY2(sorted.back() < 4 * sorted[sorted.size() / 2] + 1.0, first.description.c_str());
    }
}

SVJ_REGISTER_TEST(FootageTest)
#include "footage_tests.moc"
