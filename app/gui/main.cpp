// `svj-workbench`: the GUI entry point. Checks that a display exists, then wires settings into the window.
#include "model/runtime.h"
#include "svj/version.h"
#include "widgets/compare_modes.h"
#include "widgets/comparison_view.h"
#include "widgets/crash_handler.h"
#include "widgets/finetune_panel.h"
#include "widgets/interface_language.h"
#include "widgets/labelling_benchmark.h"
#include "widgets/labelling_panel.h"
#include "widgets/log_file.h"
#include "widgets/main_window.h"
#include "widgets/playback_benchmark.h"
#include "widgets/shortcut_table.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace {

bool hasEnvironment(const char* name) {
    const char* value = std::getenv(name);
    return value && *value;
}

// Without a display Qt's xcb plugin aborts; say what is wrong and how to run instead.
bool displayAvailable() {
#if defined(Q_OS_LINUX) || defined(Q_OS_UNIX)
    if (hasEnvironment("QT_QPA_PLATFORM")) {
        return true; // the user chose a platform (offscreen, vnc, wayland...): trust it
    }
    return hasEnvironment("DISPLAY") || hasEnvironment("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

} // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf(
                "Usage: svj-workbench [VIDEO... | WORKSPACE.svjw] [options]\n\n"
                "Opens 1-4 videos side by side on one clock and scores them with the default judge, or a\n"
                "workspace to label its pairs.\n\n"
                "Options:\n"
                "  --workspace LOC     label in this workspace (a file or a postgresql:// URL)\n"
                "  --annotator NAME    label as NAME (remembered)\n"
                "  --show PANEL        with a workspace: labelling, finetune, statistics or effort in front\n"
                "  --finetune EPOCHS   with a workspace: start fine-tuning the judge on its labels\n"
                "  --judge-curves      with a workspace: show the judge's curves while voting (the demo)\n"
                "  --language CODE     speak en, de or zh_CN this once (View > Language keeps a choice)\n"
                "  --shortcuts         print the keyboard shortcuts as a Markdown table, exit\n"
                "  --compare MODE      %s (two videos)\n"
                "  --seek SECONDS      start at this time\n"
                "  --bench-playback    play the videos at 1x, print dropped frames and timings, exit\n"
                "  --bench-labelling   vote through the workspace's queue, print key-to-next-pair times, exit\n"
                "  --version           print the version\n\n"
                "Keys: Space play/pause, Left/Right one frame, Shift ten, Home/End, W worst moment,\n"
                "N next sign change of the energy difference, I/O/L loop, Alt+Left/Right move B on the timeline,\n"
                "F2-F5 compare modes, F flicker, G gain,\n"
                "wheel zooms and drag pans every view, Ctrl+0 fit, Ctrl+1 actual pixels, Ctrl+E export PNG.\n",
                qPrintable(svj::widgets::compareModeNames()));
            return 0;
        }
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("svj-workbench %s\n", svj::kVersion);
            return 0;
        }
    }
    if (!displayAvailable()) {
        std::fprintf(stderr,
                     "svj-workbench: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                     "Run it on a desktop session, or on a headless machine under a virtual display:\n"
                     "  xvfb-run -a %s\n"
                     "or without any window system (for tests):\n"
                     "  QT_QPA_PLATFORM=offscreen %s\n",
                     argv[0], argv[0]);
        return 2;
    }

    QApplication application(argc, argv);
    QApplication::setApplicationName(QString::fromUtf8(svj::kApplicationName));
    QApplication::setOrganizationName(QString::fromUtf8(svj::kOrganizationName));
    QApplication::setApplicationVersion(QString::fromUtf8(svj::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("svj-workbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/svj/icons/svj-workbench.svg")));
    svj::model::configureThreads();

    // Messages also go to a rotating log the user can attach to a report (Help → Show Log); a crash writes a
    // report beside it.
    const QString dataFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    svj::widgets::installLogFile(QDir(dataFolder).filePath(QStringLiteral("logs/svj-workbench.log")));
    qInfo("svj-workbench %s started", svj::kVersion);
    const QString crashFolder = QDir(dataFolder).filePath(QStringLiteral("crash-reports"));
    svj::widgets::installCrashHandler(crashFolder);
    QSettings settings;
    const QStringList arguments = QApplication::arguments();
    // --compare MODE: one of the compare modes' command-line names (widgets/compare_modes.h).
    std::optional<svj::widgets::CompareMode> compareMode;
    if (const qsizetype compare = arguments.indexOf(QStringLiteral("--compare")); compare > 0) {
        const QString name = compare + 1 < arguments.size() ? arguments[compare + 1] : QString();
        compareMode = svj::widgets::compareModeNamed(name);
        if (!compareMode) {
            std::fprintf(stderr, "svj-workbench: --compare takes %s, not '%s'\n",
                         qPrintable(svj::widgets::compareModeNames()), qPrintable(name));
            return 2;
        }
    }
    const qsizetype languageOption = arguments.indexOf(QStringLiteral("--language"));
    const QString language = languageOption > 0 && languageOption + 1 < arguments.size()
                                 ? arguments[languageOption + 1]
                                 : svj::widgets::chosenLanguage(settings);
    if (svj::widgets::installTranslations(language) == QLatin1String("en") && !language.isEmpty() &&
        !language.startsWith(QLatin1String("en"))) {
        std::fprintf(stderr, "svj-workbench: no translation for '%s' (en, de, zh_CN); using English\n",
                     qPrintable(language));
    }
    svj::widgets::MainWindow window(settings);
    window.show();
    // Let the window take its size on screen (-geometry, the window manager) before panels are added to it:
    // a panel that raises the minimum size would otherwise resize it from the size it had before it was shown.
    QElapsedTimer exposing;
    exposing.start();
    while (window.windowHandle() && !window.windowHandle()->isExposed() && exposing.elapsed() < 2000) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    window.showCrashReports(crashFolder);
    // `svj-workbench A.mp4 B.mp4 [C D]`: straight into the comparison view, scored by the default judge.
    // Qt's own options (-geometry WxH, -style NAME, ...) and their values are not videos.
    static const QStringList kOptionsWithValue = {
        QStringLiteral("-geometry"),     QStringLiteral("-qwindowgeometry"), QStringLiteral("-style"),
        QStringLiteral("-platform"),     QStringLiteral("-display"),         QStringLiteral("-title"),
        QStringLiteral("-qwindowtitle"), QStringLiteral("-stylesheet"),      QStringLiteral("--compare"),
        QStringLiteral("--seek"),        QStringLiteral("--workspace"),      QStringLiteral("--annotator"),
        QStringLiteral("--show"),        QStringLiteral("--finetune"),       QStringLiteral("--language")};
    QStringList videos;
    QString workspace;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (kOptionsWithValue.contains(arguments[i])) {
            if (i + 1 < arguments.size() && arguments[i] == QLatin1String("--workspace")) {
                workspace = arguments[i + 1];
            } else if (i + 1 < arguments.size() && arguments[i] == QLatin1String("--annotator")) {
                settings.setValue(QStringLiteral("annotator/name"), arguments[i + 1]);
            }
            ++i;
        } else if (arguments[i].endsWith(QLatin1String(".svjw"), Qt::CaseInsensitive)) {
            workspace = arguments[i];
        } else if (!arguments[i].startsWith(QLatin1Char('-'))) {
            videos << arguments[i];
        }
    }
    if (!workspace.isEmpty()) {
        const bool opened = window.openWorkspace(workspace);
        if (arguments.contains(QStringLiteral("--bench-labelling"))) {
            // Times verdict key -> next pair on screen through the queue, prints the figures, exits.
            return opened ? svj::widgets::runLabellingBenchmark(window) : 2;
        }
        // --show PANEL and --finetune EPOCHS: a scripted start (screenshots, demos).
        const qsizetype show = arguments.indexOf(QStringLiteral("--show"));
        if (opened && show > 0 && show + 1 < arguments.size()) {
            window.showPanel(arguments[show + 1]);
        }
        if (opened && arguments.contains(QStringLiteral("--judge-curves")) && window.labellingPanel()) {
            window.labellingPanel()->setShowJudge(true);
        }
        const qsizetype finetune = arguments.indexOf(QStringLiteral("--finetune"));
        if (opened && finetune > 0 && finetune + 1 < arguments.size() && window.finetunePanel()) {
            window.finetunePanel()->start(std::max(1, arguments[finetune + 1].toInt()));
        }
    }
    if (arguments.contains(QStringLiteral("--shortcuts"))) {
        // The guide's shortcut table, from the menus as they are (with a workspace: the labelling keys too).
        std::fputs(svj::widgets::shortcutTable(window).toUtf8().constData(), stdout);
        return 0;
    }
    if (arguments.contains(QStringLiteral("--bench-playback"))) {
        // Measures playback of the given videos (no judge), prints the figures, exits.
        if (videos.isEmpty() || !window.openVideos(videos, false)) {
            std::fprintf(stderr, "svj-workbench: --bench-playback needs 1-4 videos that open\n");
            return 2;
        }
        return svj::widgets::runPlaybackBenchmark(*window.comparisonView());
    }
    if (!videos.isEmpty() && window.openVideos(videos)) {
        // --compare MODE and --seek SECONDS: start where the user (or a screenshot) wants.
        if (compareMode) {
            window.comparisonView()->setCompareMode(*compareMode);
        }
        const qsizetype seek = arguments.indexOf(QStringLiteral("--seek"));
        if (seek > 0 && seek + 1 < arguments.size()) {
            window.comparisonView()->seek(static_cast<qint64>(arguments[seek + 1].toDouble() * 1e6));
        }
    }
    return QApplication::exec();
}
