// One pane of the comparison view: draws the frame it was given in its track's colour, with the frame number
// and time of exactly that frame (what is drawn is what is labelled). Zoom and pan are shared between panes
// by the comparison view; the pane can also draw a second video over its own: a wipe with a draggable split,
// a flicker to the other frame, or their absolute difference with gain.
#pragma once

#include "widgets/compare_modes.h"

#include <QImage>
#include <QPointF>
#include <QWidget>

#include <tuple>

namespace svj::widgets {

// Zoom and pan of a pane: `zoom` 1 fits the frame to the pane (0: one image pixel per screen pixel), `centre`
// is the image point (0..1 in both directions) at the pane's centre.
struct ViewTransform {
    double zoom = 1.0;
    QPointF centre{0.5, 0.5};
    bool operator==(const ViewTransform& other) const { return zoom == other.zoom && centre == other.centre; }
};

class VideoView : public QWidget {
    Q_OBJECT
public:
    explicit VideoView(QWidget* parent = nullptr);

    // "NAME   frame I / LAST   T s": what a pane's caption says of the frame it shows (and of the other video's
    // frame, drawn over it in a compare mode).
    static QString frameCaption(const QString& name, int64_t frame, int64_t lastFrame, int64_t ptsUs);

    // A video (again) in this pane: clears the frame shown.
    void setTrack(const QString& name, const QColor& colour, int64_t frameCount);
    // Where the video starts on the shared timeline; shown in the caption when not zero.
    void setOffset(int64_t offsetUs);
    // The frame now on screen and when it starts on the video's own clock.
    void showFrame(int64_t index, const QImage& image, int64_t ptsUs, bool exact);
    void showError(const QString& message);
    int64_t shownFrame() const { return m_index; }
    const QImage& image() const { return m_image; }

    // Another video drawn with this one (wipe, flicker, difference); `otherCaption` names its frame.
    void setCompare(CompareMode mode, const QImage& other, const QString& otherCaption, const QColor& otherColour);
    void setWipePosition(double fraction);
    double wipePosition() const { return m_wipe; }
    void setDifferenceGain(double gain);
    void setFlickerShowsOther(bool other);
    CompareMode compareMode() const { return m_mode; }

    void setTransform(const ViewTransform& transform);
    const ViewTransform& transform() const { return m_transform; }
    // Where the frame is drawn in the pane, and the image pixel under a pane point (outside: invalid point).
    QRectF imageRect() const;
    QPoint imagePixelAt(const QPointF& panePoint) const;
    // The picture as the pane shows it now (compare modes included), at the frame's own size.
    QImage composedImage() const;

    QSize sizeHint() const override { return {480, 270}; }

    // For the playback benchmark: distinct frames shown and time spent painting since the last reset.
    struct Stats {
        int64_t framesShown = 0;
        int64_t paints = 0;
        int64_t paintNs = 0;
    };
    const Stats& stats() const { return m_stats; }
    void resetStats() { m_stats = {}; }

signals:
    void transformRequested(svj::widgets::ViewTransform transform);
    void wipeRequested(double fraction);
    void hovered(QPoint imagePixel);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    void paintFrame();
    void drawCaption(QPainter& painter, const QString& text, const QPoint& at, const QColor& edge);

    QString m_name;
    QColor m_colour;
    int64_t m_frameCount = 0;
    int64_t m_offsetUs = 0;
    // composedImage()'s last picture and what it was made of: hovering and captions repaint far more often than
    // the frames or the compare settings change.
    mutable QImage m_composed;
    mutable std::tuple<qint64, qint64, CompareMode, double, bool, double> m_composedKey{};
    int64_t m_index = -1;
    int64_t m_ptsUs = 0;
    bool m_exact = true;
    QImage m_image;
    QString m_error;

    CompareMode m_mode = CompareMode::SideBySide;
    QImage m_other;
    QString m_otherCaption;
    QColor m_otherColour;
    double m_wipe = 0.5;
    double m_gain = 4.0;
    bool m_flickerOther = false;

    ViewTransform m_transform;
    Stats m_stats;
    bool m_panning = false;
    bool m_draggingWipe = false;
    QPointF m_pressPoint;
    ViewTransform m_pressTransform;
};

} // namespace svj::widgets

Q_DECLARE_METATYPE(svj::widgets::ViewTransform)
