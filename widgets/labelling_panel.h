// The labelling panel beside the comparison view: one annotator's queue on a workspace, verdicts with single
// keys (overall and per aspect), evidence marks at the playhead, comment, skip, flag, undo / redo, the
// must-watch rule, and the next pair probed ahead so it appears at once. No mouse needed.
#pragma once

#include "annotation/labelling_session.h"
#include "widgets/comparison_view.h"
#include "widgets/watch_tracker.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QPointer>
#include <QWidget>

#include <future>
#include <memory>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QCheckBox;

namespace svj::widgets {

class LabellingPanel : public QWidget {
    Q_OBJECT
public:
    // Labels pairs of `workspace` (which must outlive the panel: the window's WorkspaceSession holds it) as
    // `annotator`, showing them in `view`. Throws annotation::WorkspaceError.
    LabellingPanel(annotation::Workspace& workspace, const QString& annotator, ComparisonView* view,
                   QWidget* parent = nullptr);
    ~LabellingPanel() override;

    annotation::Workspace& workspace() { return m_workspace; }
    annotation::LabellingSession& session() { return *m_session; }
    QAction* action(const QString& objectName) const;
    QList<QAction*> labellingActions() const { return m_actions; }

    // A vote counts only once both videos were watched (nearly) to the end. On by default.
    void setMustWatch(bool on);
    bool mustWatch() const { return m_mustWatch; }
    // Draw the judge's curves while voting (off by default: they would sway the annotator).
    void setShowJudge(bool on);
    double watchedFraction(int side) const { return m_watch.fraction(side); }
    // Probe the next pair while this one is shown (on by default; off only for the benchmark's baseline).
    void setPreload(bool on) { m_preloadEnabled = on; }
    // The pair on screen (0: none) and how many items were shown since the panel opened.
    qint64 shownPair() const { return m_shownPair; }

public slots:
    // Overall verdict by side as shown: 0 left better, 1 right better, 2 tie, 3 both bad. Stores and moves on.
    void voteSide(int choice);
    // The verdict of one aspect row (same choices), kept until the vote.
    void setAspectChoice(int aspect, int choice);
    void selectAspect(int aspect);
    // An evidence mark at the playhead on the left (0) or right (1) video.
    void addEvidence(int side, const QString& note);
    void skip();
    void flag();
    void undo();
    void redo();
    void setQueue(int kind);
    // Shows the current item again (after the players showed something else, a diff's pair say).
    void backToQueue();
    // Reads the queue again (after an import, say).
    void refreshQueue();
    // Gives the annotator every pair they have no assignment for yet (sides and order drawn at random).
    void assignMePairs();

signals:
    void statusMessage(QString message);
    // A new item is on screen (pair id; 0 when the queue is done).
    void itemShown(qint64 pairId);
    // The user changed a preference (for the settings).
    void mustWatchChanged(bool on);
    void showJudgeChanged(bool on);

private:
    void createActions();
    void showCurrent();
    void preloadFollowing();
    void updateProgress();
    void updateWatch();
    void onTimeChanged(qint64 timeUs);
    void resetChoices();
    // Whether the players show the current item, sides as assigned: votes count only then.
    bool showingCurrent() const;
    // Undo (back) or redo, and the item it concerns shown again.
    void stepHistory(bool back);
    void setLastEvidenceNote(const QString& note);
    bool eventFilter(QObject* watched, QEvent* event) override;
    annotation::Verdict verdictOf(int choice) const; // side choice -> verdict on A and B

    annotation::Workspace& m_workspace;
    std::unique_ptr<annotation::LabellingSession> m_session;
    QPointer<ComparisonView> m_view; // the main window may destroy it first
    QList<QAction*> m_actions;
    WatchTracker m_watch;
    int64_t m_lastFrame = -1;
    QElapsedTimer m_onItem;
    qint64 m_shownPair = 0;
    bool m_mustWatch = true;
    bool m_showJudge = false;
    bool m_preloadEnabled = true;
    QStringList m_aspects;
    QVector<int> m_aspectChoices; // -1: none
    int m_selectedAspect = 0;
    QJsonArray m_evidence;
    // The next pair, probed on a worker thread while this one is shown.
    qint64 m_preloadedPair = 0;
    std::future<ComparisonView::Probed> m_preload;

    QComboBox* m_queueBox = nullptr;
    QLabel* m_progressLabel = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QLabel* m_itemLabel = nullptr;
    QLabel* m_watchLabel = nullptr;
    QList<QPushButton*> m_verdictButtons;
    QList<QButtonGroup*> m_aspectGroups;
    QList<QLabel*> m_aspectLabels;
    QListWidget* m_evidenceList = nullptr;
    QLineEdit* m_comment = nullptr;
    QLineEdit* m_noteEdit = nullptr; // the note of the mark just made
    QPushButton* m_assignButton = nullptr;
    QCheckBox* m_mustWatchBox = nullptr;
    QCheckBox* m_showJudgeBox = nullptr;
};

} // namespace svj::widgets
