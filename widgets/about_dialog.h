// Help → About: what the program is, its version, and the library versions it is running with.
#pragma once

#include <QDialog>

namespace svj::widgets {

// The versions shown in the About dialog, gathered once at run time (not compile time).
struct RuntimeVersions {
    QString application;
    QString qt;
    QString ffmpeg;
    QString judgeRuntime; // "LibTorch 1.13.1 (CPU)"
    QString sqlite;

    static RuntimeVersions collect();
    // One line per library, for the dialog and for "copy to clipboard" in bug reports.
    QString toText() const;
};

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const RuntimeVersions& versions, QWidget* parent = nullptr);

    const RuntimeVersions& versions() const { return m_versions; }

private:
    RuntimeVersions m_versions;
};

} // namespace svj::widgets
