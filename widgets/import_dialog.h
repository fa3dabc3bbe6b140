// Brings videos and labels into a workspace: a folder of videos (MODEL/PROMPT.ext), a manifest, or a preference
// file in any benchmark format, then (for videos) pairs them. Runs `svj db import --progress json` / `svj db
// pairs` as child processes: a count of the videos or rows handled, the window stays responsive, Cancel kills
// the child, and an import is all or nothing, so a
// cancelled or failed one leaves the workspace as it was. The report (or the error, with its file and line)
// is shown.
#pragma once

#include "widgets/progress_reader.h"

#include <QDialog>
#include <QProcess>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace svj::widgets {

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Source { VideoFolder = 0, Manifest = 1, PreferenceFile = 2 };

    // `workspace`: the location the children open (a file or URL).
    explicit ImportDialog(const QString& workspace, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void setProgram(const QString& program) { m_program = program; }
    // Starts importing `path` (what the dialog's fields say otherwise); `pairs`: pair the videos afterwards
    // (same prompt, different models). Returns at once; finished() tells the outcome.
    void startImport(Source source, const QString& path, const QString& format = {}, bool pairs = true);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QString report() const;

signals:
    void finished(bool ok);

private:
    void runNext();

    QString m_workspace;
    QString m_program;
    QProcess m_process;
    QList<QStringList> m_steps; // the commands still to run
    QString m_log;
    ProgressReader m_reader; // stdout, split into lines
    QComboBox* m_source = nullptr;
    QComboBox* m_format = nullptr;
    QLineEdit* m_path = nullptr;
    QCheckBox* m_pairs = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_report = nullptr;
    QPushButton* m_importButton = nullptr;
};

} // namespace svj::widgets
