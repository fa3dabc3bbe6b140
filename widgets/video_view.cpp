#include "widgets/video_view.h"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace svj::widgets {

QString VideoView::frameCaption(const QString& name, int64_t frame, int64_t lastFrame, int64_t ptsUs) {
    return name + tr("   frame %1 / %2   %3 s")
                      .arg(frame)
                      .arg(std::max<int64_t>(lastFrame, 0))
                      .arg(static_cast<double>(ptsUs) / 1e6, 0, 'f', 3);
}

VideoView::VideoView(QWidget* parent)
    : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 90);
    setFocusPolicy(Qt::NoFocus);
    setMouseTracking(true);
}

void VideoView::setTrack(const QString& name, const QColor& colour, int64_t frameCount) {
    m_name = name;
    m_colour = colour;
    m_frameCount = frameCount;
    // A new video in this pane: nothing of the old one stays on screen or counts as shown.
    m_index = -1;
    m_image = QImage();
    m_other = QImage();
    m_error.clear();
    setAccessibleName(name);
    update();
}

void VideoView::showFrame(int64_t index, const QImage& image, int64_t ptsUs, bool exact) {
    m_stats.framesShown += index != m_index ? 1 : 0;
    m_index = index;
    m_image = image;
    m_ptsUs = ptsUs;
    m_exact = exact;
    update();
}

void VideoView::showError(const QString& message) {
    m_error = message;
    update();
}

void VideoView::setCompare(CompareMode mode, const QImage& other, const QString& otherCaption,
                           const QColor& otherColour) {
    m_mode = mode;
    m_other = other;
    m_otherCaption = otherCaption;
    m_otherColour = otherColour;
    update();
}

void VideoView::setWipePosition(double fraction) {
    m_wipe = std::clamp(fraction, 0.0, 1.0);
    update();
}

void VideoView::setDifferenceGain(double gain) {
    m_gain = std::max(gain, 0.0);
    update();
}

void VideoView::setFlickerShowsOther(bool other) {
    m_flickerOther = other;
    update();
}

void VideoView::setTransform(const ViewTransform& transform) {
    m_transform = transform;
    update();
}

QRectF VideoView::imageRect() const {
    if (m_image.isNull()) {
        return {};
    }
    const QRectF inner = QRectF(rect()).adjusted(3, 3, -3, -3);
    const double width = m_image.width();
    const double height = m_image.height();
    const double fit = std::min(inner.width() / width, inner.height() / height);
    const double scale = m_transform.zoom <= 0.0 ? 1.0 / devicePixelRatioF() : fit * m_transform.zoom;
    // At fit or smaller the frame stays centred; zoomed in, `centre` says which part is in the middle.
    const QPointF centre = m_transform.zoom > 0.0 && m_transform.zoom <= 1.0 ? QPointF(0.5, 0.5) : m_transform.centre;
    const QSizeF size(width * scale, height * scale);
    return {inner.center() - QPointF(centre.x() * size.width(), centre.y() * size.height()), size};
}

QPoint VideoView::imagePixelAt(const QPointF& panePoint) const {
    const QRectF target = imageRect();
    if (target.isEmpty() || !target.contains(panePoint)) {
        return {-1, -1};
    }
    return {static_cast<int>((panePoint.x() - target.left()) / target.width() * m_image.width()),
            static_cast<int>((panePoint.y() - target.top()) / target.height() * m_image.height())};
}

QImage VideoView::composedImage() const {
    const bool withOther = m_mode != CompareMode::SideBySide && !m_other.isNull();
    if (m_image.isNull() || !withOther) {
        return m_image;
    }
    const auto key = std::make_tuple(m_image.cacheKey(), m_other.cacheKey(), m_mode, m_wipe, m_flickerOther, m_gain);
    if (key != m_composedKey || m_composed.isNull()) {
        m_composed = composeCompare(m_mode, m_image, m_other, {m_wipe, m_flickerOther, m_gain});
        m_composedKey = key;
    }
    return m_composed;
}

void VideoView::drawCaption(QPainter& painter, const QString& text, const QPoint& at, const QColor& edge) {
    const QRect textBox = painter.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3);
    QRect box(at, textBox.size());
    if (box.right() > width() - 6) {
        box.moveRight(width() - 6);
    }
    painter.fillRect(box, QColor(0, 0, 0, 170));
    painter.fillRect(QRect(box.topLeft(), QSize(3, box.height())), edge);
    painter.setPen(Qt::white);
    painter.drawText(box.adjusted(3, 0, 0, 0), Qt::AlignCenter, text);
}

void VideoView::setOffset(int64_t offsetUs) {
    m_offsetUs = offsetUs;
    update();
}

void VideoView::paintEvent(QPaintEvent*) {
    QElapsedTimer timer;
    timer.start();
    paintFrame();
    ++m_stats.paints;
    m_stats.paintNs += timer.nsecsElapsed();
}

void VideoView::paintFrame() {
    QPainter painter(this);
    painter.fillRect(rect(), QColor(18, 18, 20));
    const QRectF target = imageRect();
    const bool shrinking = !m_image.isNull() && target.width() < m_image.width();
    // Smooth when shrinking; when enlarging, pixels stay sharp so artefacts stay visible.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, shrinking);
    QColor border = m_colour;
    QString caption = m_name;
    if (m_index >= 0) {
        caption = frameCaption(m_name, m_index, m_frameCount - 1, m_ptsUs);
        if (m_offsetUs != 0) {
            caption += tr("   starts at %1 s").arg(static_cast<double>(m_offsetUs) / 1e6, 0, 'f', 3);
        }
        if (!m_exact) {
            caption += tr("   (undecodable: nearest earlier frame shown)");
        }
    }
    const bool withOther = m_mode != CompareMode::SideBySide && !m_other.isNull();
    if (withOther && m_mode == CompareMode::Flicker && m_flickerOther) {
        border = m_otherColour;
        caption = m_otherCaption;
    } else if (withOther && m_mode == CompareMode::Difference) {
        caption = tr("|A − B| × %1    %2  vs  %3").arg(m_gain).arg(caption, m_otherCaption);
        border = palette().color(QPalette::Mid);
    }
    if (!m_image.isNull()) {
        painter.save();
        painter.setClipRect(rect().adjusted(3, 3, -3, -3));
        painter.drawImage(target, composedImage()); // the same picture the frame export saves
        painter.restore();
        if (withOther && m_mode == CompareMode::Wipe) {
            const double split = target.left() + m_wipe * target.width();
            painter.setPen(QPen(Qt::white, 2));
            painter.drawLine(QPointF(split, std::max(0.0, target.top())),
                             QPointF(split, std::min<double>(height(), target.bottom())));
            painter.setBrush(Qt::white);
            painter.drawEllipse(QPointF(split, height() / 2.0), 6, 6);
        }
    }
    painter.setPen(QPen(border, 3));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(rect().adjusted(1, 1, -2, -2));
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 0.95);
    painter.setFont(font);
    drawCaption(painter, caption, QPoint(7, 7), border);
    if (withOther && m_mode == CompareMode::Wipe) {
        const int textWidth = painter.fontMetrics().horizontalAdvance(m_otherCaption) + 18;
        drawCaption(painter, m_otherCaption, QPoint(width() - 7 - textWidth, 7), m_otherColour);
    }
    if (m_transform.zoom != 1.0) {
        const QString zoom = m_transform.zoom <= 0.0 ? tr("1:1") : tr("%1×").arg(m_transform.zoom, 0, 'f', 2);
        drawCaption(painter, zoom, QPoint(7, height() - 30), border);
    }
    if (!m_error.isEmpty()) {
        painter.setPen(QColor(255, 120, 110));
        painter.drawText(rect().adjusted(12, 40, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_error);
    }
}

void VideoView::wheelEvent(QWheelEvent* event) {
    const QRectF target = imageRect();
    if (target.isEmpty()) {
        return;
    }
    const QRectF inner = QRectF(rect()).adjusted(3, 3, -3, -3);
    const double fit = std::min(inner.width() / m_image.width(), inner.height() / m_image.height());
    const double current = m_transform.zoom <= 0.0 ? (1.0 / devicePixelRatioF()) / fit : m_transform.zoom;
    const double zoom = std::clamp(current * std::pow(1.25, event->angleDelta().y() / 120.0), 1.0, 64.0);
    // The image point under the cursor stays under it.
    const QPointF cursor = event->position();
    const QPointF point((cursor.x() - target.left()) / target.width(), (cursor.y() - target.top()) / target.height());
    const QSizeF size(m_image.width() * fit * zoom, m_image.height() * fit * zoom);
    ViewTransform next;
    next.zoom = zoom;
    next.centre = QPointF(point.x() - (cursor.x() - inner.center().x()) / size.width(),
                          point.y() - (cursor.y() - inner.center().y()) / size.height());
    emit transformRequested(next);
    event->accept();
}

void VideoView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        return QWidget::mousePressEvent(event);
    }
    const QRectF target = imageRect();
    const double split = target.left() + m_wipe * target.width();
    if (m_mode == CompareMode::Wipe && std::abs(event->position().x() - split) < 12) {
        m_draggingWipe = true;
    } else {
        m_panning = true;
        m_pressPoint = event->position();
        m_pressTransform = m_transform;
        if (m_pressTransform.zoom > 0.0 && m_pressTransform.zoom <= 1.0) {
            m_panning = false; // nothing to pan at fit
        }
    }
}

void VideoView::mouseMoveEvent(QMouseEvent* event) {
    const QRectF target = imageRect();
    if (m_draggingWipe && !target.isEmpty()) {
        emit wipeRequested((event->position().x() - target.left()) / target.width());
        return;
    }
    if (m_panning && !target.isEmpty()) {
        const QPointF delta = event->position() - m_pressPoint;
        ViewTransform next = m_pressTransform;
        next.centre = m_pressTransform.centre - QPointF(delta.x() / target.width(), delta.y() / target.height());
        emit transformRequested(next);
        return;
    }
    emit hovered(imagePixelAt(event->position()));
}

void VideoView::mouseReleaseEvent(QMouseEvent*) {
    m_panning = false;
    m_draggingWipe = false;
}

void VideoView::mouseDoubleClickEvent(QMouseEvent*) {
    emit transformRequested(ViewTransform{});
}

} // namespace svj::widgets
