// The workbench as a desktop application: it speaks the shipped languages (system locale, menu override), every
// control can be reached from the keyboard and has a name for screen readers, and a crash writes a report and
// loses no label.
#include "annotation/workspace.h"
#include "annotation/workspace_sql.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"
#include "widgets/about_dialog.h"
#include "widgets/crash_handler.h"
#include "widgets/export_dialog.h"
#include "widgets/import_dialog.h"
#include "widgets/interface_language.h"
#include "widgets/labelling_panel.h"
#include "widgets/main_window.h"
#include "widgets/shortcut_table.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <csignal>

using namespace svj::widgets;

namespace {

QStringList menuTitles(const QMainWindow& window) {
    QStringList titles;
    for (QAction* action : window.menuBar()->actions()) {
        titles << action->text();
    }
    return titles;
}

// What a screen reader announces for the widget.
QString accessibleName(QWidget* widget) {
    QAccessibleInterface* face = QAccessible::queryAccessibleInterface(widget);
    return face ? face->text(QAccessible::Name).trimmed() : QString();
}

bool interactive(QWidget* widget) {
    return qobject_cast<QAbstractButton*>(widget) || qobject_cast<QComboBox*>(widget) ||
           qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QLineEdit*>(widget) ||
           qobject_cast<QAbstractItemView*>(widget) || qobject_cast<QAbstractSlider*>(widget);
}

// A control the keyboard reaches: in the Tab chain, or a button whose action or own shortcut triggers it.
bool keyboardReachable(QWidget* widget) {
    if (widget->focusPolicy() & Qt::TabFocus) {
        return true;
    }
    if (auto* button = qobject_cast<QAbstractButton*>(widget); button && !button->shortcut().isEmpty()) {
        return true;
    }
    if (auto* tool = qobject_cast<QToolButton*>(widget); tool && tool->defaultAction()) {
        return !tool->defaultAction()->shortcut().isEmpty();
    }
    return false;
}

QString describe(QWidget* widget) {
    QStringList chain;
    for (QWidget* at = widget; at; at = at->parentWidget()) {
        chain.prepend(at->objectName().isEmpty() ? QString::fromLatin1(at->metaObject()->className())
                                                 : at->objectName());
    }
    return chain.join(QStringLiteral(" > "));
}

// Every visible interactive control under `root` (parts of controls and dock title buttons aside: Qt keeps the
// latter out of the focus chain, and Label → Show the … Panel does their work): reachable, named. Returns how
// many were checked.
int checkReachAndNames(QWidget& root, QStringList& problems) {
    int checked = 0;
    for (QWidget* widget : root.findChildren<QWidget*>()) {
        if (!widget->isVisible() || !interactive(widget) || qobject_cast<QAbstractItemView*>(widget->parentWidget()) ||
            qobject_cast<QAbstractSpinBox*>(widget->parentWidget()) ||
            widget->objectName().startsWith(QLatin1String("qt_dockwidget_"))) {
            continue;
        }
        ++checked;
        if (!keyboardReachable(widget)) {
            problems << QStringLiteral("not reachable by keyboard: %1").arg(describe(widget));
        }
        if (accessibleName(widget).isEmpty()) {
            problems << QStringLiteral("no accessible name: %1").arg(describe(widget));
        }
    }
    return checked;
}

} // namespace

class DesktopTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void languageFollowsTheSystemUnlessChosen();
    void theInterfaceSpeaksEachShippedLanguage();
    void theLanguageMenuKeepsTheChoice();
    void everyControlIsReachableAndNamed();
    void aCrashWritesAReportAndLosesNoLabel();
    void theGuidesShortcutTableIsCurrent();

private:
    QString makeWorkspace(const QString& name, int models);

    QTemporaryDir m_dir;
};

void DesktopTest::initTestCase() {
    QVERIFY(m_dir.isValid());
}

void DesktopTest::cleanup() {
    installTranslations(QStringLiteral("en")); // other tests read English strings
}

// A workspace with one prompt from `models` generated "models", every same-prompt pair assigned to "tess".
QString DesktopTest::makeWorkspace(const QString& name, int models) {
    const QString project = m_dir.filePath(name + QStringLiteral("-videos"));
    if (!svj::test::makeModelClips(project, models, QStringLiteral("a heron.mp4"))) {
        return {};
    }
    const QString workspace = m_dir.filePath(name + QStringLiteral(".svjw"));
    const QString svj = qEnvironmentVariable("SVJ_BINARY");
    for (const QStringList& arguments :
         {QStringList{QStringLiteral("db"), QStringLiteral("init"), workspace},
          QStringList{QStringLiteral("db"), QStringLiteral("import"), workspace, QStringLiteral("--videos"), project,
                      QStringLiteral("--progress"), QStringLiteral("none")},
          QStringList{QStringLiteral("db"), QStringLiteral("pairs"), workspace},
          QStringList{QStringLiteral("db"), QStringLiteral("assign"), workspace, QStringLiteral("--annotators"),
                      QStringLiteral("tess"), QStringLiteral("--overlap"), QStringLiteral("1")}}) {
        QProcess process;
        process.start(svj, arguments);
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            qWarning("svj %s: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                     process.readAllStandardError().constData());
            return {};
        }
    }
    return workspace;
}

void DesktopTest::languageFollowsTheSystemUnlessChosen() {
    QCOMPARE(resolveLanguage(QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(resolveLanguage(QStringLiteral("de_AT")), QStringLiteral("de"));
    QCOMPARE(resolveLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(resolveLanguage(QStringLiteral("zh-Hans-SG")), QStringLiteral("zh_CN"));
    QCOMPARE(resolveLanguage(QStringLiteral("zh_TW")), QStringLiteral("en")); // traditional script: not ours
    QCOMPARE(resolveLanguage(QStringLiteral("fr_FR")), QStringLiteral("en"));
    // No choice: the system locale decides (QLocale::system() follows LANG/LC_ALL on Linux, read at start).
    const QString system = resolveLanguage(QString());
    QVERIFY(system == QStringLiteral("en") || system == QStringLiteral("de") || system == QStringLiteral("zh_CN"));
    QSettings settings(m_dir.filePath(QStringLiteral("language.ini")), QSettings::IniFormat);
    QCOMPARE(chosenLanguage(settings), QString());
    setChosenLanguage(settings, QStringLiteral("zh_CN"));
    QCOMPARE(chosenLanguage(settings), QStringLiteral("zh_CN"));
    setChosenLanguage(settings, QString());
    QVERIFY(!settings.contains(QStringLiteral("ui/language")));
}

// The compiled-in .qm files reach the namespaced classes' tr() (menus, plurals, Qt's own buttons).
void DesktopTest::theInterfaceSpeaksEachShippedLanguage() {
    QSettings settings(m_dir.filePath(QStringLiteral("speaks.ini")), QSettings::IniFormat);
    QCOMPARE(installTranslations(QStringLiteral("de")), QStringLiteral("de"));
    {
        MainWindow window(settings);
        QCOMPARE(menuTitles(window),
                 (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Ansicht"), QStringLiteral("&Wiedergabe"),
                              QStringLiteral("&Labeln"), QStringLiteral("&Hilfe")}));
        QCOMPARE(window.action(QStringLiteral("actionQuit"))->text(), QStringLiteral("&Beenden"));
    }
    const char* plural = "%n video(s) open: Space plays, arrows step, W jumps to the worst moment";
    QVERIFY(QCoreApplication::translate("svj::widgets::MainWindow", plural, nullptr, 1)
                .startsWith(QStringLiteral("1 Video offen")));
    QVERIFY(QCoreApplication::translate("svj::widgets::MainWindow", plural, nullptr, 3)
                .startsWith(QStringLiteral("3 Videos offen")));
    // Qt's own strings come along (qt6-translations-l10n): the standard Cancel button.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));

    QCOMPARE(installTranslations(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    {
        MainWindow window(settings);
        QCOMPARE(menuTitles(window).first(), QStringLiteral("文件(&F)"));
    }
    QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("svj::widgets::MainWindow", plural, nullptr, 1),
             QStringLiteral("1 video open: Space plays, arrows step, W jumps to the worst moment"));
    MainWindow window(settings);
    QCOMPARE(menuTitles(window).first(), QStringLiteral("&File"));
}

void DesktopTest::theLanguageMenuKeepsTheChoice() {
    QSettings settings(m_dir.filePath(QStringLiteral("menu.ini")), QSettings::IniFormat);
    MainWindow window(settings);
    QStringList languages;
    for (QAction* action : window.findChild<QMenu*>(QStringLiteral("languageMenu"))->actions()) {
        if (!action->isSeparator()) {
            languages << action->objectName();
        }
    }
    QCOMPARE(languages, (QStringList{QStringLiteral("actionLanguage_system"), QStringLiteral("actionLanguage_en"),
                                     QStringLiteral("actionLanguage_de"), QStringLiteral("actionLanguage_zh_CN")}));
    QVERIFY(window.findChild<QAction*>(QStringLiteral("actionLanguage_system"))->isChecked());
    // The choice is kept at once; the box that offers a restart is answered "Later".
    bool answered = false;
    QTimer::singleShot(0, this, [&answered] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::RejectRole) {
                button->click();
                answered = true;
            }
        }
    });
    window.findChild<QAction*>(QStringLiteral("actionLanguage_de"))->trigger();
    QVERIFY(answered);
    QCOMPARE(chosenLanguage(settings), QStringLiteral("de"));
    QVERIFY(window.findChild<QAction*>(QStringLiteral("actionLanguage_de"))->isChecked());
}

// With a workspace open (labelling, fine-tune and statistics shown, then the import, export and about dialogs),
// every interactive control is in the Tab chain or has a shortcut, and announces a name.
void DesktopTest::everyControlIsReachableAndNamed() {
    const QString workspace = makeWorkspace(QStringLiteral("a11y"), 3);
    QVERIFY(!workspace.isEmpty());
    QSettings settings(m_dir.filePath(QStringLiteral("a11y.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("annotator/name"), QStringLiteral("tess"));
    settings.setValue(QStringLiteral("judge/scoreWorkspace"), QString());
    MainWindow window(settings);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWorkspace(workspace));
    QVERIFY(window.labellingPanel()->shownPair() != 0);
    QStringList problems;
    int checked = 0;
    for (const char* panel : {"labelling", "finetune", "statistics"}) {
        window.showPanel(QString::fromLatin1(panel));
        QTest::qWait(50);
        checked += checkReachAndNames(window, problems);
    }
    // The dialogs the window opens.
    ImportDialog importer(workspace, &window);
    ExportDialog exporter(window.labellingPanel()->workspace(), &window);
    AboutDialog about(RuntimeVersions::collect(), &window);
    for (QDialog* dialog : std::initializer_list<QDialog*>{&importer, &exporter, &about}) {
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        checked += checkReachAndNames(*dialog, problems);
        dialog->hide();
    }
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY2(checked > 25, qPrintable(QString::number(checked)));
    window.close();
}

// A workbench killed by SIGSEGV while it stores votes (`--bench-labelling` votes through the queue): the report
// names the signal, the workspace and a backtrace; the workspace opens (and passes its check) with every label
// stored before the crash; the next start tells about the report.
void DesktopTest::aCrashWritesAReportAndLosesNoLabel() {
    const QString workspace = makeWorkspace(QStringLiteral("crash"), 12); // 66 pairs: time to crash mid-queue
    QVERIFY(!workspace.isEmpty());
    const QString home = m_dir.filePath(QStringLiteral("crash-home"));
    QVERIFY(QDir().mkpath(home));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess workbench;
    workbench.setProcessEnvironment(environment);
    workbench.setProcessChannelMode(QProcess::MergedChannels);
    const QString program =
        QFileInfo(qEnvironmentVariable("SVJ_BINARY")).dir().filePath(QStringLiteral("svj-workbench"));
    const auto stored = [&] {
        return QFileInfo(workspace + QStringLiteral("-wal")).size() + QFileInfo(workspace).size();
    };
    const qint64 before = stored();
    workbench.start(program, {QStringLiteral("--workspace"), workspace, QStringLiteral("--annotator"),
                              QStringLiteral("tess"), QStringLiteral("--bench-labelling")});
    QVERIFY2(workbench.waitForStarted(), qPrintable(program));
    // Crash it once votes are being written.
    QTRY_VERIFY_WITH_TIMEOUT(stored() != before || workbench.state() == QProcess::NotRunning, 60000);
    QTest::qWait(30);
    QVERIFY2(workbench.state() == QProcess::Running, workbench.readAll().constData());
    ::kill(static_cast<pid_t>(workbench.processId()), SIGSEGV);
    QVERIFY(workbench.waitForFinished(30000));
    QCOMPARE(workbench.exitStatus(), QProcess::CrashExit);
    const QString output = QString::fromUtf8(workbench.readAll());
    QVERIFY2(output.contains(QStringLiteral("crashed; report: ")), qPrintable(output));

    const QString reports = home + QStringLiteral("/data/svj-workbench/SVJ Workbench/crash-reports");
    const QStringList found = crashReportsSince(reports, 0);
    QCOMPARE(found.size(), 1);
    QFile report(found.first());
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(report.readAll());
    for (const QString& expected : {QStringLiteral("signal: SIGSEGV"), QStringLiteral("open: workspace ") + workspace,
                                    QStringLiteral("svj-workbench.log"), QStringLiteral("backtrace:\n")}) {
        QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + text));
    }
    // The time as a date a person reads, the file's own (written within the second).
    const QString written =
        QFileInfo(found.first()).lastModified().toUTC().toString(QStringLiteral("yyyy-MM-dd hh:mm"));
    QVERIFY2(text.contains(QStringLiteral("time: ") + written), qPrintable(text));

    // Every stored label is whole, and the file passes SQLite's full check.
    QProcess check;
    check.start(qEnvironmentVariable("SVJ_BINARY"), {QStringLiteral("db"), QStringLiteral("check"), workspace});
    QVERIFY(check.waitForFinished(60000));
    QVERIFY2(check.exitCode() == 0, check.readAllStandardOutput() + check.readAllStandardError());
    {
        const svj::annotation::Workspace opened = svj::annotation::Workspace::open(workspace);
        const int labels =
            svj::annotation::WorkspaceSql(opened).scalar(QStringLiteral("SELECT COUNT(*) FROM labels")).toInt();
        QVERIFY2(labels >= 1 && labels < 66, qPrintable(QString::number(labels)));
    }

    // The next start says so, once.
    QSettings settings(m_dir.filePath(QStringLiteral("crash.ini")), QSettings::IniFormat);
    MainWindow window(settings);
    window.show();
    window.showCrashReports(reports);
    auto* notice = window.findChild<QMessageBox*>(QStringLiteral("crashReportNotice"));
    QVERIFY(notice && notice->isVisible());
    QVERIFY(notice->text().contains(QFileInfo(found.first()).fileName()));
    notice->close();
    window.showCrashReports(reports);
    QTest::qWait(10);
    QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("crashReportNotice")));
}

// docs/user-guide.md carries the table `svj-workbench --workspace WS --shortcuts` prints, between two markers.
void DesktopTest::theGuidesShortcutTableIsCurrent() {
    const QString workspace = makeWorkspace(QStringLiteral("keys"), 2);
    QVERIFY(!workspace.isEmpty());
    QSettings settings(m_dir.filePath(QStringLiteral("keys.ini")), QSettings::IniFormat);
    MainWindow window(settings);
    QVERIFY(window.openWorkspace(workspace));
    const QString table = shortcutTable(window);
    for (const char* expected : {"| File | Open Videos | `Ctrl+O` |", "| Label | Left better | `1` |",
                                 "| Playback | Play / Pause | `Space` |"}) {
        QVERIFY2(table.contains(QString::fromUtf8(expected)), qPrintable(table));
    }
    QFile guide(QStringLiteral(SVJ_TEST_DATA_DIR "/../../docs/user-guide.md"));
    QVERIFY(guide.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(guide.readAll());
    const QString begin = QStringLiteral("<!-- shortcuts:begin -->\n");
    const qsizetype from = text.indexOf(begin) + begin.size();
    const qsizetype to = text.indexOf(QStringLiteral("<!-- shortcuts:end -->"));
    QVERIFY2(from >= begin.size() && to > from, "docs/user-guide.md lacks the shortcut markers");
    QVERIFY2(text.mid(from, to - from) == table,
             qPrintable(QStringLiteral("docs/user-guide.md's shortcut table is out of date; it should be:\n") + table));
}

SVJ_REGISTER_TEST(DesktopTest)
#include "desktop_tests.moc"
