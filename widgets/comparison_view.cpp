#include "widgets/comparison_view.h"

#include "media/frame_cache.h"
#include "media/video_reader.h"
#include "widgets/energy_plot.h"
#include "widgets/frame_loader.h"
#include "widgets/judge_choice.h"
#include "widgets/judge_strip.h"
#include "widgets/video_view.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QSignalBlocker>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
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
    // Upper: the players and their controls; lower: what the judge says (hidden while an annotator votes).
    auto* upper = new QWidget(splitter);
    auto* upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    m_grid = new QWidget(upper);
    new QGridLayout(m_grid);
    m_grid->layout()->setContentsMargins(0, 0, 0, 0);
    m_grid->layout()->setSpacing(4);
    upperLayout->addWidget(m_grid, 1);
    auto* lower = new QWidget(splitter);
    m_judgePane = lower;
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
    // Time, frames and pixel values give way (cut at the right) rather than widen the window: with four videos,
    // or in a language with longer words, they would otherwise push it past the screen.
    m_timeLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_timeLabel->setMinimumWidth(m_timeLabel->fontMetrics().horizontalAdvance(QStringLiteral("00.000 / 00.000 s")));
    controls->addWidget(m_playButton);
    controls->addWidget(m_speedBox);
    controls->addWidget(m_timeLabel, 3);
    m_pixelLabel = new QLabel(lower);
    m_pixelLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pixelLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    controls->addWidget(m_pixelLabel, 1);
    m_worstButton = new QToolButton(lower);
    m_worstButton->setText(tr("Worst moment (W)"));
    m_worstButton->setToolTip(tr("Jump to where the judge's preference between A and B is strongest"));
    m_flipButton = new QToolButton(lower);
    m_flipButton->setText(tr("Next flip (N)"));
    m_flipButton->setToolTip(tr("Jump to where ΔE next changes sign: the judge changes its mind"));
    m_judgeLabel = new QLabel(tr("&Judge:"), lower);
    m_judgeChoice = new JudgeChoice(lower);
    m_judgeLabel->setBuddy(m_judgeChoice);
    controls->addWidget(m_judgeLabel);
    controls->addWidget(m_judgeChoice);
    controls->addWidget(m_worstButton);
    controls->addWidget(m_flipButton);
    upperLayout->addLayout(controls);
    auto* stripRow = new QHBoxLayout;
    auto* stripLabel = new QLabel(tr("The judge saw:"), lower);
    m_stripChoice = new QComboBox(lower);
    m_stripChoice->setAccessibleName(tr("Video whose judge frames are shown"));
    stripLabel->setBuddy(m_stripChoice);
    m_strip = new JudgeStrip(lower);
    stripRow->addWidget(stripLabel);
    stripRow->addWidget(m_stripChoice);
    stripRow->addWidget(m_strip, 1);
    lowerLayout->addLayout(stripRow);
    connect(m_stripChoice, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) {
            showJudgeFramesOf(index);
        }
    });
    connect(m_strip, &JudgeStrip::frameClicked, this, [this](qint64 frame) {
        pause();
        seek(m_timeline.timeOf(m_stripVideo, frame));
    });
    m_plot = new EnergyPlot(lower);
    lowerLayout->addWidget(m_plot, 1);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({600, 380});
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
    m_resized.setSingleShot(true);
    m_resized.setInterval(60);
    connect(&m_resized, &QTimer::timeout, this, [this] {
        updateOutputSizes();
        requestFrames(true);
    });
    m_clock.setTimerType(Qt::PreciseTimer);
    m_clock.setInterval(8);
    connect(&m_clock, &QTimer::timeout, this, &ComparisonView::tick);

    connectScoring();
    createActions();
    updateTimeLabel();
}

ComparisonView::~ComparisonView() {
    m_clock.stop();
    m_scoring.cancel();
    m_loaders.clear(); // worker threads stop before the views go
    m_standby = {};
    m_strip->setFrames({}, {}, {});
}

ComparisonView::Probed ComparisonView::probeVideos(const QStringList& paths, const QStringList& names) {
    Probed probed;
    if (paths.isEmpty() || paths.size() > 4) {
        probed.error = tr("open 1 to 4 videos (got %1)").arg(paths.size());
        return probed;
    }
    for (qsizetype i = 0; i < paths.size(); ++i) {
        VideoTrack track;
        track.path = paths[i];
        track.name = i < names.size() ? names[i]
                                      : QStringLiteral("%1 · %2").arg(QChar(static_cast<char16_t>(u'A' + i)),
                                                                      QFileInfo(paths[i]).fileName());
        track.colour = kColours[i];
        try {
            media::VideoReader reader(paths[i].toStdString());
            track.ptsUs = reader.framePtsUs();
            track.durationUs = reader.durationUs();
            track.fps = reader.info().frameRate.value();
            track.width = reader.info().displayWidth();
            track.height = reader.info().displayHeight();
        } catch (const std::exception& error) {
            probed.error = QString::fromUtf8(error.what());
            probed.tracks.clear();
            return probed;
        }
        if (track.ptsUs.empty()) {
            probed.error = tr("%1: no video frames").arg(paths[i]);
            probed.tracks.clear();
            return probed;
        }
        probed.tracks.push_back(std::move(track));
    }
    return probed;
}

QString ComparisonView::openVideos(const QStringList& paths, const QStringList& names) {
    Probed probed = probeVideos(paths, names);
    if (!probed.error.isEmpty()) {
        return probed.error;
    }
    openTracks(std::move(probed.tracks));
    return {};
}

void ComparisonView::openTracks(std::vector<VideoTrack> tracks) {
    pause();
    m_scoring.cancel();
    m_loaders.clear();
    // Loaders prepared for exactly these videos take over with the frames they decoded already (in the cache,
    // under their own source ids: nothing is cleared, the cache evicts by age within its budget).
    std::vector<std::unique_ptr<FrameLoader>> prepared;
    if (m_standby.paths.size() == static_cast<qsizetype>(tracks.size())) {
        bool same = true;
        for (size_t video = 0; video < tracks.size(); ++video) {
            same = same && m_standby.paths[static_cast<qsizetype>(video)] == tracks[video].path;
        }
        if (same) {
            prepared = std::move(m_standby.loaders);
        }
    }
    m_standby = {};
    m_timeline.setTracks(std::move(tracks));
    m_loopIn = m_loopOut = 0;
    m_looping = false;
    m_offsetVideo = m_timeline.count() > 1 ? 1 : 0;
    rebuildViews(std::move(prepared));
    {
        const QSignalBlocker blocker(m_stripChoice);
        m_stripChoice->clear();
        for (const VideoTrack& track : m_timeline.tracks()) {
            m_stripChoice->addItem(track.name);
        }
    }
    showJudgeFramesOf(0);
    setCompareMode(m_timeline.count() >= 2 ? m_mode : CompareMode::SideBySide);
    m_plot->refresh();
    m_timeUs = m_timeline.startUs();
    requestFrames();
}

void ComparisonView::rebuildViews(std::vector<std::unique_ptr<FrameLoader>> prepared) {
    const int count = m_timeline.count();
    // The panes stay when the number of videos does (the next pair of a labelling queue): no relayout.
    if (static_cast<int>(m_views.size()) != count) {
        for (VideoView* view : m_views) {
            delete view;
        }
        m_views.clear();
        auto* grid = static_cast<QGridLayout*>(m_grid->layout());
        const int columns = count <= 2 ? count : 2;
        for (int video = 0; video < count; ++video) {
            auto* view = new VideoView(m_grid);
            grid->addWidget(view, video / columns, video % columns);
            view->setTransform(m_transform);
            view->installEventFilter(this);
            view->setWipePosition(m_wipe);
            view->setDifferenceGain(m_gain);
            connect(view, &VideoView::transformRequested, this, &ComparisonView::setViewTransform);
            connect(view, &VideoView::wipeRequested, this, &ComparisonView::setWipePosition);
            connect(view, &VideoView::hovered, this, [this, video](QPoint pixel) { showPixel(pixel, video); });
            m_views.push_back(view);
        }
    }
    for (int video = 0; video < count; ++video) {
        const VideoTrack& track = m_timeline.tracks()[static_cast<size_t>(video)];
        VideoView* view = m_views[static_cast<size_t>(video)];
        view->setTrack(track.name, track.colour, static_cast<int64_t>(track.ptsUs.size()));
        view->setOffset(track.offsetUs);
        std::unique_ptr<FrameLoader> loader = static_cast<size_t>(video) < prepared.size()
                                                  ? std::move(prepared[static_cast<size_t>(video)])
                                                  : makeLoader(track, count);
        loader->setPrefetch(prefetchFor(track, count));
        connect(loader.get(), &FrameLoader::frameReady, this,
                [this, video](qint64 index, const QImage& image, bool exact) { onFrame(video, index, image, exact); });
        connect(loader.get(), &FrameLoader::failed, this, [this, video](const QString& message) {
            m_views[static_cast<size_t>(video)]->showError(message);
            emit statusMessage(message);
        });
        m_loaders.push_back(std::move(loader));
    }
}

std::unique_ptr<FrameLoader> ComparisonView::makeLoader(const VideoTrack& track, int count) {
    // Several videos: one decoding thread each (they run side by side); one video: FFmpeg's threads.
    return std::make_unique<FrameLoader>(track.path, m_nextSource++, m_cache, count > 1 ? 1 : 0);
}

int ComparisonView::prefetchFor(const VideoTrack& track, int count) {
    // About a second ahead per video absorbs slow frames (key frames, busy scenes) during playback, as long as
    // half the cache holds it.
    const size_t frameBytes = static_cast<size_t>(std::max(1, track.width)) * std::max(1, track.height) * 3;
    return static_cast<int>(std::clamp<size_t>(kCacheBytes / 2 / (frameBytes * static_cast<size_t>(count)), 8, 48));
}

void ComparisonView::prepareTracks(const std::vector<VideoTrack>& tracks) {
    m_standby = {};
    const int count = static_cast<int>(tracks.size());
    Timeline next;
    next.setTracks(tracks);
    for (int video = 0; video < count; ++video) {
        const VideoTrack& track = tracks[static_cast<size_t>(video)];
        std::unique_ptr<FrameLoader> loader = makeLoader(track, count);
        loader->setPrefetch(0); // only the first frame: the pair on screen keeps the decoders
        if (count == videoCount()) {
            const QSize size = decodeSize(track, m_views[static_cast<size_t>(video)]);
            loader->setOutputSize(size.width(), size.height());
        }
        loader->request(next.frameAt(video, next.startUs()));
        m_standby.paths << track.path;
        m_standby.loaders.push_back(std::move(loader));
    }
}

void ComparisonView::connectScoring() {
    connect(m_judgeChoice, &JudgeChoice::checkpointChosen, this, &ComparisonView::setCheckpoint);
    connect(&m_scoring, &ScoreJob::scored, this,
            [this](int index, const ScoredCurve& curve) { setCurve(index, curve); });
    const auto name = [this](int index) {
        return index >= 0 && index < videoCount() ? m_timeline.tracks()[size_t(index)].name : QString();
    };
    connect(&m_scoring, &ScoreJob::progress, this, [this, name](int done, int total, const QString&) {
        emit scoringProgress(done * 100, total * 100);
        emit statusMessage(tr("Scoring %1 (%2 of %3) with the judge…").arg(name(done)).arg(done + 1).arg(total));
    });
    connect(&m_scoring, &ScoreJob::windowProgress, this, [this, name](int index, int done, int total) {
        if (total > 0) {
            emit scoringProgress(index * 100 + done * 100 / total, videoCount() * 100);
            emit statusMessage(tr("Scoring %1 (%2 of %3): window %4 of %5")
                                   .arg(name(index))
                                   .arg(index + 1)
                                   .arg(videoCount())
                                   .arg(done)
                                   .arg(total));
        }
    });
    connect(&m_scoring, &ScoreJob::failed, this, [this, name](int index, const QString& message) {
        emit statusMessage(tr("Scoring %1 failed: %2").arg(name(index), message));
    });
    connect(&m_scoring, &ScoreJob::finished, this, [this](bool cancelled) {
        emit scoringProgress(videoCount() * 100, videoCount() * 100);
        emit statusMessage(cancelled
                               ? tr("Scoring cancelled")
                               : tr("Scored by %1: press W for the worst moment").arg(m_judgeChoice->currentText()));
    });
}

void ComparisonView::setJudgeVisible(bool on) {
    m_judgePane->setVisible(on);
    m_worstButton->setVisible(on);
    m_flipButton->setVisible(on);
    m_judgeChoice->setVisible(on);
    m_judgeLabel->setVisible(on);
}

bool ComparisonView::isJudgeVisible() const {
    return !m_judgePane->isHidden();
}

void ComparisonView::setCheckpoint(const QString& checkpoint) {
    m_scoring.cancel();
    m_judgeChoice->select(checkpoint);
    m_scoring.setCheckpoint(m_judgeChoice->checkpoint());
    // The old judge's curves must not pass for the new one's while it scores.
    for (int video = 0; video < videoCount(); ++video) {
        setCurve(video, {});
    }
    if (videoCount() > 0) {
        scoreVideos();
    }
}

void ComparisonView::setCurve(int video, const ScoredCurve& curve) {
    if (video < 0 || video >= videoCount()) {
        return;
    }
    VideoTrack& track = m_timeline.track(video);
    track.energies = curve.energies;
    track.judgeFrames = curve.judgeFrames;
    track.windowSizes = curve.windowSizes;
    if (video == m_stripVideo) {
        m_strip->setFrames(track.path, track.judgeFrames, track.windowSizes);
    }
    m_plot->refresh();
    m_plot->setPlayhead(m_timeUs);
}

void ComparisonView::scoreVideos() {
    QStringList paths;
    for (const VideoTrack& track : m_timeline.tracks()) {
        paths << track.path;
    }
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

void ComparisonView::requestFrames(bool refresh) {
    m_plot->setPlayhead(m_timeUs);
    updateTimeLabel();
    emit timeChanged(m_timeUs);
    bool allShown = true;
    for (int video = 0; video < videoCount(); ++video) {
        const int64_t wanted = wantedFrame(video);
        if (m_views[static_cast<size_t>(video)]->shownFrame() == wanted && !refresh) {
            continue;
        }
        allShown = false;
        // A frame already decoded is drawn at once (backward steps, replays); otherwise the worker decodes it
        // (asking again is cheap: the worker keeps only the newest request).
        FrameLoader& loader = *m_loaders[static_cast<size_t>(video)];
        if (const media::VideoFramePtr cached = m_cache->find(loader.cacheSource(), wanted)) {
            onFrame(video, wanted, imageOf(cached), cached->exact);
        } else {
            loader.request(wanted);
        }
    }
    if (allShown && videoCount() > 0) {
        emit framesShown();
    }
}

void ComparisonView::onFrame(int video, int64_t index, const QImage& image, bool exact) {
    VideoView* view = m_views[static_cast<size_t>(video)];
    const int64_t wanted = wantedFrame(video);
    if (index != wanted) {
        // A late answer to an older request. Never over the frame the clock wants (the cache may have drawn it
        // already); otherwise shown, better than an older one, while the wanted frame is asked for again.
        if (view->shownFrame() == wanted) {
            return;
        }
        m_loaders[static_cast<size_t>(video)]->request(wanted);
    }
    if (view->shownFrame() == index && view->image().size() == image.size()) {
        return; // already on screen at this size
    }
    const VideoTrack& track = m_timeline.tracks()[static_cast<size_t>(video)];
    view->showFrame(index, image, track.ptsUs[static_cast<size_t>(index)], exact);
    if (video == 1 && m_mode != CompareMode::SideBySide) {
        updateCompare();
    }
    for (int other = 0; other < videoCount(); ++other) {
        if (m_views[static_cast<size_t>(other)]->shownFrame() != wantedFrame(other)) {
            return; // another view still decoding
        }
    }
    emit framesShown();
}

void ComparisonView::play() {
    if (m_playing || videoCount() == 0) {
        return;
    }
    const auto [in, out] = std::pair(m_loopIn, m_loopOut > m_loopIn ? m_loopOut : m_timeline.endUs());
    if (m_looping && (m_timeUs < in || m_timeUs >= out)) {
        m_timeUs = in;
    } else if (m_timeUs >= m_timeline.endUs() - 1) {
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
    const int64_t loopEnd = m_loopOut > m_loopIn ? m_loopOut : m_timeline.endUs();
    if (m_looping && now >= loopEnd) {
        m_playStartUs = m_loopIn;
        m_sincePlay.restart();
        m_timeUs = m_loopIn;
        requestFrames();
        return;
    }
    if (now >= m_timeline.endUs()) {
        pause();
        seek(m_timeline.endUs() - 1);
        return;
    }
    m_timeUs = now;
    requestFrames();
}

void ComparisonView::setLoopRange(qint64 inUs, qint64 outUs) {
    m_loopIn = std::clamp<int64_t>(std::min(inUs, outUs), m_timeline.startUs(), m_timeline.endUs());
    m_loopOut = std::clamp<int64_t>(std::max(inUs, outUs), m_timeline.startUs(), m_timeline.endUs());
    m_plot->setLoopRange(m_loopIn, m_loopOut > m_loopIn ? m_loopOut : m_timeline.endUs(), m_looping);
}

void ComparisonView::setLooping(bool on) {
    m_looping = on;
    m_plot->setLoopRange(m_loopIn, m_loopOut > m_loopIn ? m_loopOut : m_timeline.endUs(), m_looping);
    emit statusMessage(
        on ? tr("Looping %1 s – %2 s")
                 .arg(static_cast<double>(m_loopIn) / 1e6, 0, 'f', 3)
                 .arg(static_cast<double>(m_loopOut > m_loopIn ? m_loopOut : m_timeline.endUs()) / 1e6, 0, 'f', 3)
           : tr("Loop off"));
}

void ComparisonView::nudgeOffset(int video, int frames) {
    if (video < 0 || video >= videoCount()) {
        return;
    }
    const VideoTrack& track = m_timeline.tracks()[static_cast<size_t>(video)];
    const double frameUs = track.fps > 0.0 ? 1e6 / track.fps : 40000.0;
    setOffset(video, track.offsetUs + static_cast<int64_t>(std::llround(frames * frameUs)));
    emit statusMessage(
        tr("%1 starts at %2 s on the timeline")
            .arg(track.name)
            .arg(static_cast<double>(m_timeline.tracks()[static_cast<size_t>(video)].offsetUs) / 1e6, 0, 'f', 3));
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

void ComparisonView::setOffsetTarget(int video) {
    if (video < 0 || video >= videoCount() || video == m_offsetVideo) {
        return;
    }
    m_offsetVideo = video;
    emit statusMessage(tr("Alt+←/→ now move %1 on the timeline").arg(m_timeline.tracks()[size_t(video)].name));
}

void ComparisonView::setOffset(int video, qint64 offsetUs) {
    if (video < 0 || video >= videoCount()) {
        return;
    }
    m_timeline.track(video).offsetUs = offsetUs;
    m_views[static_cast<size_t>(video)]->setOffset(offsetUs);
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

bool ComparisonView::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize) {
        m_resized.start();
    } else if (event->type() == QEvent::MouseButtonPress && m_mode == CompareMode::SideBySide) {
        const auto pane = std::find(m_views.begin(), m_views.end(), watched);
        if (pane != m_views.end()) {
            setOffsetTarget(static_cast<int>(pane - m_views.begin()));
        }
    }
    return QWidget::eventFilter(watched, event);
}

QSize ComparisonView::decodeSize(const VideoTrack& track, const VideoView* pane) const {
    const bool fit = m_transform.zoom > 0.0 && m_transform.zoom <= 1.0;
    const QSize space = (QSizeF(pane->size() - QSize(6, 6)) * pane->devicePixelRatioF()).toSize();
    QSize size(track.width, track.height);
    if (fit && space.isValid() && (space.width() < track.width || space.height() < track.height)) {
        size.scale(space, Qt::KeepAspectRatio);
        // Steps of 32 pixels: a resize by a few pixels keeps the cached frames.
        const int width = std::min(track.width, (size.width() + 31) / 32 * 32);
        const int height = std::max(
            2,
            static_cast<int>(std::lround(static_cast<double>(width) * track.height / std::max(1, track.width))) & ~1);
        size = QSize(width, height);
    }
    return size.width() >= track.width ? QSize(0, 0) : size; // 0 x 0: the video's own size
}

void ComparisonView::updateOutputSizes() {
    for (int video = 0; video < videoCount(); ++video) {
        const VideoTrack& track = m_timeline.tracks()[static_cast<size_t>(video)];
        // In a two-video mode A's pane shows B as well.
        const VideoView* pane =
            m_mode == CompareMode::SideBySide ? m_views[static_cast<size_t>(video)] : m_views.front();
        const QSize size = decodeSize(track, pane);
        m_loaders[static_cast<size_t>(video)]->setOutputSize(size.width(), size.height());
    }
}

void ComparisonView::showJudgeFramesOf(int video) {
    if (video < 0 || video >= videoCount()) {
        m_strip->setFrames({}, {}, {});
        return;
    }
    m_stripVideo = video;
    const VideoTrack& track = m_timeline.tracks()[static_cast<size_t>(video)];
    m_strip->setFrames(track.path, track.judgeFrames, track.windowSizes);
}

QAction* ComparisonView::action(const QString& objectName) const {
    for (QAction* action : m_actions + m_viewActions) {
        if (action->objectName() == objectName) {
            return action;
        }
    }
    return nullptr;
}

QString ComparisonView::frameCaption(int video) const {
    const VideoTrack& track = m_timeline.tracks()[static_cast<size_t>(video)];
    const int64_t frame = m_views[static_cast<size_t>(video)]->shownFrame();
    if (frame < 0) {
        return track.name;
    }
    return VideoView::frameCaption(track.name, frame, static_cast<int64_t>(track.ptsUs.size()) - 1,
                                   track.ptsUs[static_cast<size_t>(frame)]);
}

void ComparisonView::setCompareMode(CompareMode mode) {
    if (mode != CompareMode::SideBySide && videoCount() < 2) {
        emit statusMessage(tr("Wipe, flicker and difference compare two videos: open at least two"));
        mode = CompareMode::SideBySide;
    }
    m_mode = mode;
    for (int video = 0; video < videoCount(); ++video) {
        // In a two-video mode A's pane shows both; the others keep decoding (B feeds A's pane) out of sight.
        m_views[static_cast<size_t>(video)]->setVisible(mode == CompareMode::SideBySide || video == 0);
    }
    m_resized.start();
    for (QAction* action : m_viewActions) {
        // A mode's action carries its mode (compare_modes.h); every other action carries nothing.
        if (action->data().isValid()) {
            action->setChecked(action->data().toInt() == static_cast<int>(mode));
        }
    }
    updateCompare();
}

void ComparisonView::updateCompare() {
    if (m_views.empty()) {
        return;
    }
    VideoView* first = m_views.front();
    if (m_mode == CompareMode::SideBySide || m_views.size() < 2) {
        first->setCompare(CompareMode::SideBySide, {}, {}, {});
        return;
    }
    first->setFlickerShowsOther(m_flickerOther && m_mode == CompareMode::Flicker);
    first->setCompare(m_mode, m_views[1]->image(), frameCaption(1), m_timeline.tracks()[1].colour);
}

void ComparisonView::toggleFlicker() {
    if (m_mode != CompareMode::Flicker) {
        setCompareMode(CompareMode::Flicker);
    }
    m_flickerOther = !m_flickerOther;
    updateCompare();
}

void ComparisonView::setDifferenceGain(double gain) {
    m_gain = std::clamp(gain, 0.25, 256.0);
    for (VideoView* view : m_views) {
        view->setDifferenceGain(m_gain);
    }
    emit statusMessage(tr("Difference gain ×%1").arg(m_gain));
}

void ComparisonView::setWipePosition(double fraction) {
    m_wipe = std::clamp(fraction, 0.0, 1.0);
    for (VideoView* view : m_views) {
        view->setWipePosition(m_wipe);
    }
}

void ComparisonView::setViewTransform(const ViewTransform& transform) {
    m_transform = transform;
    m_transform.centre.setX(std::clamp(m_transform.centre.x(), 0.0, 1.0));
    m_transform.centre.setY(std::clamp(m_transform.centre.y(), 0.0, 1.0));
    for (VideoView* view : m_views) {
        view->setTransform(m_transform);
    }
    m_resized.start(); // zoomed in: the videos' own size; back at fit: the size on screen
}

void ComparisonView::showPixel(QPoint pixel, int fromVideo) {
    if (pixel.x() < 0 || m_views.empty()) {
        m_pixelLabel->clear();
        return;
    }
    // The same place in every video (videos of other sizes: the same relative position).
    const QImage& source = m_views[static_cast<size_t>(fromVideo)]->image();
    const double fx = (pixel.x() + 0.5) / std::max(1, source.width());
    const double fy = (pixel.y() + 0.5) / std::max(1, source.height());
    const VideoTrack& hoveredTrack = m_timeline.tracks()[static_cast<size_t>(fromVideo)];
    QStringList parts{tr("%1 pixel %2, %3")
                          .arg(QChar(static_cast<char16_t>(u'A' + fromVideo)))
                          .arg(static_cast<int>(fx * hoveredTrack.width))
                          .arg(static_cast<int>(fy * hoveredTrack.height))};
    for (int video = 0; video < videoCount(); ++video) {
        const QImage& image = m_views[static_cast<size_t>(video)]->image();
        if (image.isNull()) {
            continue;
        }
        const QColor colour = image.pixelColor(std::min(image.width() - 1, static_cast<int>(fx * image.width())),
                                               std::min(image.height() - 1, static_cast<int>(fy * image.height())));
        parts << QStringLiteral("%1 %2 %3 %4")
                     .arg(QChar(static_cast<char16_t>(u'A' + video)))
                     .arg(colour.red())
                     .arg(colour.green())
                     .arg(colour.blue());
    }
    m_pixelLabel->setText(parts.join(QStringLiteral("  ")));
}

QImage ComparisonView::currentPicture() const {
    if (m_views.empty()) {
        return {};
    }
    if (m_mode != CompareMode::SideBySide) {
        return m_views.front()->composedImage();
    }
    int height = 0;
    for (const VideoView* view : m_views) {
        height = std::max(height, view->image().height());
    }
    QList<QImage> scaled;
    int width = 0;
    for (const VideoView* view : m_views) {
        if (!view->image().isNull()) {
            scaled << view->image().scaledToHeight(height, Qt::SmoothTransformation);
            width += scaled.back().width();
        }
    }
    QImage out(std::max(width, 1), std::max(height, 1), QImage::Format_RGB888);
    out.fill(Qt::black);
    QPainter painter(&out);
    int x = 0;
    for (const QImage& image : scaled) {
        painter.drawImage(x, 0, image);
        x += image.width();
    }
    return out;
}

QString ComparisonView::describeCurrentMoment() const {
    return m_plot->describe(m_timeUs);
}

void ComparisonView::exportPicture(const QString& path) {
    const QImage picture = currentPicture();
    if (picture.isNull() || !picture.save(path)) {
        emit statusMessage(tr("Could not write %1").arg(path));
        return;
    }
    emit statusMessage(tr("Wrote %1 (%2 × %3)").arg(path).arg(picture.width()).arg(picture.height()));
}

void ComparisonView::copyCurrentMoment() {
    QApplication::clipboard()->setText(describeCurrentMoment());
    emit statusMessage(tr("Copied the frame numbers and energies"));
}

void ComparisonView::keyPressEvent(QKeyEvent* event) {
    // A key that reached the view without its shortcut firing (a child had the focus and passed it on): the
    // action that has that key runs, so the keys are bound once, in createActions().
    const QKeySequence pressed(event->keyCombination());
    for (QAction* action : m_actions + m_viewActions) {
        if (action->isEnabled() && action->shortcuts().contains(pressed)) {
            action->trigger();
            return;
        }
    }
    QWidget::keyPressEvent(event);
}

void ComparisonView::updateTimeLabel() {
    QStringList parts{tr("%1 / %2 s")
                          .arg(static_cast<double>(m_timeUs) / 1e6, 0, 'f', 3)
                          .arg(static_cast<double>(m_timeline.endUs()) / 1e6, 0, 'f', 3)};
    for (int video = 0; video < videoCount(); ++video) {
        parts << tr("%1 frame %2")
                     .arg(m_timeline.tracks()[static_cast<size_t>(video)].name.section(QLatin1Char(' '), 0, 0))
                     .arg(wantedFrame(video));
    }
    m_timeLabel->setText(parts.join(QStringLiteral("   ")));
}

} // namespace svj::widgets
