#include "widgets/comparison_view.h"

#include "media/frame_cache.h"
#include "media/video_reader.h"
#include "widgets/energy_plot.h"
#include "widgets/frame_loader.h"
#include "widgets/video_view.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace svj::widgets {
namespace {

// Okabe-Ito: told apart by colour-blind viewers, on dark and light themes.
const QColor kColours[] = {QColor(230, 159, 0), QColor(86, 180, 233), QColor(0, 158, 115), QColor(204, 121, 167)};
constexpr size_t kCacheBytes = size_t(768) << 20;

} // namespace

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent)
    , m_cache(std::make_shared<media::FrameCache>(kCacheBytes)) {
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Video comparison"));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_grid = new QWidget(splitter);
    new QGridLayout(m_grid);
    m_grid->layout()->setContentsMargins(0, 0, 0, 0);
    m_grid->layout()->setSpacing(4);
    auto* lower = new QWidget(splitter);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    m_playButton = new QToolButton(lower);
    m_playButton->setAccessibleName(tr("Play or pause"));
    m_playButton->setText(tr("Play"));
    m_speedBox = new QComboBox(lower);
    m_speedBox->setAccessibleName(tr("Playback speed"));
    for (const double speed : {0.25, 0.5, 1.0, 1.5, 2.0}) {
        m_speedBox->addItem(QStringLiteral("%1×").arg(speed), speed);
    }
    m_speedBox->setCurrentIndex(2);
    m_timeLabel = new QLabel(lower);
    m_timeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    controls->addWidget(m_playButton);
    controls->addWidget(m_speedBox);
    controls->addWidget(m_timeLabel, 1);
    m_worstButton = new QToolButton(lower);
    m_worstButton->setText(tr("Worst moment (W)"));
    m_worstButton->setToolTip(tr("Jump to where the judge's preference between A and B is strongest"));
    m_flipButton = new QToolButton(lower);
    m_flipButton->setText(tr("Next flip (N)"));
    m_flipButton->setToolTip(tr("Jump to where ΔE next changes sign: the judge changes its mind"));
    controls->addWidget(m_worstButton);
    controls->addWidget(m_flipButton);
    lowerLayout->addLayout(controls);
    m_plot = new EnergyPlot(lower);
    lowerLayout->addWidget(m_plot, 1);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({640, 300});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    m_plot->setTimeline(&m_timeline);
    connect(m_plot, &EnergyPlot::seekRequested, this, [this](qint64 time) {
        pause();
        seek(time);
    });
    connect(m_playButton, &QToolButton::clicked, this, &ComparisonView::togglePlay);
    connect(m_worstButton, &QToolButton::clicked, this, &ComparisonView::jumpToWorstMoment);
    connect(m_flipButton, &QToolButton::clicked, this, &ComparisonView::jumpToNextSignChange);
    connect(m_speedBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setSpeed(m_speedBox->itemData(index).toDouble()); });
    m_clock.setTimerType(Qt::PreciseTimer);
    m_clock.setInterval(8);
    connect(&m_clock, &QTimer::timeout, this, &ComparisonView::tick);

    connect(&m_scoring, &ScoreJob::scored, this,
            [this](int index, const ScoredCurve& curve) { setCurve(index, curve); });
    connect(&m_scoring, &ScoreJob::progress, this, [this](int done, int total, const QString& path) {
        emit scoringProgress(done, total);
        emit statusMessage(
            tr("Scoring %1 (%2 of %3) with the judge…").arg(QFileInfo(path).fileName()).arg(done + 1).arg(total));
    });
    connect(&m_scoring, &ScoreJob::failed, this, [this](int index, const QString& message) {
        const QString name = index >= 0 && index < videoCount() ? m_timeline.tracks()[size_t(index)].name : QString();
        emit statusMessage(tr("Scoring %1 failed: %2").arg(name, message));
    });
    connect(&m_scoring, &ScoreJob::finished, this, [this](bool cancelled) {
        emit scoringProgress(videoCount(), videoCount());
        emit statusMessage(cancelled ? tr("Scoring cancelled") : tr("Scored: press W for the worst moment"));
    });
    createActions();
    updateTimeLabel();
}

ComparisonView::~ComparisonView() {
    m_clock.stop();
    m_scoring.cancel();
    m_loaders.clear(); // worker threads stop before the views go
}

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
    add(tr("Slower"), QKeySequence(Qt::Key_BracketLeft),
        [this] { m_speedBox->setCurrentIndex(std::max(0, m_speedBox->currentIndex() - 1)); });
    add(tr("Faster"), QKeySequence(Qt::Key_BracketRight),
        [this] { m_speedBox->setCurrentIndex(std::min(m_speedBox->count() - 1, m_speedBox->currentIndex() + 1)); });
}

QString ComparisonView::openVideos(const QStringList& paths) {
    if (paths.isEmpty() || paths.size() > 4) {
        return tr("open 1 to 4 videos (got %1)").arg(paths.size());
    }
    std::vector<VideoTrack> tracks;
    for (qsizetype i = 0; i < paths.size(); ++i) {
        VideoTrack track;
        track.path = paths[i];
        track.name =
            QStringLiteral("%1 · %2").arg(QChar(static_cast<char16_t>(u'A' + i)), QFileInfo(paths[i]).fileName());
        track.colour = kColours[i];
        try {
            media::VideoReader reader(paths[i].toStdString());
            track.ptsUs = reader.framePtsUs();
            track.durationUs = reader.durationUs();
            track.fps = reader.info().frameRate.value();
            track.width = reader.info().displayWidth();
            track.height = reader.info().displayHeight();
        } catch (const std::exception& error) {
            return QString::fromUtf8(error.what());
        }
        if (track.ptsUs.empty()) {
            return tr("%1: no video frames").arg(paths[i]);
        }
        tracks.push_back(std::move(track));
    }
    pause();
    m_scoring.cancel();
    m_loaders.clear();
    m_cache->clear();
    m_timeline.setTracks(std::move(tracks));
    rebuildViews();
    m_plot->refresh();
    m_timeUs = m_timeline.startUs();
    requestFrames();
    return {};
}

void ComparisonView::rebuildViews() {
    for (VideoView* view : m_views) {
        delete view;
    }
    m_views.clear();
    auto* grid = static_cast<QGridLayout*>(m_grid->layout());
    const int count = m_timeline.count();
    const int columns = count <= 2 ? count : 2;
    m_shown.assign(static_cast<size_t>(count), -1);
    for (int video = 0; video < count; ++video) {
        const VideoTrack& track = m_timeline.tracks()[static_cast<size_t>(video)];
        auto* view = new VideoView(m_grid);
        view->setTrack(track.name, track.colour, static_cast<int64_t>(track.ptsUs.size()));
        grid->addWidget(view, video / columns, video % columns);
        m_views.push_back(view);
        auto loader = std::make_unique<FrameLoader>(track.path, static_cast<uint64_t>(video), m_cache);
        connect(loader.get(), &FrameLoader::frameReady, this,
                [this, video](qint64 index, const QImage& image, bool exact) { onFrame(video, index, image, exact); });
        connect(loader.get(), &FrameLoader::failed, this, [this, video](const QString& message) {
            m_views[static_cast<size_t>(video)]->showError(message);
            emit statusMessage(message);
        });
        m_loaders.push_back(std::move(loader));
    }
}

void ComparisonView::setCurve(int video, const ScoredCurve& curve) {
    if (video < 0 || video >= videoCount()) {
        return;
    }
    VideoTrack& track = m_timeline.track(video);
    track.energies = curve.energies;
    track.judgeFrames = curve.judgeFrames;
    m_plot->refresh();
    m_plot->setPlayhead(m_timeUs);
}

void ComparisonView::scoreVideos(const QString& checkpoint) {
    QStringList paths;
    for (const VideoTrack& track : m_timeline.tracks()) {
        paths << track.path;
    }
    m_scoring.setCheckpoint(checkpoint);
    m_scoring.start(paths);
}

int64_t ComparisonView::shownFrame(int video) const {
    return m_views[static_cast<size_t>(video)]->shownFrame();
}

int64_t ComparisonView::wantedFrame(int video) const {
    return m_timeline.frameAt(video, m_timeUs);
}

void ComparisonView::seek(qint64 timeUs) {
    m_timeUs =
        std::clamp<int64_t>(timeUs, m_timeline.startUs(), std::max(m_timeline.startUs(), m_timeline.endUs() - 1));
    if (m_playing) {
        m_playStartUs = m_timeUs;
        m_sincePlay.restart();
    }
    requestFrames();
}

void ComparisonView::requestFrames() {
    m_plot->setPlayhead(m_timeUs);
    updateTimeLabel();
    emit timeChanged(m_timeUs);
    bool allShown = true;
    for (int video = 0; video < videoCount(); ++video) {
        const int64_t wanted = wantedFrame(video);
        if (m_views[static_cast<size_t>(video)]->shownFrame() == wanted) {
            continue;
        }
        allShown = false;
        // A frame already decoded is drawn at once (backward steps, replays); otherwise the worker decodes it.
        if (const media::VideoFramePtr cached = m_cache->find(static_cast<uint64_t>(video), wanted)) {
            onFrame(video, wanted, imageOf(cached), cached->exact);
        } else if (m_shown[static_cast<size_t>(video)] != wanted) {
            m_shown[static_cast<size_t>(video)] = wanted; // requested
            m_loaders[static_cast<size_t>(video)]->request(wanted);
        }
    }
    if (allShown && videoCount() > 0) {
        emit framesShown();
    }
}

void ComparisonView::onFrame(int video, int64_t index, const QImage& image, bool exact) {
    const VideoTrack& track = m_timeline.tracks()[static_cast<size_t>(video)];
    m_views[static_cast<size_t>(video)]->showFrame(index, image, track.ptsUs[static_cast<size_t>(index)], exact);
    for (int other = 0; other < videoCount(); ++other) {
        if (m_views[static_cast<size_t>(other)]->shownFrame() != wantedFrame(other)) {
            if (other == video) {
                m_shown[static_cast<size_t>(video)] = -1;
                requestFrames(); // a late frame: ask again for the one the clock wants now
            }
            return;
        }
    }
    emit framesShown();
}

void ComparisonView::play() {
    if (m_playing || videoCount() == 0) {
        return;
    }
    if (m_timeUs >= m_timeline.endUs() - 1) {
        m_timeUs = m_timeline.startUs();
    }
    m_playing = true;
    m_playStartUs = m_timeUs;
    m_sincePlay.start();
    m_clock.start();
    m_playButton->setText(tr("Pause"));
}

void ComparisonView::pause() {
    if (!m_playing) {
        return;
    }
    m_playing = false;
    m_clock.stop();
    m_playButton->setText(tr("Play"));
}

void ComparisonView::togglePlay() {
    m_playing ? pause() : play();
}

void ComparisonView::tick() {
    const int64_t now =
        m_playStartUs +
        static_cast<int64_t>(std::llround(static_cast<double>(m_sincePlay.nsecsElapsed()) / 1e3 * m_speed));
    if (now >= m_timeline.endUs()) {
        pause();
        seek(m_timeline.endUs() - 1);
        return;
    }
    m_timeUs = now;
    requestFrames();
}

void ComparisonView::step(int frames) {
    if (videoCount() == 0) {
        return;
    }
    pause();
    seek(m_timeline.stepFrom(0, m_timeUs, frames));
}

void ComparisonView::toStart() {
    pause();
    seek(m_timeline.startUs());
}

void ComparisonView::toEnd() {
    pause();
    // The last frame of the longest video.
    int64_t last = m_timeline.startUs();
    for (int video = 0; video < videoCount(); ++video) {
        last = std::max(
            last, m_timeline.timeOf(video, static_cast<int64_t>(m_timeline.tracks()[size_t(video)].ptsUs.size()) - 1));
    }
    seek(last);
}

void ComparisonView::setSpeed(double speed) {
    const int64_t now = m_timeUs;
    m_speed = std::clamp(speed, 0.25, 2.0);
    if (m_playing) {
        m_playStartUs = now;
        m_sincePlay.restart();
    }
    const int index = m_speedBox->findData(m_speed);
    if (index >= 0 && index != m_speedBox->currentIndex()) {
        m_speedBox->setCurrentIndex(index);
    }
}

void ComparisonView::setOffset(int video, qint64 offsetUs) {
    if (video < 0 || video >= videoCount()) {
        return;
    }
    m_timeline.track(video).offsetUs = offsetUs;
    m_plot->refresh();
    requestFrames();
}

void ComparisonView::jumpToWorstMoment() {
    if (const std::optional<int64_t> time = m_timeline.worstMomentUs()) {
        pause();
        seek(*time);
    } else {
        emit statusMessage(tr("No judge scores yet: score the videos first"));
    }
}

void ComparisonView::jumpToNextSignChange() {
    if (const std::optional<int64_t> time = m_timeline.nextSignChangeUs(m_timeUs)) {
        pause();
        seek(*time);
    } else {
        emit statusMessage(tr("ΔE does not change sign after this point"));
    }
}

void ComparisonView::keyPressEvent(QKeyEvent* event) {
    // The same keys as the actions, for when no shortcut reached them (focus in a child that took the key).
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    switch (event->key()) {
    case Qt::Key_Space:
        togglePlay();
        break;
    case Qt::Key_Right:
        step(shift ? 10 : 1);
        break;
    case Qt::Key_Left:
        step(shift ? -10 : -1);
        break;
    case Qt::Key_Home:
        toStart();
        break;
    case Qt::Key_End:
        toEnd();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

void ComparisonView::updateTimeLabel() {
    QStringList parts{tr("%1 / %2 s")
                          .arg(static_cast<double>(m_timeUs) / 1e6, 0, 'f', 3)
                          .arg(static_cast<double>(m_timeline.endUs()) / 1e6, 0, 'f', 3)};
    for (int video = 0; video < videoCount(); ++video) {
        parts << tr("%1 frame %2").arg(QChar(static_cast<char16_t>(u'A' + video))).arg(wantedFrame(video));
    }
    m_timeLabel->setText(parts.join(QStringLiteral("   ")));
}

} // namespace svj::widgets
