// The fine-tune panel: one click runs `svj finetune` on the workspace's labels in a process of its own (a crash
// cannot take the window down; it may outlive the window and is reattached on reopening), live loss and held-out
// accuracy plots with ETA, stop and resume, the checkpoints beside the workspace (activate, rename, delete), and
// the checkpoint diff: labelled pairs the new judge gets right that the old got wrong, and the reverse.
#pragma once

#include "annotation/checkpoint_diff.h"
#include "annotation/workspace.h"
#include "widgets/train_job.h"

#include <QPointer>
#include <QProcess>
#include <QWidget>

class QCustomPlot;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace svj::widgets {

class ComparisonView;

class FinetunePanel : public QWidget {
    Q_OBJECT
public:
    // `location`: the workspace's file or URL, for the child processes; `workspace`: this process's connection to
    // it (kept by the labelling panel; must outlive this one: a second connection in the same process was seen
    // to lose sight of other processes' writes, see docs/label-store.md). Checkpoints go to `checkpointFolder`.
    // `view` shows a diff's pairs.
    FinetunePanel(const QString& location, annotation::Workspace& workspace, const QString& checkpointFolder,
                  ComparisonView* view, QWidget* parent = nullptr);
    ~FinetunePanel() override;

    // The `svj` program (default: next to this executable).
    void setProgram(const QString& program) { m_job.setProgram(program); }
    bool isRunning() const;
    QString runningCheckpoint() const { return m_job.run().out; }
    // Checkpoints in the folder, newest first (paths).
    QStringList checkpoints() const;
    const annotation::CheckpointDiff& lastDiff() const { return m_diff; }
    // What the diff box says (counts, or why there is no diff).
    QString diffSummary() const;
    QString stateText() const;
    // Points per plot: training steps seen, held-out evaluations seen.
    int lossPoints() const;
    int accuracyPoints() const;
    static QString defaultJudge();

public slots:
    // Fine-tunes the judge in use (the comparison view's) on the workspace's labels for `epochs` epochs.
    void start(int epochs);
    // Asks the run to stop: it finishes its step, writes a checkpoint and exits (resume continues it).
    void stop();
    void resume();
    void activate(const QString& checkpoint);
    bool rename(const QString& checkpoint, const QString& newName);
    bool remove(const QString& checkpoint);
    // Scores the labelled videos with both judges (kept in the workspace) and lists the pairs that changed.
    void diff(const QString& oldCheckpoint, const QString& newCheckpoint);

signals:
    void statusMessage(QString message);
    void finished(bool completed); // the run ended (completed: its final checkpoint is written)
    void diffReady();

private:
    void launch(const TrainJob::Run& run, bool resuming);
    void showProgress(const protocol::ProgressLine& progress);
    void scheduleReplot();
    void runEnded(bool completed);
    void refreshCheckpoints();
    void showDiff();
    void scoreNext();

    QString m_workspace;
    annotation::Workspace& m_connection;
    QString m_folder;
    QPointer<ComparisonView> m_view;
    TrainJob m_job; // the fine-tune run: its process, run file and log
    bool m_replotPending = false;
    QProcess m_scoring;
    QStringList m_scoreQueue; // checkpoints still to score for the diff
    QStringList m_diffVideos;
    QString m_diffOld;
    QString m_diffNew;
    annotation::CheckpointDiff m_diff;

    QSpinBox* m_epochsBox = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_resumeButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_state = nullptr;
    QCustomPlot* m_plot = nullptr;
    QListWidget* m_checkpointList = nullptr;
    QListWidget* m_gained = nullptr;
    QListWidget* m_lost = nullptr;
    QLabel* m_diffLabel = nullptr;
};

} // namespace svj::widgets
