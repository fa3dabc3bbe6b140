// The comparison view: 2-4 videos side by side on one master clock, frame-exact stepping, the judge's energy
// curves under them with a playhead that follows playback, and seeking from the plot. Scoring runs in a child
// process; decoding on one worker thread per video.
#pragma once

#include "widgets/score_job.h"
#include "widgets/timeline.h"
#include "widgets/video_view.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QToolButton;

namespace svj::media {
class FrameCache;
}

namespace svj::widgets {

class EnergyPlot;
class FrameLoader;
class JudgeChoice;
class JudgeStrip;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);
    ~ComparisonView() override;

    // Opens 1-4 videos on one timeline (each probed first). On error nothing changes and the message names the
    // file and what is wrong; an empty string means success.
    QString openVideos(const QStringList& paths, const QStringList& names = {});
    // The probing half of openVideos, safe on any thread (the labelling panel probes the next pair ahead).
    // `names` replaces "A · file" (blind labelling shows "Left" and "Right").
    struct Probed {
        std::vector<VideoTrack> tracks;
        QString error; // empty on success
    };
    static Probed probeVideos(const QStringList& paths, const QStringList& names = {});
    // Shows tracks probed before (by probeVideos).
    void openTracks(std::vector<VideoTrack> tracks);
    // Starts decoding the first frames of `tracks` at the size the panes would show them, so that opening
    // exactly these tracks next shows them at once (the labelling queue's next pair). Replaces an earlier one.
    void prepareTracks(const std::vector<VideoTrack>& tracks);
    int videoCount() const { return m_timeline.count(); }
    const Timeline& timeline() const { return m_timeline; }

    // Scores every open video with the chosen judge in a child process (scores kept in the score workspace
    // are read back instead, see ScoreJob).
    void scoreVideos();
    // Switches the judge (empty: the shipped one): the curves are cleared and drawn again by the new judge.
    void setCheckpoint(const QString& checkpoint);
    QString checkpoint() const { return m_scoring.checkpoint(); }
    // Shows or hides everything the judge says (curves, strip, jumps, judge choice): hidden while voting.
    void setJudgeVisible(bool on);
    bool isJudgeVisible() const;
    JudgeChoice* judgeChoice() const { return m_judgeChoice; }
    ScoreJob& scoreJob() { return m_scoring; }
    // Sets a video's energy curve directly (a stored score).
    void setCurve(int video, const ScoredCurve& curve);

    int64_t timeUs() const { return m_timeUs; }
    // The frame each view has drawn, and the one the current time asks for (equal once framesShown fired).
    int64_t shownFrame(int video) const;
    int64_t wantedFrame(int video) const;
    bool isPlaying() const { return m_playing; }
    bool isLooping() const { return m_looping; }
    int offsetTarget() const { return m_offsetVideo; }
    std::pair<int64_t, int64_t> loopRange() const { return {m_loopIn, m_loopOut}; }
    double speed() const { return m_speed; }
    EnergyPlot* energyPlot() const { return m_plot; }
    JudgeStrip* judgeStrip() const { return m_strip; }
    // Which video's judge frames the strip shows.
    void showJudgeFramesOf(int video);
    VideoView* view(int video) const { return m_views[static_cast<size_t>(video)]; }
    const FrameLoader* loader(int video) const { return m_loaders[static_cast<size_t>(video)].get(); }
    // The playback and navigation actions with their shortcuts (the main window's Playback menu), and the
    // compare, zoom and export ones (its View menu).
    QList<QAction*> playbackActions() const { return m_actions; }
    QList<QAction*> viewActions() const { return m_viewActions; }
    QAction* action(const QString& objectName) const;

    CompareMode compareMode() const { return m_mode; }
    const ViewTransform& viewTransform() const { return m_transform; }
    // The frames on screen as one picture: the composed pane in a compare mode, else every video side by side.
    QImage currentPicture() const;
    // Time, each video's frame and energy, ΔE: what "Copy" puts on the clipboard.
    QString describeCurrentMoment() const;

public slots:
    void seek(qint64 timeUs);
    void play();
    void pause();
    void togglePlay();
    // ±n frames of the first video (the reference); the others show their frame at that time.
    void step(int frames);
    void toStart();
    void toEnd();
    void setSpeed(double speed);
    void setOffset(int video, qint64 offsetUs);
    void jumpToWorstMoment();
    void jumpToNextSignChange();
    // Two-video compare modes act on A and B; side by side shows every video.
    void setCompareMode(svj::widgets::CompareMode mode);
    // Loop playback between two times (set at the playhead with I and O, L toggles).
    void setLoopRange(qint64 inUs, qint64 outUs);
    void setLooping(bool on);
    // Moves video `video` on the timeline by `frames` of its own frames (aligning clips by eye).
    void nudgeOffset(int video, int frames);
    // The video the offset keys (Alt+arrows) move; a click on a pane selects it.
    void setOffsetTarget(int video);
    // In flicker mode, shows B in A's place (or back).
    void toggleFlicker();
    void setDifferenceGain(double gain);
    void setWipePosition(double fraction);
    void setViewTransform(const svj::widgets::ViewTransform& transform);
    void exportPicture(const QString& path);
    void copyCurrentMoment();

signals:
    // Every view now shows the frame the current time asks for.
    void framesShown();
    void timeChanged(qint64 timeUs);
    void statusMessage(QString message);
    // Scoring of all open videos, in hundredths of a video (windows of the current one counted).
    void scoringProgress(int done, int total);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createActions(); // comparison_view_actions.cpp
    void connectScoring();
    void rebuildViews(std::vector<std::unique_ptr<FrameLoader>> prepared);
    std::unique_ptr<FrameLoader> makeLoader(const VideoTrack& track, int count);
    static int prefetchFor(const VideoTrack& track, int count);
    // The size frames of `track` are decoded at for `pane` (0 x 0: the video's own).
    QSize decodeSize(const VideoTrack& track, const VideoView* pane) const;
    // Asks every view for the frame the clock wants; `refresh` also replaces frames already shown (after the
    // decode size changed).
    void requestFrames(bool refresh = false);
    // Decode straight to the size on screen at fit, the video's own size when zoomed in (see FrameLoader).
    void updateOutputSizes();
    void onFrame(int video, int64_t index, const QImage& image, bool exact);
    void tick();
    void updateTimeLabel();
    void updateCompare();
    void showPixel(QPoint imagePixel, int fromVideo);
    QString frameCaption(int video) const;

    Timeline m_timeline;
    std::shared_ptr<media::FrameCache> m_cache;
    std::vector<VideoView*> m_views;
    std::vector<std::unique_ptr<FrameLoader>> m_loaders;
    struct Standby {
        QStringList paths;
        std::vector<std::unique_ptr<FrameLoader>> loaders;
    };
    Standby m_standby;         // prepareTracks()
    uint64_t m_nextSource = 0; // the cache's source id of the next loader (never reused)
    QWidget* m_grid = nullptr;
    EnergyPlot* m_plot = nullptr;
    JudgeStrip* m_strip = nullptr;
    QComboBox* m_stripChoice = nullptr;
    int m_stripVideo = 0;
    QToolButton* m_playButton = nullptr;
    QToolButton* m_worstButton = nullptr;
    QToolButton* m_flipButton = nullptr;
    QComboBox* m_speedBox = nullptr;
    JudgeChoice* m_judgeChoice = nullptr;
    QLabel* m_judgeLabel = nullptr;
    QWidget* m_judgePane = nullptr;
    QLabel* m_timeLabel = nullptr;
    QLabel* m_pixelLabel = nullptr;
    QList<QAction*> m_actions;
    QList<QAction*> m_viewActions;
    CompareMode m_mode = CompareMode::SideBySide;
    ViewTransform m_transform;
    double m_wipe = 0.5;
    double m_gain = 4.0;
    bool m_flickerOther = false;
    int m_offsetVideo = 1;
    ScoreJob m_scoring;

    int64_t m_timeUs = 0;
    bool m_playing = false;
    double m_speed = 1.0;
    int64_t m_loopIn = 0;
    int64_t m_loopOut = 0; // 0: the end of the timeline
    bool m_looping = false;
    QTimer m_clock;
    QTimer m_resized; // debounces pane resizes before frames are decoded at the new size
    QElapsedTimer m_sincePlay;
    int64_t m_playStartUs = 0;
};

} // namespace svj::widgets
