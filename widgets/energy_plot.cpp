#include "widgets/energy_plot.h"

#include "widgets/plot_style.h"
#include "widgets/timeline.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace svj::widgets {

EnergyPlot::EnergyPlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("energyPlotCanvas"));
    m_plot->setAccessibleName(tr("Judge energy curves"));
    m_plot->setMinimumHeight(200);
    m_plot->setMouseTracking(true);
    m_plot->xAxis->setLabel(tr("time (s)"));
    m_plot->yAxis->setLabel(tr("energy (↓ better)"));
    m_plot->yAxis2->setLabel(tr("ΔE = E(A) − E(B)"));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    putLegendAbove(m_plot);
    applyPlotPalette(m_plot, palette());
    m_loop = new QCPItemRect(m_plot);
    m_loop->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_loop->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_loop->setPen(Qt::NoPen);
    m_loop->setBrush(QColor(230, 60, 60, 30));
    m_loop->setVisible(false);
    m_span = new QCPItemRect(m_plot);
    m_span->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_span->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_span->setPen(Qt::NoPen);
    m_span->setVisible(false);
    m_plot->installEventFilter(this);
    m_playhead = new QCPItemStraightLine(m_plot);
    m_playhead->setPen(QPen(QColor(230, 60, 60), 1.5));
    m_playhead->setLayer(QStringLiteral("overlay"));
    m_replot.setSingleShot(true);
    m_replot.setInterval(30);
    connect(&m_replot, &QTimer::timeout, this, [this] { m_plot->replot(QCustomPlot::rpQueuedReplot); });
    setPlayhead(0);

    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton) {
            m_dragging = true;
            seekToPixel(event->pos().x());
        }
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (m_dragging && (event->buttons() & Qt::LeftButton)) {
            seekToPixel(event->pos().x());
        }
        if (m_timeline && m_timeline->count() > 0) {
            const auto time = static_cast<int64_t>(std::llround(m_plot->xAxis->pixelToCoord(event->pos().x()) * 1e6));
            const int video = nearestCurve(time, event->pos().y());
            showLatentSpan(video, time);
            QToolTip::showText(event->globalPosition().toPoint(), describe(time, video), m_plot);
        }
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent*) { m_dragging = false; });
}

QWidget* EnergyPlot::canvas() const {
    return m_plot;
}

// Follows the application's palette, so a switch between light and dark themes restyles the plot.
void EnergyPlot::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_plot) {
        applyPlotPalette(m_plot, palette());
        refresh();
    }
}

void EnergyPlot::setTimeline(const Timeline* timeline) {
    m_timeline = timeline;
    refresh();
}

void EnergyPlot::refresh() {
    m_plot->clearGraphs();
    m_span->setVisible(false);
    if (!m_timeline) {
        m_plot->replot();
        return;
    }
    bool anyEnergy = false;
    for (int video = 0; video < m_timeline->count(); ++video) {
        const VideoTrack& track = m_timeline->tracks()[static_cast<size_t>(video)];
        if (track.energies.empty()) {
            continue;
        }
        anyEnergy = true;
        QCPGraph* curve = m_plot->addGraph();
        curve->setName(track.name);
        curve->setPen(QPen(track.colour, 2));
        curve->setLineStyle(QCPGraph::lsStepLeft); // a frame's energy holds until the next frame
        QVector<double> x;
        QVector<double> y;
        for (size_t frame = 0; frame < track.energies.size() && frame < track.ptsUs.size(); ++frame) {
            x << static_cast<double>(track.offsetUs + track.ptsUs[frame]) / 1e6;
            y << static_cast<double>(track.energies[frame]);
        }
        curve->setData(x, y, true);
        // The frames the judge saw, as dots on the curve.
        QCPGraph* seen = m_plot->addGraph();
        seen->removeFromLegend();
        seen->setLineStyle(QCPGraph::lsNone);
        seen->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, track.colour, track.colour, 4));
        QVector<double> sx;
        QVector<double> sy;
        for (const int64_t frame : track.judgeFrames) {
            if (frame >= 0 && static_cast<size_t>(frame) < track.energies.size() &&
                static_cast<size_t>(frame) < track.ptsUs.size()) {
                sx << static_cast<double>(track.offsetUs + track.ptsUs[static_cast<size_t>(frame)]) / 1e6;
                sy << static_cast<double>(track.energies[static_cast<size_t>(frame)]);
            }
        }
        seen->setData(sx, sy);
    }
    const auto difference = m_timeline->energyDifference();
    m_plot->yAxis2->setVisible(!difference.empty());
    if (!difference.empty()) {
        QCPGraph* delta = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
        delta->setName(tr("ΔE (A − B)"));
        delta->setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
        delta->setLineStyle(QCPGraph::lsStepLeft);
        QVector<double> x;
        QVector<double> y;
        double largest = 1e-6;
        for (const auto& [time, value] : difference) {
            x << static_cast<double>(time) / 1e6;
            y << static_cast<double>(value);
            largest = std::max(largest, std::fabs(static_cast<double>(value)));
        }
        delta->setData(x, y, true);
        m_plot->yAxis2->setRange(-largest * 1.1, largest * 1.1); // zero in the middle
    }
    m_plot->xAxis->setRange(static_cast<double>(m_timeline->startUs()) / 1e6,
                            std::max(static_cast<double>(m_timeline->endUs()) / 1e6, 0.001));
    if (anyEnergy) {
        m_plot->yAxis->rescale();
        const QCPRange range = m_plot->yAxis->range();
        const double pad = std::max(range.size() * 0.08, 1e-3);
        m_plot->yAxis->setRange(range.lower - pad, range.upper + pad);
    }
    m_plot->legend->setVisible(anyEnergy);
    m_plot->replot();
}

void EnergyPlot::setPlayhead(int64_t timeUs) {
    m_playheadSeconds = static_cast<double>(timeUs) / 1e6;
    m_playhead->point1->setCoords(m_playheadSeconds, 0);
    m_playhead->point2->setCoords(m_playheadSeconds, 1);
    if (!m_replot.isActive()) {
        m_replot.start();
    }
}

void EnergyPlot::setLoopRange(int64_t inUs, int64_t outUs, bool on) {
    m_loop->topLeft->setCoords(static_cast<double>(inUs) / 1e6, 0.0);
    m_loop->bottomRight->setCoords(static_cast<double>(outUs) / 1e6, 1.0);
    m_loop->setVisible(on);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QPoint EnergyPlot::canvasPoint(double seconds) const {
    return {static_cast<int>(std::lround(m_plot->xAxis->coordToPixel(seconds))),
            m_plot->axisRect()->rect().center().y()};
}

void EnergyPlot::seekToPixel(int x) {
    const double seconds = m_plot->xAxis->pixelToCoord(x);
    const QCPRange range = m_plot->xAxis->range();
    emit seekRequested(static_cast<qint64>(std::llround(std::clamp(seconds, range.lower, range.upper) * 1e6)));
}

bool EnergyPlot::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot && event->type() == QEvent::Leave) {
        showLatentSpan(-1, 0);
    }
    return QWidget::eventFilter(watched, event);
}

int EnergyPlot::nearestCurve(int64_t timeUs, double y) const {
    int nearest = -1;
    double distance = 0.0;
    for (int video = 0; video < m_timeline->count(); ++video) {
        if (const std::optional<float> energy = m_timeline->energyAt(video, timeUs)) {
            const double d = std::fabs(m_plot->yAxis->coordToPixel(static_cast<double>(*energy)) - y);
            if (nearest < 0 || d < distance) {
                nearest = video;
                distance = d;
            }
        }
    }
    return nearest;
}

bool EnergyPlot::showLatentSpan(int video, int64_t timeUs) {
    const std::optional<LatentSpan> span = m_timeline && video >= 0 && video < m_timeline->count()
                                               ? m_timeline->latentSpanAt(video, timeUs)
                                               : std::nullopt;
    if (span) {
        QColor colour = m_timeline->tracks()[static_cast<size_t>(video)].colour;
        colour.setAlpha(45);
        m_span->setBrush(colour);
        m_span->topLeft->setCoords(static_cast<double>(span->startUs) / 1e6, 0.0);
        m_span->bottomRight->setCoords(static_cast<double>(span->endUs) / 1e6, 1.0);
    }
    if (m_span->visible() || span) {
        m_span->setVisible(span.has_value());
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    return span.has_value();
}

bool EnergyPlot::latentSpanShown() const {
    return m_span->visible();
}

QString EnergyPlot::describe(int64_t timeUs, int spanOf) const {
    QStringList lines{tr("%1 s").arg(static_cast<double>(timeUs) / 1e6, 0, 'f', 3)};
    for (int video = 0; video < m_timeline->count(); ++video) {
        const VideoTrack& track = m_timeline->tracks()[static_cast<size_t>(video)];
        const int64_t frame = m_timeline->frameAt(video, timeUs);
        const std::optional<float> energy = m_timeline->energyAt(video, timeUs);
        lines << (energy ? tr("%1: frame %2, E = %3").arg(track.name).arg(frame).arg(*energy, 0, 'f', 4)
                         : tr("%1: frame %2").arg(track.name).arg(frame));
    }
    const std::optional<float> a = m_timeline->count() >= 2 ? m_timeline->energyAt(0, timeUs) : std::nullopt;
    const std::optional<float> b = m_timeline->count() >= 2 ? m_timeline->energyAt(1, timeUs) : std::nullopt;
    if (a && b) {
        lines << tr("ΔE = %1 (%2 looks better here)")
                     .arg(*a - *b, 0, 'f', 4)
                     .arg(*a < *b ? m_timeline->tracks()[0].name : m_timeline->tracks()[1].name);
    }
    if (spanOf >= 0 && spanOf < m_timeline->count()) {
        if (const std::optional<LatentSpan> span = m_timeline->latentSpanAt(spanOf, timeUs)) {
            QStringList sampled;
            for (const int64_t frame : span->sampled) {
                sampled << QString::number(frame);
            }
            lines << tr("%1: latent frame %2 of window %3 = frames %4–%5 (the judge saw %6)")
                         .arg(m_timeline->tracks()[static_cast<size_t>(spanOf)].name)
                         .arg(span->latent)
                         .arg(span->window + 1)
                         .arg(span->firstFrame)
                         .arg(span->lastFrame)
                         .arg(sampled.join(QStringLiteral(", ")));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace svj::widgets
