#include "widgets/statistics_view.h"

#include "annotation/workspace.h"
#include "widgets/plot_style.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace svj::widgets {
namespace {

QString figure(double value, int decimals = 3) {
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("—");
}

QTableWidget* table(const QString& name, const QStringList& headers, QWidget* parent) {
    auto* widget = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    widget->setAccessibleName(name); // the tab's title, for screen readers
    widget->setHorizontalHeaderLabels(headers);
    widget->verticalHeader()->setVisible(false);
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    widget->setSelectionBehavior(QAbstractItemView::SelectRows);
    widget->horizontalHeader()->setStretchLastSection(true);
    widget->setAlternatingRowColors(true);
    return widget;
}

void setRow(QTableWidget* widget, int row, const QStringList& cells) {
    for (qsizetype column = 0; column < cells.size(); ++column) {
        auto* item = new QTableWidgetItem(cells[column]);
        if (column > 0) {
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
        widget->setItem(row, static_cast<int>(column), item);
    }
}

} // namespace

StatisticsView::StatisticsView(annotation::Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace) {
    setAccessibleName(tr("Statistics"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    auto* refreshButton = new QPushButton(tr("&Refresh"), this);
    top->addWidget(m_summary, 1);
    top->addWidget(refreshButton);
    layout->addLayout(top);
    auto* tabs = new QTabWidget(this);
    m_tabs = tabs;
    layout->addWidget(tabs, 1);

    m_agreement =
        table(tr("Agreement"),
              {tr("Ratings of"), tr("Pairs"), tr("Fleiss κ"), tr("Krippendorff α"), tr("Cohen κ per pair")}, tabs);
    tabs->addTab(m_agreement, tr("Agreement"));

    auto* annotators = new QWidget(tabs);
    auto* annotatorLayout = new QVBoxLayout(annotators);
    m_annotators = table(tr("Annotators"),
                         {tr("Annotator"), tr("Labels"), tr("Gold labels"), tr("Gold accuracy"),
                          tr("Left picks (0.5 = no bias)"), tr("κ with the judge")},
                         annotators);
    m_annotatorPlot = new QCustomPlot(annotators);
    m_annotatorPlot->setMinimumHeight(180);
    m_annotatorPlot->setAccessibleName(tr("Gold accuracy and left-pick rate per annotator"));
    annotatorLayout->addWidget(m_annotators, 1);
    annotatorLayout->addWidget(m_annotatorPlot, 1);
    tabs->addTab(annotators, tr("Annotators"));

    auto* generators = new QWidget(tabs);
    auto* generatorLayout = new QVBoxLayout(generators);
    m_leaderboard = table(
        tr("Generators"),
        {tr("Generator"), tr("Strength"), tr("95 % interval"), tr("Comparisons"), tr("Wins"), tr("Ties")}, generators);
    m_leaderboardPlot = new QCustomPlot(generators);
    m_leaderboardPlot->setMinimumHeight(180);
    m_leaderboardPlot->setAccessibleName(tr("Generator leaderboard"));
    generatorLayout->addWidget(m_leaderboard, 1);
    generatorLayout->addWidget(m_leaderboardPlot, 1);
    tabs->addTab(generators, tr("Generators"));

    // The lead's view of the work itself: time per item, watching before voting.
    auto* effort = new QWidget(tabs);
    auto* effortLayout = new QVBoxLayout(effort);
    m_effort = table(tr("Effort"),
                     {tr("Annotator"), tr("Labels"), tr("Timed"), tr("Median s"), tr("p90 s"), tr("Items / hour"),
                      tr("Watched (less-seen video)"), tr("Votes without watching")},
                     effort);
    m_effortNote = new QLabel(effort);
    m_effortNote->setWordWrap(true);
    effortLayout->addWidget(m_effort, 1);
    effortLayout->addWidget(m_effortNote);
    tabs->addTab(effort, tr("Effort"));

    connect(refreshButton, &QPushButton::clicked, this, &StatisticsView::refresh);
    refresh();
}

void StatisticsView::refresh() {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        m_statistics = annotation::computeStatistics(m_workspace);
        m_summary->setText(tr("%1 pairs, %2 standing labels%3")
                               .arg(m_statistics.pairs)
                               .arg(m_statistics.labels)
                               .arg(m_statistics.judge.isEmpty()
                                        ? tr("; the judge has not scored these videos")
                                        : tr("; the judge as a rater: %1").arg(m_statistics.judge)));
    } catch (const std::exception& error) {
        m_summary->setText(tr("Cannot compute the statistics: %1").arg(QString::fromUtf8(error.what())));
        m_statistics = {};
    }
    QApplication::restoreOverrideCursor();
    fillAgreement();
    fillAnnotators();
    fillLeaderboard();
    fillEffort();
}

void StatisticsView::showEffort() {
    m_tabs->setCurrentWidget(m_effort->parentWidget());
}

void StatisticsView::fillEffort() {
    m_effort->setRowCount(static_cast<int>(m_statistics.effort.size()));
    int row = 0;
    for (const annotation::EffortFigures& figures : m_statistics.effort) {
        const QString name = row == 0 ? tr("everyone") : figures.name; // the first row is everyone's
        setRow(m_effort, row++,
               {name, QString::number(figures.labels), QString::number(figures.timed), figure(figures.medianSeconds, 1),
                figure(figures.p90Seconds, 1), figure(figures.itemsPerHour, 1), figure(figures.meanWatched, 2),
                QString::number(figures.unwatchedVotes)});
    }
    m_effort->resizeColumnsToContents();
    QStringList slowest;
    for (const annotation::PairEffort& pair : m_statistics.slowestPairs) {
        slowest << tr("pair %1 (%2 s)").arg(pair.pair).arg(figure(pair.medianSeconds, 1));
    }
    QString note = tr("A vote without watching: A or B chosen with less than a quarter of either video seen.");
    if (!slowest.isEmpty()) {
        note += QLatin1Char(' ') + tr("Slowest pairs: %1.").arg(slowest.join(QStringLiteral(", ")));
    }
    if (!m_statistics.judge.isEmpty()) {
        note += QLatin1Char(' ') +
                tr("The judge rates with tie threshold %1 (its accuracy with ties %2 on %3 labels, "
                   "both-bad as a tie).")
                    .arg(figure(m_statistics.judgeTieThreshold, 4), figure(m_statistics.judgeAccuracyWithTies))
                    .arg(m_statistics.judgeComparedLabels);
    }
    m_effortNote->setText(note);
}

void StatisticsView::fillAgreement() {
    m_agreement->setRowCount(static_cast<int>(m_statistics.agreement.size()));
    int row = 0;
    for (const annotation::AgreementFigures& figures : m_statistics.agreement) {
        QStringList pairs;
        for (const annotation::RaterPairAgreement& pair : figures.pairs) {
            pairs << QStringLiteral("%1–%2 %3 (%4)").arg(pair.first, pair.second, figure(pair.kappa)).arg(pair.items);
        }
        setRow(m_agreement, row,
               {figures.aspect, QString::number(figures.items), figure(figures.fleissKappa),
                figure(figures.krippendorffAlpha), pairs.join(QStringLiteral(", "))});
        m_agreement->item(row++, 4)->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    }
    m_agreement->resizeColumnsToContents();
}

void StatisticsView::fillAnnotators() {
    // The judge against each human: Cohen's kappa from the "judge as a rater" figures.
    QHash<QString, double> judgeKappa;
    for (const annotation::AgreementFigures& figures : m_statistics.agreement) {
        if (!figures.aspect.contains(QLatin1String("judge"))) {
            continue;
        }
        for (const annotation::RaterPairAgreement& pair : figures.pairs) {
            if (pair.first == QLatin1String("judge")) {
                judgeKappa.insert(pair.second, pair.kappa);
            } else if (pair.second == QLatin1String("judge")) {
                judgeKappa.insert(pair.first, pair.kappa);
            }
        }
    }
    m_annotators->setRowCount(static_cast<int>(m_statistics.annotators.size()));
    QVector<double> ticks;
    QVector<QString> names;
    QVector<double> gold;
    QVector<double> left;
    int row = 0;
    for (const annotation::AnnotatorFigures& figures : m_statistics.annotators) {
        setRow(m_annotators, row,
               {figures.name, QString::number(figures.labels), QString::number(figures.goldLabels),
                figure(figures.goldAccuracy), figure(figures.leftPickRate),
                judgeKappa.contains(figures.name) ? figure(judgeKappa.value(figures.name)) : QStringLiteral("—")});
        ticks << row + 1;
        names << figures.name;
        gold << (std::isfinite(figures.goldAccuracy) ? figures.goldAccuracy : 0.0);
        left << (std::isfinite(figures.leftPickRate) ? figures.leftPickRate : 0.0);
        ++row;
    }
    m_annotators->resizeColumnsToContents();
    QCustomPlot* plot = m_annotatorPlot;
    plot->clearPlottables();
    plot->clearItems();
    applyPlotPalette(plot, palette());
    auto* goldBars = new QCPBars(plot->xAxis, plot->yAxis);
    goldBars->setName(tr("gold accuracy"));
    goldBars->setBrush(QColor(0, 158, 115));
    goldBars->setPen(Qt::NoPen);
    goldBars->setWidth(0.35);
    auto* leftBars = new QCPBars(plot->xAxis, plot->yAxis);
    leftBars->setName(tr("left-pick rate"));
    leftBars->setBrush(QColor(86, 180, 233));
    leftBars->setPen(Qt::NoPen);
    leftBars->setWidth(0.35);
    QVector<double> goldX;
    QVector<double> leftX;
    for (const double tick : ticks) {
        goldX << tick - 0.2;
        leftX << tick + 0.2;
    }
    goldBars->setData(goldX, gold);
    leftBars->setData(leftX, left);
    auto* even = new QCPItemStraightLine(plot);
    even->point1->setCoords(0, 0.5);
    even->point2->setCoords(1, 0.5);
    even->setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(ticks, names);
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(0.3, std::max<double>(1.0, ticks.size()) + 0.7);
    plot->yAxis->setRange(0, 1.05);
    plot->yAxis->setLabel(tr("fraction (dashed: 0.5)"));
    plot->legend->setVisible(true);
    plot->replot();
}

void StatisticsView::fillLeaderboard() {
    m_leaderboard->setRowCount(static_cast<int>(m_statistics.leaderboard.size()));
    QVector<double> ticks;
    QVector<QString> names;
    QVector<double> scores;
    QVector<double> errors;
    int row = 0;
    for (const annotation::GeneratorRank& rank : m_statistics.leaderboard) {
        const annotation::LeaderboardEntry& entry = rank.entry;
        setRow(m_leaderboard, row,
               {rank.model, figure(entry.score, 2),
                QStringLiteral("%1 … %2").arg(figure(entry.low, 2), figure(entry.high, 2)),
                QString::number(entry.comparisons), QString::number(entry.wins), QString::number(entry.ties)});
        ticks << row + 1;
        names << rank.model;
        scores << entry.score;
        errors << (entry.high - entry.low) / 2.0;
        ++row;
    }
    m_leaderboard->resizeColumnsToContents();
    QCustomPlot* plot = m_leaderboardPlot;
    plot->clearPlottables();
    applyPlotPalette(plot, palette());
    auto* points = new QCPGraph(plot->xAxis, plot->yAxis);
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(230, 159, 0), 8));
    points->setName(tr("strength (Bradley–Terry, 95 % interval)"));
    points->setData(ticks, scores);
    auto* bars = new QCPErrorBars(plot->xAxis, plot->yAxis);
    bars->removeFromLegend();
    bars->setDataPlottable(points);
    bars->setData(errors);
    bars->setPen(QPen(palette().color(QPalette::WindowText)));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(ticks, names);
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(0.3, std::max<double>(1.0, ticks.size()) + 0.7);
    plot->yAxis->rescale();
    double low = plot->yAxis->range().lower;
    double high = plot->yAxis->range().upper;
    for (qsizetype i = 0; i < scores.size(); ++i) {
        low = std::min(low, scores[i] - errors[i]);
        high = std::max(high, scores[i] + errors[i]);
    }
    plot->yAxis->setRange(low - 0.2, high + 0.2);
    plot->yAxis->setLabel(tr("log-strength"));
    plot->legend->setVisible(!scores.isEmpty());
    plot->replot();
}

} // namespace svj::widgets
