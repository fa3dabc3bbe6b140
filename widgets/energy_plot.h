// The judge's per-frame energy curves under the players: one curve per video in its view's colour, ΔE(t) for
// a pair, the frames the judge saw, and a playhead. Clicking or dragging seeks; hovering tells frame, time
// and values.
#pragma once

#include <QTimer>
#include <QWidget>

#include <cstdint>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;

namespace svj::widgets {

class Timeline;

class EnergyPlot : public QWidget {
    Q_OBJECT
public:
    explicit EnergyPlot(QWidget* parent = nullptr);

    // Redraws every curve from `timeline` (kept; must outlive the plot).
    void setTimeline(const Timeline* timeline);
    void refresh();
    void setPlayhead(int64_t timeUs);
    // The loop range, shaded while looping is on.
    void setLoopRange(int64_t inUs, int64_t outUs, bool on);
    double playheadSeconds() const { return m_playheadSeconds; }
    // Where time `seconds` lies on the canvas, in the canvas's own coordinates (for tests and overlays).
    QPoint canvasPoint(double seconds) const;
    QWidget* canvas() const;
    // The text the hover shows at timeline time `timeUs`; with `spanOf` a video, also the latent frame that
    // covers the time (shaded on the plot while hovering).
    QString describe(int64_t timeUs, int spanOf = -1) const;
    // Shades the stretch one latent frame of `video` stands for at `timeUs` (hover); -1 hides it. Returns
    // whether there was one.
    bool showLatentSpan(int video, int64_t timeUs);
    bool latentSpanShown() const;

signals:
    void seekRequested(qint64 timeUs);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void seekToPixel(int x);
    // The scored video whose curve passes nearest to canvas height `y` at `timeUs`.
    int nearestCurve(int64_t timeUs, double y) const;

    QCustomPlot* m_plot = nullptr;
    QCPItemStraightLine* m_playhead = nullptr;
    QCPItemRect* m_loop = nullptr;
    QCPItemRect* m_span = nullptr; // the latent frame under the mouse
    const Timeline* m_timeline = nullptr;
    double m_playheadSeconds = 0.0;
    bool m_dragging = false;
    QTimer m_replot; // the playhead moves every clock tick; the plot is redrawn at most ~30 times a second
};

} // namespace svj::widgets
