// Which videos a folder or manifest names: stable order, image-sequence folders, errors with file and line.
#include "media/media_error.h"
#include "media/video_files.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace svj::media;

class VideoFilesTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void folderIsSearchedRecursivelyAndSorted();
    void imageFoldersCountAsVideos();
    void textManifestResolvesRelativePaths();
    void csvManifestUsesThePathColumn();
    void errorsNameTheFileAndLine();

private:
    QString touch(const QString& relative);
    std::unique_ptr<QTemporaryDir> m_dir;
};

QString VideoFilesTest::touch(const QString& relative) {
    const QString path = m_dir->filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    svj::test::writeFile(path, "x");
    return path;
}

void VideoFilesTest::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void VideoFilesTest::folderIsSearchedRecursivelyAndSorted() {
    touch(QStringLiteral("b.mp4"));
    touch(QStringLiteral("a/c.MKV"));
    touch(QStringLiteral("notes.txt"));
    touch(QStringLiteral("a/poster.jpg")); // one picture is not a sequence
    const std::vector<std::string> videos = listVideoFiles(m_dir->path().toStdString());
    const std::vector<std::string> expected{m_dir->filePath(QStringLiteral("a/c.MKV")).toStdString(),
                                            m_dir->filePath(QStringLiteral("b.mp4")).toStdString()};
    QCOMPARE(videos, expected);
}

void VideoFilesTest::imageFoldersCountAsVideos() {
    for (int i = 0; i < 6; ++i) {
        touch(QStringLiteral("frames/f%1.png").arg(i));
    }
    touch(QStringLiteral("z.webm"));
    const std::vector<std::string> videos = listVideoFiles(m_dir->path().toStdString());
    QCOMPARE(videos.size(), size_t(2));
    QCOMPARE(videos.front(), m_dir->filePath(QStringLiteral("frames")).toStdString());
    // Named directly, the picture folder is the one video.
    QCOMPARE(listVideoFiles(m_dir->filePath(QStringLiteral("frames")).toStdString()),
             std::vector<std::string>{m_dir->filePath(QStringLiteral("frames")).toStdString()});
}

void VideoFilesTest::textManifestResolvesRelativePaths() {
    touch(QStringLiteral("v/one.mp4"));
    const QString absolute = touch(QStringLiteral("two.mov"));
    const QString manifest = m_dir->filePath(QStringLiteral("list.txt"));
    svj::test::writeFile(manifest, QStringLiteral("# clips\n\nv/one.mp4\n%1\n").arg(absolute).toUtf8());
    const std::vector<std::string> videos = listVideoFiles(manifest.toStdString());
    QCOMPARE(videos.size(), size_t(2));
    QCOMPARE(videos[0], m_dir->filePath(QStringLiteral("v/one.mp4")).toStdString()); // file order kept
    QCOMPARE(videos[1], absolute.toStdString());
}

void VideoFilesTest::csvManifestUsesThePathColumn() {
    touch(QStringLiteral("one, with comma.mp4"));
    const QString manifest = m_dir->filePath(QStringLiteral("list.csv"));
    svj::test::writeFile(manifest, "model,path\nx,\"one, with comma.mp4\"\n");
    const std::vector<std::string> videos = listVideoFiles(manifest.toStdString());
    QCOMPARE(videos, std::vector<std::string>{m_dir->filePath(QStringLiteral("one, with comma.mp4")).toStdString()});
}

void VideoFilesTest::errorsNameTheFileAndLine() {
    const QString manifest = m_dir->filePath(QStringLiteral("list.txt"));
    svj::test::writeFile(manifest, "a.mp4\n");
    touch(QStringLiteral("a.mp4"));
    svj::test::writeFile(manifest, "a.mp4\n\nmissing.mp4\n");
    try {
        listVideoFiles(manifest.toStdString());
        QFAIL("no error");
    } catch (const MediaError& error) {
        const QString what = QString::fromUtf8(error.what());
        QVERIFY2(what.contains(manifest) && what.contains(QStringLiteral("line 3")) &&
                     what.contains(QStringLiteral("missing.mp4")),
                 qPrintable(what));
    }
    const QString csv = m_dir->filePath(QStringLiteral("bad.csv"));
    svj::test::writeFile(csv, "file,model\na.mp4,x\n");
    QVERIFY_THROWS_EXCEPTION(MediaError, listVideoFiles(csv.toStdString()));
    const QString empty = m_dir->filePath(QStringLiteral("empty"));
    QDir().mkpath(empty);
    QVERIFY_THROWS_EXCEPTION(MediaError, listVideoFiles(empty.toStdString()));
    QVERIFY_THROWS_EXCEPTION(MediaError, listVideoFiles(m_dir->filePath(QStringLiteral("nowhere")).toStdString()));
}

SVJ_REGISTER_TEST(VideoFilesTest)
#include "video_files_tests.moc"
