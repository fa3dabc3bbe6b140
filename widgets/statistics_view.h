// The statistics view: what a workspace's labels say, at a glance for a lead. Agreement (Cohen's kappa per pair
// of raters, Fleiss' kappa, Krippendorff's alpha; overall, with the judge as a rater, per aspect), each
// annotator's gold accuracy and left-pick rate, the judge against each human, and the generator leaderboard,
// as tables with plots (QCustomPlot).
#pragma once

#include "annotation/workspace_statistics.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QTableWidget;
class QTabWidget;

namespace svj::annotation {
class Workspace;
}

namespace svj::widgets {

class StatisticsView : public QWidget {
    Q_OBJECT
public:
    // `workspace` (this process's connection) must outlive the view.
    explicit StatisticsView(annotation::Workspace& workspace, QWidget* parent = nullptr);

    const annotation::WorkspaceStatistics& statistics() const { return m_statistics; }
    QTableWidget* agreementTable() const { return m_agreement; }
    QTableWidget* annotatorTable() const { return m_annotators; }
    QTableWidget* leaderboardTable() const { return m_leaderboard; }
    QTableWidget* effortTable() const { return m_effort; }
    // Brings the Effort tab (the lead's view of the work) to the front.
    void showEffort();

public slots:
    // Computes the figures again from the workspace.
    void refresh();

private:
    void fillAgreement();
    void fillAnnotators();
    void fillLeaderboard();
    void fillEffort();

    annotation::Workspace& m_workspace;
    annotation::WorkspaceStatistics m_statistics;
    QLabel* m_summary = nullptr;
    QTableWidget* m_agreement = nullptr;
    QTableWidget* m_annotators = nullptr;
    QTableWidget* m_leaderboard = nullptr;
    QTableWidget* m_effort = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_effortNote = nullptr;
    QCustomPlot* m_annotatorPlot = nullptr;
    QCustomPlot* m_leaderboardPlot = nullptr;
};

} // namespace svj::widgets
