// ComparisonView's actions: every key of the view, in the Playback and View menus of the main window.
#include "widgets/comparison_view.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>

#include <algorithm>

namespace svj::widgets {

void ComparisonView::createActions() {
    const auto add = [this](const QString& text, const QKeySequence& key, auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_actions << action;
        return action;
    };
    add(tr("Play / Pause"), QKeySequence(Qt::Key_Space), [this] { togglePlay(); })->setObjectName("playPause");
    add(tr("Next frame"), QKeySequence(Qt::Key_Right), [this] { step(1); })->setObjectName("nextFrame");
    add(tr("Previous frame"), QKeySequence(Qt::Key_Left), [this] { step(-1); })->setObjectName("previousFrame");
    add(tr("10 frames forward"), QKeySequence(Qt::SHIFT | Qt::Key_Right), [this] { step(10); });
    add(tr("10 frames back"), QKeySequence(Qt::SHIFT | Qt::Key_Left), [this] { step(-10); });
    add(tr("To start"), QKeySequence(Qt::Key_Home), [this] { toStart(); });
    add(tr("To end"), QKeySequence(Qt::Key_End), [this] { toEnd(); });
    add(tr("Jump to the worst moment"), QKeySequence(Qt::Key_W), [this] {
        jumpToWorstMoment();
    })->setObjectName("worstMoment");
    add(tr("Next sign change of ΔE"), QKeySequence(Qt::Key_N), [this] {
        jumpToNextSignChange();
    })->setObjectName("nextSignChange");
    const auto addView = [this](const QString& text, const QKeySequence& key, const char* name, auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_viewActions << action;
        return action;
    };
    auto* modes = new QActionGroup(this);
    for (const CompareModeRow& row : compareModes()) {
        const CompareMode mode = row.mode;
        QAction* action = addView(compareModeLabel(mode), QKeySequence(row.shortcut), row.objectName,
                                  [this, mode] { setCompareMode(mode); });
        action->setData(static_cast<int>(mode));
        action->setCheckable(true);
        action->setChecked(mode == CompareMode::SideBySide);
        modes->addAction(action);
    }
    addView(tr("Show the Other Video (flicker)"), QKeySequence(Qt::Key_F), "flickerToggle",
            [this] { toggleFlicker(); });
    addView(tr("More Difference Gain"), QKeySequence(Qt::Key_G), "gainUp", [this] { setDifferenceGain(m_gain * 2.0); });
    addView(tr("Less Difference Gain"), QKeySequence(Qt::SHIFT | Qt::Key_G), "gainDown",
            [this] { setDifferenceGain(m_gain / 2.0); });
    addView(tr("Zoom In"), QKeySequence::ZoomIn, "zoomIn", [this] {
        ViewTransform next = m_transform;
        next.zoom = std::min(64.0, (next.zoom <= 0.0 ? 1.0 : next.zoom) * 1.25);
        setViewTransform(next);
    });
    addView(tr("Zoom Out"), QKeySequence::ZoomOut, "zoomOut", [this] {
        ViewTransform next = m_transform;
        next.zoom = std::max(1.0, (next.zoom <= 0.0 ? 1.0 : next.zoom) / 1.25);
        setViewTransform(next);
    });
    addView(tr("Fit to Pane"), QKeySequence(Qt::CTRL | Qt::Key_0), "zoomFit", [this] { setViewTransform({}); });
    addView(tr("Actual Pixels (1:1)"), QKeySequence(Qt::CTRL | Qt::Key_1), "zoomActual", [this] {
        ViewTransform next = m_transform;
        next.zoom = 0.0;
        setViewTransform(next);
    });
    addView(tr("Copy Frame Numbers and Energies"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), "copyMoment",
            [this] { copyCurrentMoment(); });
    add(tr("Loop from Here"), QKeySequence(Qt::Key_I), [this] {
        setLoopRange(m_timeUs, m_loopOut > m_loopIn ? m_loopOut : m_timeline.endUs());
    })->setObjectName("loopIn");
    add(tr("Loop up to Here"), QKeySequence(Qt::Key_O), [this] {
        setLoopRange(m_loopIn, m_timeUs);
    })->setObjectName("loopOut");
    add(tr("Loop On/Off"), QKeySequence(Qt::Key_L), [this] { setLooping(!m_looping); })->setObjectName("loop");
    // The video these move is the pane clicked last (B until then).
    add(tr("Selected Video One Frame Later"), QKeySequence(Qt::ALT | Qt::Key_Right), [this] {
        nudgeOffset(m_offsetVideo, 1);
    })->setObjectName("offsetLater");
    add(tr("Selected Video One Frame Earlier"), QKeySequence(Qt::ALT | Qt::Key_Left), [this] {
        nudgeOffset(m_offsetVideo, -1);
    })->setObjectName("offsetEarlier");
    add(tr("Selected Video Ten Frames Later"), QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Right),
        [this] { nudgeOffset(m_offsetVideo, 10); });
    add(tr("Selected Video Ten Frames Earlier"), QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Left),
        [this] { nudgeOffset(m_offsetVideo, -10); });
    add(tr("Reset Offsets"), QKeySequence(Qt::ALT | Qt::Key_0), [this] {
        for (int video = 0; video < videoCount(); ++video) {
            setOffset(video, 0);
        }
    });
    add(tr("Slower"), QKeySequence(Qt::Key_BracketLeft),
        [this] { m_speedBox->setCurrentIndex(std::max(0, m_speedBox->currentIndex() - 1)); });
    add(tr("Faster"), QKeySequence(Qt::Key_BracketRight),
        [this] { m_speedBox->setCurrentIndex(std::min(m_speedBox->count() - 1, m_speedBox->currentIndex() + 1)); });
}

} // namespace svj::widgets
