#include "widgets/judge_strip.h"

#include "media/video_reader.h"
#include "widgets/frame_loader.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace svj::widgets {
namespace {
constexpr int kThumbHeight = 54;
}

JudgeStrip::JudgeStrip(QWidget* parent)
    : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    m_row = new QWidget(scroll);
    m_layout = new QHBoxLayout(m_row);
    m_layout->setContentsMargins(2, 2, 2, 2);
    m_layout->setSpacing(2);
    m_layout->addStretch(1);
    scroll->setWidget(m_row);
    outer->addWidget(scroll);
    setFixedHeight(kThumbHeight + 48);
    setAccessibleName(tr("Frames the judge saw"));
    setToolTip(tr("The frames the judge saw, window by window; shades group the frames of one latent frame"));
}

JudgeStrip::~JudgeStrip() {
    stopWorker();
}

void JudgeStrip::stopWorker() {
    if (m_cancel) {
        *m_cancel = true;
    }
    if (m_worker.joinable()) {
        m_worker.join();
    }
}

QWidget* JudgeStrip::thumbnail(int index) const {
    return m_buttons[static_cast<size_t>(index)];
}

void JudgeStrip::setFrames(const QString& path, const std::vector<int64_t>& frames,
                           const std::vector<int>& windowSizes) {
    stopWorker();
    for (QToolButton* button : m_buttons) {
        delete button;
    }
    m_buttons.clear();
    while (m_layout->count() > 1) {
        delete m_layout->takeAt(0)->widget();
    }
    if (frames.empty()) {
        return;
    }
    // Buttons first (numbers at once), pictures as they decode.
    size_t window = 0;
    int inWindow = 0;
    for (size_t i = 0; i < frames.size(); ++i) {
        if (window < windowSizes.size() && inWindow == windowSizes[window]) {
            ++window;
            inWindow = 0;
        }
        if (inWindow == 0) {
            auto* label = new QLabel(tr("window %1").arg(window + 1), m_row);
            label->setStyleSheet(QStringLiteral("color: palette(mid); padding: 0 4px;"));
            m_layout->insertWidget(m_layout->count() - 1, label);
        }
        // Latent frame 0 is the window's first frame; latent k ≥ 1 holds frames 4k−3 .. 4k.
        const int latent = inWindow == 0 ? 0 : (inWindow + 3) / 4;
        auto* button = new QToolButton(m_row);
        button->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
        button->setText(QStringLiteral("#%1").arg(frames[i]));
        button->setToolTip(tr("source frame %1 (window %2, latent frame %3): click to go there")
                               .arg(frames[i])
                               .arg(window + 1)
                               .arg(latent));
        button->setAccessibleName(tr("frame %1").arg(frames[i]));
        button->setAutoRaise(true);
        button->setIconSize(QSize(kThumbHeight * 16 / 9, kThumbHeight));
        button->setStyleSheet(latent % 2 == 0 ? QStringLiteral("QToolButton { background: palette(midlight); }")
                                              : QStringLiteral("QToolButton { background: palette(mid); }"));
        const qint64 frame = frames[i];
        connect(button, &QToolButton::clicked, this, [this, frame] { emit frameClicked(frame); });
        m_layout->insertWidget(m_layout->count() - 1, button);
        m_buttons.push_back(button);
        ++inWindow;
    }
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    QPointer<JudgeStrip> self(this);
    const double pixelRatio = devicePixelRatioF(); // thumbnails decoded at device pixels: crisp on high-DPI
    m_worker = std::thread([self, cancel, path, frames, pixelRatio] {
        try {
            media::VideoReader reader(path.toStdString());
            const int height = static_cast<int>(kThumbHeight * pixelRatio + 0.5);
            const int width =
                std::max(1, reader.info().displayWidth() * height / std::max(1, reader.info().displayHeight()));
            reader.setOutputSize(width & ~1, height);
            for (size_t i = 0; i < frames.size() && !*cancel; ++i) {
                auto frame = std::make_shared<media::VideoFrame>(reader.readFrame(frames[i]));
                const QImage image = imageOf(frame).copy();
                QMetaObject::invokeMethod(self, [self, cancel, i, image, pixelRatio] {
                    if (self && !*cancel && i < self->m_buttons.size()) {
                        QPixmap pixmap = QPixmap::fromImage(image);
                        pixmap.setDevicePixelRatio(pixelRatio);
                        self->m_buttons[i]->setIcon(pixmap);
                    }
                });
            }
        } catch (const std::exception&) {
            // The strip stays with frame numbers only; the views report unreadable videos.
        }
    });
}

} // namespace svj::widgets
