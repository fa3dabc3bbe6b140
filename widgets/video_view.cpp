#include "widgets/video_view.h"

#include <QPainter>
#include <QPainterPath>

namespace svj::widgets {

VideoView::VideoView(QWidget* parent)
    : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 90);
    setFocusPolicy(Qt::NoFocus);
}

void VideoView::setTrack(const QString& name, const QColor& colour, int64_t frameCount) {
    m_name = name;
    m_colour = colour;
    m_frameCount = frameCount;
    setAccessibleName(name);
    update();
}

void VideoView::showFrame(int64_t index, const QImage& image, int64_t ptsUs, bool exact) {
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

void VideoView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), QColor(18, 18, 20));
    const QRect inner = rect().adjusted(3, 3, -3, -3);
    if (!m_image.isNull()) {
        QSize size = m_image.size().scaled(inner.size(), Qt::KeepAspectRatio);
        const QRect target(inner.x() + (inner.width() - size.width()) / 2,
                           inner.y() + (inner.height() - size.height()) / 2, size.width(), size.height());
        // Smooth when shrinking; when enlarging, keep pixels sharp so artefacts stay visible.
        painter.setRenderHint(QPainter::SmoothPixmapTransform, size.width() < m_image.width());
        painter.drawImage(target, m_image);
    }
    painter.setPen(QPen(m_colour, 3));
    painter.drawRect(rect().adjusted(1, 1, -2, -2));

    QString caption = m_name;
    if (m_index >= 0) {
        caption += QStringLiteral("   frame %1 / %2   %3 s")
                       .arg(m_index)
                       .arg(m_frameCount > 0 ? m_frameCount - 1 : 0)
                       .arg(static_cast<double>(m_ptsUs) / 1e6, 0, 'f', 3);
        if (!m_exact) {
            caption += tr("   (undecodable: nearest earlier frame shown)");
        }
    }
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 0.95);
    painter.setFont(font);
    const QRect textBox = painter.fontMetrics().boundingRect(caption).adjusted(-6, -3, 6, 3);
    const QRect box(inner.topLeft() + QPoint(4, 4), textBox.size());
    painter.fillRect(box, QColor(0, 0, 0, 170));
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, caption);
    if (!m_error.isEmpty()) {
        painter.setPen(QColor(255, 120, 110));
        painter.drawText(inner.adjusted(12, 40, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_error);
    }
}

} // namespace svj::widgets
