// The workbench's top-level window: menus, status bar, and the panes it composes. Owns no domain logic.
#pragma once

#include <QMainWindow>

class QAction;
class QProgressBar;
class QSettings;
class QStackedWidget;

namespace svj::widgets {

class ComparisonView;
class WelcomePage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `settings` holds window geometry and preferences; it must outlive the window.
    explicit MainWindow(QSettings& settings, QWidget* parent = nullptr);

    // Menu actions by object name, for tests and for the shortcut table.
    QAction* action(const QString& objectName) const;

    ComparisonView* comparisonView() const { return m_comparison; }

public slots:
    void showAbout();
    // Opens 1-4 videos in the comparison view; with `score`, the judge scores them (in a child process).
    // Errors go to a dialog and the status bar; returns whether the videos opened.
    bool openVideos(const QStringList& paths, bool score = true);
    void chooseVideos();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void setUpScoreCache();
    void restoreWindowState();
    void saveWindowState();

    QSettings& m_settings;
    WelcomePage* m_welcome = nullptr;
    ComparisonView* m_comparison = nullptr;
    QStackedWidget* m_pages = nullptr;
    QProgressBar* m_scoreProgress = nullptr;
};

} // namespace svj::widgets
