#include "widgets/main_window.h"

#include "annotation/server_credentials.h"
#include "annotation/sql_dialect.h"
#include "annotation/workspace.h"
#include "svj/version.h"
#include "widgets/about_dialog.h"
#include "widgets/comparison_view.h"
#include "widgets/crash_handler.h"
#include "widgets/export_dialog.h"
#include "widgets/finetune_panel.h"
#include "widgets/import_dialog.h"
#include "widgets/interface_language.h"
#include "widgets/judge_choice.h"
#include "widgets/labelling_panel.h"
#include "widgets/log_file.h"
#include "widgets/score_job.h"
#include "widgets/statistics_view.h"
#include "widgets/welcome_page.h"
#include "widgets/workspace_session.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrl>

namespace svj::widgets {
namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kRecentCheckpointsKey = QStringLiteral("judge/recentCheckpoints");
const QString kScoreWorkspaceKey = QStringLiteral("judge/scoreWorkspace");
const QString kRecentWorkspacesKey = QStringLiteral("workspaces/recent");
const QString kAnnotatorKey = QStringLiteral("annotator/name");
const QString kMustWatchKey = QStringLiteral("labelling/mustWatch");
const QString kShowJudgeKey = QStringLiteral("labelling/showJudge");
} // namespace

QString MainWindow::workspaceFilter() {
    return tr("SVJ workspaces (*.svjw);;SQLite files (*.sqlite *.db);;All files (*)");
}

MainWindow::MainWindow(QSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QString::fromUtf8(kApplicationName));
    m_pages = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_pages);
    m_comparison = new ComparisonView(m_pages);
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_comparison);
    setCentralWidget(m_pages);
    createMenus();
    statusBar()->showMessage(tr("Ready"));
    m_scoreProgress = new QProgressBar(this);
    m_scoreProgress->setMaximumWidth(180);
    m_scoreProgress->setAccessibleName(tr("Scoring progress"));
    m_scoreProgress->hide();
    statusBar()->addPermanentWidget(m_scoreProgress);
    connect(m_comparison, &ComparisonView::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_comparison, &ComparisonView::scoringProgress, this, [this](int done, int total) {
        m_scoreProgress->setRange(0, total);
        m_scoreProgress->setValue(done);
        m_scoreProgress->setFormat(tr("judge %p%"));
        m_scoreProgress->setVisible(done < total);
    });
    setUpScoreCache();
    updateRecentWorkspaces();
    resize(1280, 800);
    restoreWindowState();
}

QAction* MainWindow::action(const QString& objectName) const {
    return findChild<QAction*>(objectName);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction* open = file->addAction(tr("&Open Videos…"), this, &MainWindow::chooseVideos);
    open->setObjectName(QStringLiteral("actionOpenVideos"));
    open->setShortcut(QKeySequence::Open);
    QAction* newWorkspace = file->addAction(tr("&New Workspace…"), this, &MainWindow::chooseNewWorkspace);
    newWorkspace->setObjectName(QStringLiteral("actionNewWorkspace"));
    newWorkspace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QAction* openWorkspaceAction = file->addAction(tr("Open &Workspace…"), this, &MainWindow::chooseWorkspace);
    openWorkspaceAction->setObjectName(QStringLiteral("actionOpenWorkspace"));
    openWorkspaceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction* serverWorkspace = file->addAction(tr("Open Server Wo&rkspace…"), this, &MainWindow::chooseServerWorkspace);
    serverWorkspace->setObjectName(QStringLiteral("actionOpenServerWorkspace"));
    m_recentMenu = file->addMenu(tr("Recent Wor&kspaces"));
    m_recentMenu->setObjectName(QStringLiteral("recentWorkspacesMenu"));
    file->addSeparator();
    QAction* score = file->addAction(tr("&Score with the Judge"), this, [this] { m_comparison->scoreVideos(); });
    score->setObjectName(QStringLiteral("actionScore"));
    score->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    QAction* chooseJudge = file->addAction(tr("Score with Another &Checkpoint…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a judge checkpoint"),
                                                          QFileInfo(m_comparison->checkpoint()).path(),
                                                          tr("Judge checkpoints (*.safetensors);;All files (*)"));
        if (!path.isEmpty()) {
            m_comparison->setCheckpoint(path);
        }
    });
    chooseJudge->setObjectName(QStringLiteral("actionChooseCheckpoint"));
    chooseJudge->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    QAction* shippedJudge =
        file->addAction(tr("Score with the S&hipped Judge"), this, [this] { m_comparison->setCheckpoint({}); });
    shippedJudge->setObjectName(QStringLiteral("actionShippedJudge"));
    QAction* cancelScore = file->addAction(tr("&Cancel Scoring"), this, [this] { m_comparison->scoreJob().cancel(); });
    cancelScore->setObjectName(QStringLiteral("actionCancelScoring"));
    QAction* exportFrame = file->addAction(tr("&Export Frame as PNG…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export the frames on screen"),
                                         m_settings.value("lastExportFolder").toString(), tr("PNG images (*.png)"));
        if (!path.isEmpty()) {
            m_settings.setValue("lastExportFolder", QFileInfo(path).absolutePath());
            m_comparison->exportPicture(
                path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".png"));
        }
    });
    exportFrame->setObjectName(QStringLiteral("actionExportFrame"));
    exportFrame->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QAction* fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setObjectName(QStringLiteral("actionFullScreen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
    QAction* statusBarToggle = view->addAction(tr("&Status Bar"));
    statusBarToggle->setObjectName(QStringLiteral("actionStatusBar"));
    statusBarToggle->setCheckable(true);
    statusBarToggle->setChecked(true);
    connect(statusBarToggle, &QAction::toggled, statusBar(), &QWidget::setVisible);
    QAction* statistics = view->addAction(tr("S&tatistics of the Workspace"));
    statistics->setObjectName(QStringLiteral("actionStatistics"));
    statistics->setCheckable(true);
    statistics->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(statistics, &QAction::triggered, this, [this](bool on) { showStatistics(on); });
    createLanguageMenu(view);
    view->addSeparator();
    view->addActions(m_comparison->viewActions());

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    playback->setObjectName(QStringLiteral("playbackMenu"));
    playback->addActions(m_comparison->playbackActions());

    m_labelMenu = menuBar()->addMenu(tr("&Label"));
    m_labelMenu->setObjectName(QStringLiteral("labelMenu"));
    m_labelMenu->addAction(tr("Open a workspace to label (Ctrl+Shift+O)"))->setEnabled(false);
    m_labelMenu->addAction(tr("&Annotator Name…"), this, &MainWindow::chooseAnnotator);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* about =
        help->addAction(tr("&About %1").arg(QString::fromUtf8(kApplicationName)), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    QAction* showLog = help->addAction(tr("Show &Log"), this, [this] {
        const QString path = logFilePath();
        if (path.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
            QMessageBox::information(this, tr("Log"),
                                     path.isEmpty() ? tr("No log file is written in this session.")
                                                    : tr("The log is %1 (attach it to a report).").arg(path));
        }
    });
    showLog->setObjectName(QStringLiteral("actionShowLog"));
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setObjectName(QStringLiteral("actionAboutQt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createLanguageMenu(QMenu* view) {
    QMenu* menu = view->addMenu(tr("&Language"));
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(menu);
    const QString chosen = chosenLanguage(m_settings);
    const auto addLanguage = [&](const QString& code, const QString& text) {
        QAction* action = menu->addAction(text);
        action->setObjectName(QStringLiteral("actionLanguage_") + (code.isEmpty() ? QStringLiteral("system") : code));
        action->setCheckable(true);
        action->setChecked(code == chosen);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] {
            setChosenLanguage(m_settings, code);
            // Every view builds its strings once; a restart is how they all change together.
            QMessageBox box(QMessageBox::Information, tr("Language"),
                            tr("The interface speaks the new language from the next start."), QMessageBox::NoButton,
                            this);
            QPushButton* restart = box.addButton(tr("&Restart Now"), QMessageBox::AcceptRole);
            box.addButton(tr("&Later"), QMessageBox::RejectRole);
            box.exec();
            if (box.clickedButton() == restart && close()) {
                QStringList arguments = QApplication::arguments();
                arguments.removeFirst();
                for (QString& argument : arguments) {
                    argument = annotation::withoutPassword(argument); // libpq's file or memory has it by now
                }
                QProcess::startDetached(QApplication::applicationFilePath(), arguments);
            }
        });
    };
    const QString system = resolveLanguage(QString());
    for (const InterfaceLanguage& language : interfaceLanguages()) {
        if (language.code == system) {
            addLanguage(QString(), tr("System Language (%1)").arg(language.nativeName));
        }
    }
    menu->addSeparator();
    for (const InterfaceLanguage& language : interfaceLanguages()) {
        addLanguage(language.code, language.nativeName);
    }
}

void MainWindow::setUpScoreCache() {
    JudgeChoice* choice = m_comparison->judgeChoice();
    choice->setRecent(m_settings.value(kRecentCheckpointsKey).toStringList());
    connect(choice, &JudgeChoice::recentChanged, this,
            [this](const QStringList& recent) { m_settings.setValue(kRecentCheckpointsKey, recent); });
    // Scores are kept per video and checkpoint in a workspace of their own unless the user names another
    // (an empty value turns keeping them off).
    const QString workspace =
        m_settings
            .value(kScoreWorkspaceKey, QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
                                           .filePath(QStringLiteral("judge-scores.svjw")))
            .toString();
    const QString error = ScoreJob::prepareScoreWorkspace(workspace);
    if (!error.isEmpty()) {
        statusBar()->showMessage(tr("Judge scores will not be kept: %1").arg(error));
        return;
    }
    m_comparison->scoreJob().setScoreWorkspace(workspace);
    m_cacheWorkspace = workspace;
}

QString MainWindow::annotator() const {
    QString name = m_settings.value(kAnnotatorKey).toString().trimmed();
    if (name.isEmpty()) {
        name = qEnvironmentVariable("USER", QStringLiteral("annotator"));
    }
    return name;
}

void MainWindow::chooseAnnotator() {
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Annotator"), tr("Your name on the labels you give:"),
                                               QLineEdit::Normal, annotator(), &ok)
                             .trimmed();
    if (ok && !name.isEmpty()) {
        m_settings.setValue(kAnnotatorKey, name);
        if (m_labelling) {
            const QString location = m_session->location(); // a copy: opening again replaces the session
            openWorkspace(location);                        // a session belongs to one annotator
        }
    }
}

bool MainWindow::openWorkspace(const QString& given, bool create) {
    std::unique_ptr<WorkspaceSession> session;
    try {
        for (;;) {
            try {
                session = WorkspaceSession::open(given, create);
                break;
            } catch (const annotation::WorkspacePasswordError& error) {
                // Asked once per try, held in memory only (libpq's password file is the user's own choice).
                bool ok = false;
                const QString password = isVisible()
                                             ? QInputDialog::getText(this, tr("Password"),
                                                                     tr("%1\n\nPassword for %2:")
                                                                         .arg(QString::fromUtf8(error.what()),
                                                                              annotation::withoutPassword(given)),
                                                                     QLineEdit::Password, QString(), &ok)
                                             : QString();
                if (!ok || password.isEmpty()) {
                    throw;
                }
                annotation::rememberPassword(given, password);
            }
        }
    } catch (const std::exception& error) {
        const QString message = QString::fromUtf8(error.what());
        statusBar()->showMessage(tr("Cannot open the workspace: %1").arg(message));
        qWarning("cannot open the workspace %s: %s", qPrintable(annotation::withoutPassword(given)),
                 qPrintable(message));
        if (isVisible()) {
            QMessageBox::warning(this, tr("Cannot open the workspace"), message);
        }
        return false;
    }
    setCrashContext(QStringLiteral("workspace %1 (annotator %2)").arg(session->workspace().path(), annotator()));
    closeWorkspace(); // a fine-tune run the old panel started goes on; the new workspace's panel reattaches to its own
    m_session = std::move(session);
    const QString location = m_session->location(); // without a password
    m_pages->setCurrentWidget(m_comparison);
    // Scores go to (and come from) the workspace itself while it is open.
    m_comparison->scoreJob().setScoreWorkspace(location);
    try {
        m_labelling = new LabellingPanel(m_session->workspace(), annotator(), m_comparison);
    } catch (const std::exception& error) {
        statusBar()->showMessage(tr("Cannot label in this workspace: %1").arg(QString::fromUtf8(error.what())));
        m_comparison->scoreJob().setScoreWorkspace(m_cacheWorkspace);
        m_session.reset();
        return false;
    }
    m_labelling->setMustWatch(m_settings.value(kMustWatchKey, true).toBool());
    m_labelling->setShowJudge(m_settings.value(kShowJudgeKey, false).toBool());
    connect(m_labelling, &LabellingPanel::mustWatchChanged, this,
            [this](bool on) { m_settings.setValue(kMustWatchKey, on); });
    connect(m_labelling, &LabellingPanel::showJudgeChanged, this,
            [this](bool on) { m_settings.setValue(kShowJudgeKey, on); });
    m_labellingDock = new QDockWidget(tr("Labelling"), this);
    m_labellingDock->setObjectName(QStringLiteral("labellingDock"));
    m_labellingDock->setWidget(m_labelling);
    addDockWidget(Qt::RightDockWidgetArea, m_labellingDock);
    connect(m_labelling, &LabellingPanel::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    m_finetune = new FinetunePanel(location, m_session->workspace(), m_session->checkpointFolder(), m_comparison);
    m_comparison->scoreJob().setSharedWorkspace(&m_session->workspace());
    m_finetuneDock = new QDockWidget(tr("Fine-Tune"), this);
    m_finetuneDock->setObjectName(QStringLiteral("finetuneDock"));
    m_finetuneDock->setWidget(m_finetune);
    addDockWidget(Qt::RightDockWidgetArea, m_finetuneDock);
    tabifyDockWidget(m_labellingDock, m_finetuneDock);
    m_labellingDock->raise();
    // Statistics take the players' place (View → Statistics): tables and plots want the width.
    m_statistics = new StatisticsView(m_session->workspace(), m_pages);
    m_pages->addWidget(m_statistics);
    m_labellingDock->raise();
    connect(m_finetune, &FinetunePanel::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    m_labelMenu->clear();
    m_labelMenu->addActions(m_labelling->labellingActions());
    m_labelMenu->addSeparator();
    QAction* importAction = m_labelMenu->addAction(tr("&Import Videos or Labels…"), this, [this, location] {
        ImportDialog dialog(location, this);
        connect(&dialog, &ImportDialog::finished, this, [this](bool ok) {
            if (ok && m_labelling) {
                m_labelling->refreshQueue();
            }
        });
        dialog.exec();
    });
    importAction->setObjectName(QStringLiteral("actionImport"));
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    QAction* exportLabels = m_labelMenu->addAction(tr("E&xport Labels…"), this, [this] {
        if (m_session) {
            ExportDialog dialog(m_session->workspace(), this);
            dialog.exec();
        }
    });
    exportLabels->setObjectName(QStringLiteral("actionExportLabels"));
    exportLabels->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_labelMenu->addAction(tr("&Annotator Name…"), this, &MainWindow::chooseAnnotator);
    // The panels from the keyboard: their title bars' float and close buttons take no focus.
    m_labelMenu->addSeparator();
    QAction* labellingToggle = m_labellingDock->toggleViewAction();
    labellingToggle->setText(tr("Show the &Labelling Panel"));
    labellingToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    QAction* finetuneToggle = m_finetuneDock->toggleViewAction();
    finetuneToggle->setText(tr("Show the &Fine-Tune Panel"));
    finetuneToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_labelMenu->addActions({labellingToggle, finetuneToggle});
    m_labelMenu->setEnabled(true);
    QStringList recent = m_settings.value(kRecentWorkspacesKey).toStringList();
    recent.removeIf([&](const QString& entry) { return annotation::withoutPassword(entry) == location; });
    recent.prepend(location);
    m_settings.setValue(kRecentWorkspacesKey, recent.mid(0, 8));
    updateRecentWorkspaces();
    setWindowTitle(tr("%1 — %2").arg(m_session->workspace().path(), QString::fromUtf8(kApplicationName)));
    if (!m_session->passwordFile().isEmpty() && isVisible()) {
        // Told, without holding up the opening (open(), not exec()).
        auto* box = new QMessageBox(QMessageBox::Information, tr("Password moved"),
                                    tr("The password is now in %1 (readable by you only), where the workbench, svj "
                                       "and every PostgreSQL program find it. The workbench keeps the URL without it.")
                                        .arg(m_session->passwordFile()),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("passwordMovedMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    statusBar()->showMessage(
        tr("Labelling as %1: 1 / 2 left or right better, 3 tie, 4 both bad; S skips").arg(annotator()), 10000);
    m_comparison->setFocus();
    return true;
}

void MainWindow::showPanel(const QString& name) {
    if (name == QLatin1String("statistics") || name == QLatin1String("effort")) {
        showStatistics(true);
        if (m_statistics && name == QLatin1String("effort")) {
            m_statistics->showEffort();
        }
        return;
    }
    QDockWidget* dock = name == QLatin1String("finetune") ? m_finetuneDock : m_labellingDock;
    if (dock) {
        dock->show();
        dock->raise();
    }
}

void MainWindow::showStatistics(bool on) {
    if (!m_statistics) {
        statusBar()->showMessage(tr("Open a workspace to see its statistics"), 5000);
        return;
    }
    if (on) {
        m_statistics->refresh();
    }
    m_pages->setCurrentWidget(on ? static_cast<QWidget*>(m_statistics) : m_comparison);
    if (QAction* toggle = action(QStringLiteral("actionStatistics"))) {
        toggle->setChecked(on);
    }
}

QString MainWindow::checkpointFolder(const QString& workspace) {
    return WorkspaceSession::checkpointFolderOf(workspace);
}

MainWindow::~MainWindow() {
    closeWorkspace();
}

void MainWindow::closeWorkspace() {
    if (m_statistics) {
        m_pages->setCurrentWidget(m_comparison);
        delete m_statistics;
        m_statistics = nullptr;
    }
    if (m_finetuneDock) {
        delete m_finetuneDock; // a run it started goes on (it is a process of its own)
        m_finetuneDock = nullptr;
        m_finetune = nullptr;
    }
    if (m_comparison) {
        m_comparison->scoreJob().setSharedWorkspace(nullptr);
    }
    if (m_labellingDock) {
        delete m_labellingDock;
        m_labellingDock = nullptr;
        m_labelling = nullptr;
    }
    m_session.reset();
}

void MainWindow::chooseWorkspace() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a workspace"), m_settings.value("lastWorkspaceFolder").toString(), workspaceFilter());
    if (!path.isEmpty()) {
        m_settings.setValue("lastWorkspaceFolder", QFileInfo(path).absolutePath());
        openWorkspace(path);
    }
}

void MainWindow::chooseNewWorkspace() {
    QString path = QFileDialog::getSaveFileName(this, tr("Create a workspace"),
                                                m_settings.value("lastWorkspaceFolder").toString(), workspaceFilter());
    if (path.isEmpty()) {
        return;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".svjw");
    }
    m_settings.setValue("lastWorkspaceFolder", QFileInfo(path).absolutePath());
    openWorkspace(path, true);
}

void MainWindow::chooseServerWorkspace() {
    bool ok = false;
    const QString url = QInputDialog::getText(this, tr("Open a server workspace"),
                                              tr("PostgreSQL URL (postgresql://user@host[:port]/database; the "
                                                 "password is asked for when the server wants one):"),
                                              QLineEdit::Normal, QStringLiteral("postgresql://"), &ok);
    if (ok && annotation::WorkspaceLocation::isServerUrl(url.trimmed())) {
        openWorkspace(url.trimmed());
    } else if (ok) {
        QMessageBox::warning(
            this, tr("Not a server URL"),
            tr("'%1' is not a postgresql:// URL").arg(annotation::withoutPassword(url).toHtmlEscaped()));
    }
}

void MainWindow::updateRecentWorkspaces() {
    m_recentMenu->clear();
    const QStringList recent = m_settings.value(kRecentWorkspacesKey).toStringList();
    for (const QString& location : recent) {
        // An entry an older version stored with its password shows without it (opening it moves it out).
        m_recentMenu->addAction(annotation::withoutPassword(location), this,
                                [this, location] { openWorkspace(location); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showCrashReports(const QString& folder) {
    const QString seenKey = QStringLiteral("crash/lastSeen");
    const QStringList reports = crashReportsSince(folder, m_settings.value(seenKey, 0).toLongLong());
    m_settings.setValue(seenKey, QDateTime::currentSecsSinceEpoch());
    if (reports.isEmpty()) {
        return;
    }
    qWarning("the last run crashed; report: %s", qPrintable(reports.first()));
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("%1 closed unexpectedly").arg(QString::fromUtf8(kApplicationName)),
        tr("The last session ended in a crash. Labels cast before it are saved, and a workspace is checked when "
           "it is opened.<br><br>A report was written to <b>%1</b>. Please attach it, with the log, when you "
           "report the problem.")
            .arg(reports.first().toHtmlEscaped()),
        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("crashReportNotice"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* open = box->addButton(tr("Open the Reports Folder"), QMessageBox::ActionRole);
    connect(open, &QPushButton::clicked, this, [folder] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
    box->setModal(false);
    box->show();
    statusBar()->showMessage(tr("The last session crashed; report: %1").arg(reports.first()));
}

void MainWindow::showAbout() {
    AboutDialog dialog(RuntimeVersions::collect(), this);
    dialog.exec();
}

bool MainWindow::openVideos(const QStringList& paths, bool score) {
    const QString error = m_comparison->openVideos(paths);
    if (!error.isEmpty()) {
        statusBar()->showMessage(tr("Cannot open: %1").arg(error));
        qWarning("cannot open videos: %s", qPrintable(error));
        if (isVisible()) {
            QMessageBox::warning(this, tr("Cannot open the videos"), error);
        }
        return false;
    }
    setCrashContext(QStringLiteral("videos %1").arg(paths.join(QStringLiteral(", "))));
    m_pages->setCurrentWidget(m_comparison);
    m_comparison->setFocus();
    statusBar()->showMessage(tr("%n video(s) open: Space plays, arrows step, W jumps to the worst moment", nullptr,
                                static_cast<int>(paths.size())),
                             8000);
    if (score) {
        m_comparison->scoreVideos();
    }
    return true;
}

void MainWindow::chooseVideos() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open 2-4 videos to compare"), m_settings.value("lastVideoFolder").toString(),
        tr("Videos (*.mp4 *.mkv *.webm *.mov *.avi *.ogv *.ts *.y4m);;All files (*)"));
    if (paths.isEmpty()) {
        return;
    }
    m_settings.setValue("lastVideoFolder", QFileInfo(paths.front()).absolutePath());
    openVideos(paths);
}

void MainWindow::restoreWindowState() {
    const QByteArray geometry = m_settings.value(kGeometryKey).toByteArray();
    if (!geometry.isEmpty()) {
        restoreGeometry(geometry);
    }
    const QByteArray state = m_settings.value(kStateKey).toByteArray();
    if (!state.isEmpty()) {
        restoreState(state);
    }
}

void MainWindow::saveWindowState() {
    m_settings.setValue(kGeometryKey, saveGeometry());
    m_settings.setValue(kStateKey, saveState());
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_finetune && m_finetune->isRunning() && isVisible()) {
        QMessageBox box(QMessageBox::Question, tr("Fine-tuning is running"),
                        tr("The judge is still being fine-tuned. Stop it (a checkpoint is written, Resume continues "
                           "it), or keep it running? Reopening the workspace shows it again."),
                        QMessageBox::NoButton, this);
        QPushButton* stopButton = box.addButton(tr("Stop It"), QMessageBox::DestructiveRole);
        box.addButton(tr("Keep It Running"), QMessageBox::AcceptRole);
        QPushButton* cancel = box.addButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() == cancel) {
            event->ignore();
            return;
        }
        if (box.clickedButton() == stopButton) {
            m_finetune->stop();
        }
    }
    m_comparison->scoreJob().cancel(); // a judge still scoring goes with the window
    saveWindowState();
    event->accept();
}

} // namespace svj::widgets
