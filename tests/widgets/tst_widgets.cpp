// widgets/: the main window's menus, the About dialog, and window geometry kept across runs.
#include "svj/version.h"
#include "tests/support/test_registry.h"
#include "widgets/about_dialog.h"
#include "widgets/log_file.h"
#include "widgets/main_window.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace svj::widgets;

class TestWidgets : public QObject {
    Q_OBJECT

private slots:
    void mainWindowHasItsMenus();
    void aboutShowsEveryLibraryVersion();
    void aboutActionOpensTheDialog();
    void geometryIsSavedAndRestored();
    void quitClosesTheWindow();
    void logFileRotates();

private:
    QTemporaryDir m_dir;
};

namespace {
QStringList menuTitles(const QMainWindow& window) {
    QStringList titles;
    for (QAction* action : window.menuBar()->actions()) {
        titles << action->text().remove(QLatin1Char('&'));
    }
    return titles;
}
} // namespace

void TestWidgets::mainWindowHasItsMenus() {
    QSettings settings(m_dir.filePath(QStringLiteral("menus.ini")), QSettings::IniFormat);
    MainWindow window(settings);
    QCOMPARE(menuTitles(window),
             (QStringList{QStringLiteral("File"), QStringLiteral("View"), QStringLiteral("Playback"),
                          QStringLiteral("Label"), QStringLiteral("Help")}));
    for (const char* name : {"actionQuit", "actionFullScreen", "actionStatusBar", "actionAbout", "actionAboutQt",
                             "actionNewWorkspace", "actionOpenWorkspace", "actionOpenServerWorkspace"}) {
        QVERIFY2(window.action(QString::fromLatin1(name)), name);
    }
    QCOMPARE(window.action(QStringLiteral("actionQuit"))->shortcut(), QKeySequence(QKeySequence::Quit));
}

void TestWidgets::aboutShowsEveryLibraryVersion() {
    const RuntimeVersions versions = RuntimeVersions::collect();
    QCOMPARE(versions.qt, QString::fromLatin1(qVersion()));
    QVERIFY2(versions.ffmpeg.startsWith(QStringLiteral("FFmpeg ")), qPrintable(versions.ffmpeg));
    QVERIFY2(versions.judgeRuntime.startsWith(QStringLiteral("LibTorch ")), qPrintable(versions.judgeRuntime));
    QVERIFY2(versions.sqlite.startsWith(QStringLiteral("SQLite 3.")), qPrintable(versions.sqlite));

    AboutDialog dialog(versions);
    const auto* libraries = dialog.findChild<QLabel*>(QStringLiteral("libraryVersions"));
    QVERIFY(libraries);
    for (const QString& part : {versions.qt, versions.ffmpeg, versions.judgeRuntime, versions.sqlite}) {
        QVERIFY2(libraries->text().contains(part.toHtmlEscaped()), qPrintable(part));
    }
    QVERIFY(dialog.windowTitle().contains(QString::fromUtf8(svj::kApplicationName)));
    QVERIFY(versions.toText().contains(QString::fromUtf8(svj::kVersion)));
}

void TestWidgets::aboutActionOpensTheDialog() {
    QSettings settings(m_dir.filePath(QStringLiteral("about.ini")), QSettings::IniFormat);
    MainWindow window(settings);
    window.show();
    bool seen = false;
    // The dialog is modal: find it from the event loop, check it, close it.
    QTimer::singleShot(0, &window, [&] {
        auto* dialog = window.findChild<AboutDialog*>();
        seen = dialog && dialog->isVisible();
        if (dialog) {
            dialog->reject();
        }
    });
    window.action(QStringLiteral("actionAbout"))->trigger();
    QVERIFY(seen);
}

void TestWidgets::geometryIsSavedAndRestored() {
    const QString path = m_dir.filePath(QStringLiteral("geometry.ini"));
    {
        QSettings settings(path, QSettings::IniFormat);
        MainWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(913, 577);
        QTRY_COMPARE(window.size(), QSize(913, 577));
        window.close();
    }
    QSettings settings(path, QSettings::IniFormat);
    QVERIFY(settings.contains(QStringLiteral("mainWindow/geometry")));
    MainWindow restored(settings);
    QCOMPARE(restored.size(), QSize(913, 577));
}

void TestWidgets::quitClosesTheWindow() {
    QSettings settings(m_dir.filePath(QStringLiteral("quit.ini")), QSettings::IniFormat);
    MainWindow window(settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.action(QStringLiteral("actionQuit"))->trigger();
    QVERIFY(!window.isVisible());
}

// Messages reach the log file as well as the previous handler; past its size the file rotates, keeping two.
void TestWidgets::logFileRotates() {
    const QString path = m_dir.filePath(QStringLiteral("logs/workbench.log"));
    QVERIFY(installLogFile(path, 400, 2));
    QCOMPARE(logFilePath(), path);
    for (int i = 0; i < 40; ++i) {
        qInfo("log line %d of the rotation test", i);
    }
    uninstallLogFile();
    QVERIFY(QFile::exists(path));
    QVERIFY(QFile::exists(path + QStringLiteral(".1")));
    QVERIFY(QFile::exists(path + QStringLiteral(".2")));
    QVERIFY(!QFile::exists(path + QStringLiteral(".3")));
    QFile last(path);
    QVERIFY(last.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(last.readAll());
    QVERIFY2(text.contains(QStringLiteral("info log line 39 of the rotation test")), qPrintable(text));
    QVERIFY(last.size() < 600);
    QVERIFY(!installLogFile(QStringLiteral("/proc/no-such-dir/x.log")));
    QVERIFY(logFilePath().isEmpty());
}

SVJ_REGISTER_TEST(TestWidgets)
#include "tst_widgets.moc"
