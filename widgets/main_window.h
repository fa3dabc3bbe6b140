// The workbench's top-level window: menus, status bar, and the panes it composes. Owns no domain logic.
#pragma once

#include <QMainWindow>

#include <memory>

class QAction;
class QProgressBar;
class QSettings;
class QStackedWidget;

namespace svj::widgets {

class ComparisonView;
class FinetunePanel;
class LabellingPanel;
class StatisticsView;
class WelcomePage;
class WorkspaceSession;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `settings` holds window geometry and preferences; it must outlive the window.
    explicit MainWindow(QSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override; // the panels go before the workspace they show

    // Menu actions by object name, for tests and for the shortcut table.
    QAction* action(const QString& objectName) const;

    ComparisonView* comparisonView() const { return m_comparison; }

public slots:
    void showAbout();
    // Opens 1-4 videos in the comparison view; with `score`, the judge scores them (in a child process).
    // Errors go to a dialog and the status bar; returns whether the videos opened.
    bool openVideos(const QStringList& paths, bool score = true);
    void chooseVideos();
    // Opens (or with `create`, creates) a workspace — a file or a postgresql:// URL — for labelling as the
    // annotator in the settings; errors go to a dialog and the status bar. Returns whether it opened.
    // `location` may carry a password (moved out: WorkspaceSession); when the server wants one it is asked for.
    bool openWorkspace(const QString& location, bool create = false);
    void chooseWorkspace();
    void chooseNewWorkspace();
    void chooseServerWorkspace();
    void chooseAnnotator();
    // Brings a workspace panel to the front: "labelling", "finetune" or "statistics".
    void showPanel(const QString& name);
    // The statistics of the open workspace in the players' place, or the players back.
    void showStatistics(bool on);
    LabellingPanel* labellingPanel() const { return m_labelling; }
    FinetunePanel* finetunePanel() const { return m_finetune; }
    StatisticsView* statisticsView() const { return m_statistics; }
    // Where a workspace's fine-tuned checkpoints go: beside its file, or in the user's data folder for a server.
    static QString checkpointFolder(const QString& workspace);
    QString annotator() const;
    // Tells the user about crash reports in `folder` written since the last start (a window that does not block).
    void showCrashReports(const QString& folder);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createLanguageMenu(class QMenu* view);
    static QString workspaceFilter();
    void setUpScoreCache();
    void updateRecentWorkspaces();
    void restoreWindowState();
    void saveWindowState();
    // Deletes the workspace's panels, then the workspace: every panel holds a Workspace& into the session.
    void closeWorkspace();

    QSettings& m_settings;
    std::unique_ptr<WorkspaceSession> m_session; // the open workspace; the panels below hold references into it
    WelcomePage* m_welcome = nullptr;
    ComparisonView* m_comparison = nullptr;
    QStackedWidget* m_pages = nullptr;
    QProgressBar* m_scoreProgress = nullptr;
    LabellingPanel* m_labelling = nullptr;
    class QDockWidget* m_labellingDock = nullptr;
    FinetunePanel* m_finetune = nullptr;
    class QDockWidget* m_finetuneDock = nullptr;
    StatisticsView* m_statistics = nullptr;
    class QMenu* m_recentMenu = nullptr;
    class QMenu* m_labelMenu = nullptr;
    QString m_cacheWorkspace; // where scores are kept while no workspace is open
};

} // namespace svj::widgets
