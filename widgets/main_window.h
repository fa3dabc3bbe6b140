// The workbench's top-level window: menus, status bar, and the panes it composes. Owns no domain logic.
#pragma once

#include <QMainWindow>

class QSettings;
class QAction;

namespace svj::widgets {

class WelcomePage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `settings` holds window geometry and preferences; it must outlive the window.
    explicit MainWindow(QSettings& settings, QWidget* parent = nullptr);

    // Menu actions by object name, for tests and for the shortcut table.
    QAction* action(const QString& objectName) const;

public slots:
    void showAbout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void restoreWindowState();
    void saveWindowState();

    QSettings& m_settings;
    WelcomePage* m_welcome = nullptr;
};

} // namespace svj::widgets
