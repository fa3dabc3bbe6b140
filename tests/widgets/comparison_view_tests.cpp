// The comparison view with real videos: keys step frames and every view shows the frame the clock asks for
// (read back from the picture itself), clicks on the plot seek, the worst-moment and sign-change jumps land
// where ΔE says, 25 and 30 fps clips stay aligned over 10 s, real scoring in a child process draws the curves,
// and closing the window while the judge scores neither hangs nor crashes.
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"
#include "widgets/compare_modes.h"
#include "widgets/comparison_view.h"
#include "widgets/energy_plot.h"
#include "widgets/judge_choice.h"
#include "widgets/judge_strip.h"
#include "widgets/main_window.h"
#include "widgets/video_view.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <cmath>
#include <random>

using namespace svj::widgets;

namespace {

// A 10 s clip whose frames carry their own number in the top rows (tests/support/test_clips.h reads it).
QString numberedClip(const QString& folder, int fps) {
    const QString path = QStringLiteral("%1/numbered_%2fps.mp4").arg(folder).arg(fps);
    const QString bits =
        QStringLiteral("if(lt(Y\\,40)\\,if(mod(floor(N/pow(2\\,floor(X/20)))\\,2)\\,235\\,16)\\,lum(X\\,Y))");
    const QString grey = QStringLiteral("if(lt(Y/SH\\,40)\\,128\\,cb(X\\,Y))");
    const QString grey2 = QStringLiteral("if(lt(Y/SH\\,40)\\,128\\,cr(X\\,Y))");
    const QString source = QStringLiteral("testsrc2=size=320x240:rate=%1,format=yuv420p,geq=lum='%2':cb='%3':cr='%4'")
                               .arg(fps)
                               .arg(bits, grey, grey2);
    if (!svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), source,
                               QStringLiteral("-t"), QStringLiteral("10"), QStringLiteral("-c:v"),
                               QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                               QStringLiteral("-g"), QStringLiteral("50"), QStringLiteral("-pix_fmt"),
                               QStringLiteral("yuv420p"), path})) {
        return {};
    }
    return path;
}

// The number the picture in `view` carries.
int numberInView(const VideoView* view) {
    const QImage image = view->image().convertToFormat(QImage::Format_RGB888);
    return svj::test::frameIndexInPicture(image.constBits(), image.width(), image.height(),
                                          static_cast<int>(image.bytesPerLine()));
}

// Waits until every view shows the frame the view's current time asks for.
bool settled(ComparisonView& view, int timeoutMs = 5000) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        bool all = true;
        for (int video = 0; video < view.videoCount(); ++video) {
            all = all && view.shownFrame(video) == view.wantedFrame(video);
        }
        if (all) {
            return true;
        }
        QTest::qWait(5);
    }
    for (int video = 0; video < view.videoCount(); ++video) {
        qWarning("not settled at %lld us: video %d shows %lld, wants %lld", static_cast<long long>(view.timeUs()),
                 video, static_cast<long long>(view.shownFrame(video)),
                 static_cast<long long>(view.wantedFrame(video)));
    }
    return false;
}

// Each view shows the frame whose display interval holds the current time, and that frame's own picture.
void checkAligned(ComparisonView& view) {
    QVERIFY(settled(view));
    for (int video = 0; video < view.videoCount(); ++video) {
        const VideoTrack& track = view.timeline().tracks()[static_cast<size_t>(video)];
        const int64_t frame = view.shownFrame(video);
        const int64_t local = view.timeUs() - track.offsetUs;
        const int64_t start = track.ptsUs[static_cast<size_t>(frame)];
        const int64_t end = static_cast<size_t>(frame) + 1 < track.ptsUs.size()
                                ? track.ptsUs[static_cast<size_t>(frame) + 1]
                                : track.durationUs;
        QVERIFY2(local < 0 || (start <= local && local < end),
                 qPrintable(QStringLiteral("video %1 at %2 us shows frame %3 [%4, %5)")
                                .arg(video)
                                .arg(local)
                                .arg(frame)
                                .arg(start)
                                .arg(end)));
        // The picture carries its number; readable at the video's own size (1:1, or a pane big enough).
        if (view.view(video)->image().size() == QSize(track.width, track.height)) {
            QCOMPARE(numberInView(view.view(video)), static_cast<int>(frame));
        }
    }
}

// Actual pixels: frames decode at the video's own size whatever the pane, so the numbers are readable.
void actualPixels(ComparisonView& view) {
    ViewTransform oneToOne;
    oneToOne.zoom = 0.0;
    view.setViewTransform(oneToOne);
    QTest::qWait(150); // the debounced switch of decode size
}

// Opens `clips` in `view` at `size`, shows it and waits until it is on screen.
bool showClips(ComparisonView& view, const QStringList& clips, const QSize& size) {
    view.resize(size);
    const QString error = view.openVideos(clips);
    if (!error.isEmpty()) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

ScoredCurve curve(size_t frames, size_t spikeAt, float spike) {
    ScoredCurve result;
    for (size_t i = 0; i < frames; ++i) {
        result.energies.push_back(1.0f + 0.1f * std::sin(static_cast<float>(i) * 0.2f) + (i == spikeAt ? spike : 0.0f));
    }
    for (size_t i = 0; i < frames; i += 3) {
        result.judgeFrames.push_back(static_cast<int64_t>(i));
    }
    return result;
}

} // namespace

class ComparisonViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keysStepFramesAndEveryViewShowsTheSameTime();
    void mixedFrameRatesStayAlignedOverTenSeconds();
    void clickOnThePlotSeeks();
    void worstMomentAndSignChangeJumps();
    void compareModesZoomAndExport();
    void compareModeTableDrivesActionsKeysAndPictures();
    void loopAndOffsets();
    void badVideoIsNamedAndChangesNothing();
    void scoringInAChildProcessDrawsTheCurves();
    void closingWhileScoringNeitherHangsNorCrashes();
    void scoresAreKeptPerCheckpointAndSwitchingRedraws();
    void latentSpansFollowTheJudgeWindows();

private:
    QTemporaryDir m_dir;
    QString m_clip25;
    QString m_clip30;
};

void ComparisonViewTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_clip25 = numberedClip(m_dir.path(), 25);
    m_clip30 = numberedClip(m_dir.path(), 30);
    QVERIFY(!m_clip25.isEmpty() && !m_clip30.isEmpty());
}

void ComparisonViewTest::keysStepFramesAndEveryViewShowsTheSameTime() {
    ComparisonView view;
    QVERIFY(showClips(view, {m_clip25, m_clip30}, QSize(900, 600)));
    actualPixels(view);
    view.setFocus();
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 0);
    for (int i = 0; i < 3; ++i) {
        QTest::keyClick(&view, Qt::Key_Right);
    }
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 3);
    QCOMPARE(view.shownFrame(1), 3); // 0.12 s at 30 fps is frame 3 (0.100 s .. 0.133 s)
    QTest::keyClick(&view, Qt::Key_Right, Qt::ShiftModifier);
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 13);
    QTest::keyClick(&view, Qt::Key_Left);
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 12);
    QCOMPARE(view.timeUs(), 480000);
    QTest::keyClick(&view, Qt::Key_End);
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 249);
    QCOMPARE(view.shownFrame(1), 299);
    QTest::keyClick(&view, Qt::Key_Home);
    checkAligned(view);
    QCOMPARE(view.shownFrame(1), 0);
    // Space plays: time moves and the views follow.
    QTest::keyClick(&view, Qt::Key_Space);
    QVERIFY(view.isPlaying());
    QTest::qWait(400);
    QTest::keyClick(&view, Qt::Key_Space);
    QVERIFY(!view.isPlaying());
    QVERIFY2(view.timeUs() > 200000, qPrintable(QString::number(view.timeUs())));
    checkAligned(view);
}

void ComparisonViewTest::mixedFrameRatesStayAlignedOverTenSeconds() {
    ComparisonView view;
    QVERIFY(showClips(view, {m_clip25, m_clip30}, QSize(800, 500)));
    actualPixels(view);
    // Times across the whole clip, off every frame grid, and the very end.
    for (int64_t time = 0; time < 10000000; time += 413337) {
        view.seek(time);
        checkAligned(view);
    }
    // Random jumps back and forth (cache hits and misses mixed, late answers to older requests in flight).
    std::mt19937 random(20261126);
    for (int i = 0; i < 60; ++i) {
        view.seek(static_cast<int64_t>(random() % 10000000));
        if (i % 3 == 0) {
            view.seek(static_cast<int64_t>(random() % 10000000)); // a second jump before the first is answered
        }
        checkAligned(view);
    }
    view.seek(9999000);
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 249);
    QCOMPARE(view.shownFrame(1), 299);
    // An offset shifts one video on the timeline: B starts 0.5 s later.
    view.setOffset(1, 500000);
    view.seek(1000000);
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 25);
    QCOMPARE(view.shownFrame(1), 15);
    // At fit in panes smaller than the videos, frames are decoded at the size on screen, and still the right ones.
    view.setViewTransform(ViewTransform{});
    view.resize(420, 420);
    QTRY_VERIFY_WITH_TIMEOUT(view.view(0)->image().width() < 320, 3000);
    view.seek(7777777);
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 194); // 7.777777 * 25
    QCOMPARE(view.shownFrame(1), 218); // (7.777777 - 0.5) * 30
}

void ComparisonViewTest::clickOnThePlotSeeks() {
    ComparisonView view;
    QVERIFY(showClips(view, {m_clip25, m_clip30}, QSize(900, 600)));
    view.setCurve(0, curve(250, 100, 0.0f));
    view.setCurve(1, curve(300, 10, 0.0f));
    EnergyPlot* plot = view.energyPlot();
    const QPoint at = plot->canvasPoint(4.0);
    QTest::mouseClick(plot->canvas(), Qt::LeftButton, {}, at);
    // One pixel of the plot is ~10 ms here: the click lands within two of them.
    QVERIFY2(std::abs(view.timeUs() - 4000000) < 30000, qPrintable(QString::number(view.timeUs())));
    checkAligned(view);
    QCOMPARE(plot->playheadSeconds(), static_cast<double>(view.timeUs()) / 1e6);
    QVERIFY(plot->describe(view.timeUs()).contains(QStringLiteral("ΔE")));
}

void ComparisonViewTest::worstMomentAndSignChangeJumps() {
    ComparisonView view;
    view.resize(900, 600);
    QCOMPARE(view.openVideos({m_clip25, m_clip30}), QString());
    // A has a glitch at its frame 100 (4.0 s): |ΔE| is largest there. B is better (lower) until 5.0 s, then
    // worse: ΔE turns from positive to negative there.
    ScoredCurve a = curve(250, 100, 3.0f);
    ScoredCurve b = curve(300, 0, 0.0f);
    std::fill(a.energies.begin(), a.energies.end(), 1.0f);
    a.energies[100] = 4.0f;
    for (size_t i = 0; i < 300; ++i) {
        b.energies[i] = i < 150 ? 0.8f : 1.4f;
    }
    view.setCurve(0, a);
    view.setCurve(1, b);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // The expected arg-max, computed here from the curves.
    int64_t expected = -1;
    float largest = -1.0f;
    const Timeline& timeline = view.timeline();
    for (int64_t time = 0; time < 10000000; time += 1000) {
        const float delta = *timeline.energyAt(0, time) - *timeline.energyAt(1, time);
        if (std::fabs(delta) > largest + 1e-6f) {
            largest = std::fabs(delta);
            expected = time;
        }
    }
    view.setFocus();
    view.playbackActions()[7]->trigger(); // W
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 100);
    QVERIFY2(std::abs(view.timeUs() - expected) <= 1000, qPrintable(QString::number(view.timeUs())));
    view.seek(4200000);
    view.playbackActions()[8]->trigger(); // N: ΔE from + to - at 5.0 s
    checkAligned(view);
    QCOMPARE(view.timeUs(), 5000000);
}

namespace {

double meanLevel(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    double sum = 0.0;
    for (int y = 0; y < rgb.height(); ++y) {
        const uchar* row = rgb.constScanLine(y);
        for (int x = 0; x < rgb.width() * 3; ++x) {
            sum += row[x];
        }
    }
    return sum / (rgb.width() * rgb.height() * 3.0);
}

} // namespace

// Every compare mode comes from its row in compare_modes.cpp: its action (name, label, key), its command-line name,
// and the picture its pane paints and exports (composeCompare, the one composition).
void ComparisonViewTest::compareModeTableDrivesActionsKeysAndPictures() {
    ComparisonView view;
    QVERIFY(showClips(view, {m_clip25, m_clip30}, QSize(900, 600)));
    QCOMPARE(compareModes().size(), size_t(4));
    QVERIFY(!compareModeNamed(u"sideways"));
    QCOMPARE(compareModeNames(), QStringLiteral("side, wipe, flicker or difference"));
    for (const CompareModeRow& row : compareModes()) {
        QCOMPARE(compareModeNamed(QString::fromLatin1(row.cliName)), std::optional<CompareMode>(row.mode));
        QAction* action = view.action(QString::fromLatin1(row.objectName));
        QVERIFY2(action, row.objectName);
        QCOMPARE(action->shortcut(), QKeySequence(row.shortcut));
        QCOMPARE(action->text(), compareModeLabel(row.mode));
        // The key reaches the mode even when it arrives at the view itself rather than through the shortcut.
        view.setCompareMode(row.mode == CompareMode::SideBySide ? CompareMode::Wipe : CompareMode::SideBySide);
        QKeyEvent press(QEvent::KeyPress, row.shortcut, Qt::NoModifier);
        QApplication::sendEvent(&view, &press);
        QCOMPARE(view.compareMode(), row.mode);
        for (const CompareModeRow& other : compareModes()) {
            QCOMPARE(view.action(QString::fromLatin1(other.objectName))->isChecked(), other.mode == row.mode);
        }
        const QImage a = view.view(0)->image();
        const QImage b = view.view(1)->image();
        const QImage expected = row.mode == CompareMode::SideBySide
                                    ? a
                                    : composeCompare(row.mode, a, b, {view.view(0)->wipePosition(), false, 4.0});
        QCOMPARE(view.view(0)->composedImage().convertToFormat(QImage::Format_RGB888),
                 expected.convertToFormat(QImage::Format_RGB888));
    }
}

void ComparisonViewTest::compareModesZoomAndExport() {
    ComparisonView view;
    QVERIFY(showClips(view, {m_clip25, m_clip30}, QSize(900, 600)));
    actualPixels(view);
    checkAligned(view);
    const QImage a = view.view(0)->image().convertToFormat(QImage::Format_RGB888);
    const QImage b = view.view(1)->image().convertToFormat(QImage::Format_RGB888);
    // Wipe: A left of the line, B right of it.
    view.setCompareMode(CompareMode::Wipe);
    QVERIFY(!view.view(1)->isVisible());
    view.setWipePosition(0.5);
    QImage wiped = view.currentPicture().convertToFormat(QImage::Format_RGB888);
    QCOMPARE(wiped.pixelColor(20, 120), a.pixelColor(20, 120));
    QCOMPARE(wiped.pixelColor(300, 120), b.pixelColor(300, 120));
    // Flicker: B in A's place, and back.
    view.action(QStringLiteral("flickerToggle"))->trigger();
    QCOMPARE(view.compareMode(), CompareMode::Flicker);
    QCOMPARE(view.currentPicture().convertToFormat(QImage::Format_RGB888), b);
    view.action(QStringLiteral("flickerToggle"))->trigger();
    QCOMPARE(view.currentPicture().convertToFormat(QImage::Format_RGB888), a);
    // Difference: the same picture at 0 s (two encodes of one source) is near black; different moments are not.
    view.setCompareMode(CompareMode::Difference);
    const double same = meanLevel(view.currentPicture());
    view.seek(2520000); // A frame 63, B frame 75
    checkAligned(view);
    const double apart = meanLevel(view.currentPicture());
    QVERIFY2(same < 8.0 && apart > same * 3.0, qPrintable(QStringLiteral("%1 vs %2").arg(same).arg(apart)));
    // Zoom from one pane zooms every pane, about the cursor.
    view.setCompareMode(CompareMode::SideBySide);
    QVERIFY(view.view(1)->isVisible());
    const QPoint centre = view.view(1)->rect().center();
    QWheelEvent wheel(centre, view.view(1)->mapToGlobal(centre), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.view(1), &wheel);
    QVERIFY(view.viewTransform().zoom > 1.5);
    QCOMPARE(view.view(0)->transform(), view.viewTransform());
    QCOMPARE(view.view(1)->transform(), view.viewTransform());
    view.action(QStringLiteral("zoomFit"))->trigger();
    QCOMPARE(view.view(0)->transform().zoom, 1.0);
    actualPixels(view);
    // Export: both frames side by side at their own size.
    const QString png = m_dir.filePath(QStringLiteral("frames.png"));
    view.exportPicture(png);
    const QImage written(png);
    QCOMPARE(written.size(), QSize(640, 240));
    QVERIFY(view.describeCurrentMoment().contains(QStringLiteral("frame 63")));
}

void ComparisonViewTest::loopAndOffsets() {
    ComparisonView view;
    QVERIFY(showClips(view, {m_clip25, m_clip30}, QSize(900, 600)));
    view.seek(1000000);
    view.action(QStringLiteral("loopIn"))->trigger();
    view.seek(1400000);
    view.action(QStringLiteral("loopOut"))->trigger();
    view.action(QStringLiteral("loop"))->trigger();
    QVERIFY(view.isLooping());
    QCOMPARE(view.loopRange(), std::make_pair(int64_t(1000000), int64_t(1400000)));
    view.play();
    // Over a second of playback the clock wraps round the 0.4 s loop and never leaves it.
    QElapsedTimer timer;
    timer.start();
    int64_t lowest = INT64_MAX;
    int64_t highest = 0;
    while (timer.elapsed() < 1100) {
        QTest::qWait(10);
        lowest = std::min(lowest, view.timeUs());
        highest = std::max(highest, view.timeUs());
    }
    view.pause();
    QVERIFY2(lowest >= 1000000 && highest < 1400000, qPrintable(QStringLiteral("%1 .. %2").arg(lowest).arg(highest)));
    QVERIFY2(highest - lowest > 250000, qPrintable(QStringLiteral("%1 .. %2").arg(lowest).arg(highest)));
    // B one of its frames later on the timeline: at 1.0 s it shows its frame 29 instead of 30.
    view.seek(1000000);
    checkAligned(view);
    QCOMPARE(view.shownFrame(1), 30);
    view.action(QStringLiteral("offsetLater"))->trigger();
    QCOMPARE(view.timeline().tracks()[1].offsetUs, int64_t(33333));
    checkAligned(view);
    QCOMPARE(view.shownFrame(1), 29);
    QCOMPARE(view.shownFrame(0), 25);
    // A click on A's pane makes A the video the offset keys move.
    QTest::mouseClick(view.view(0), Qt::LeftButton, {}, view.view(0)->rect().center());
    QCOMPARE(view.offsetTarget(), 0);
    QTest::keyClick(&view, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(view.timeline().tracks()[0].offsetUs, int64_t(-40000));
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), 26);
    QCOMPARE(view.timeline().tracks()[1].offsetUs, int64_t(33333));
}

void ComparisonViewTest::badVideoIsNamedAndChangesNothing() {
    ComparisonView view;
    QCOMPARE(view.openVideos({m_clip25, m_clip30}), QString());
    const QString text = m_dir.filePath(QStringLiteral("notes.mp4"));
    QVERIFY(svj::test::writeFile(text, "not a video at all, just some words in a file"));
    const QString error = view.openVideos({m_clip25, text});
    QVERIFY2(error.contains(text), qPrintable(error));
    QCOMPARE(view.videoCount(), 2);
    QCOMPARE(view.timeline().tracks()[1].path, m_clip30);
    QVERIFY(!view.openVideos({}).isEmpty());
}

void ComparisonViewTest::scoringInAChildProcessDrawsTheCurves() {
    ComparisonView view;
    QCOMPARE(view.openVideos({m_clip25, m_clip30}), QString());
    view.scoreJob().setProgram(qEnvironmentVariable("SVJ_BINARY"));
    QSignalSpy finished(&view.scoreJob(), &ScoreJob::finished);
    QSignalSpy failed(&view.scoreJob(), &ScoreJob::failed);
    QSignalSpy windows(&view.scoreJob(), &ScoreJob::windowProgress);
    view.scoreVideos();
    QVERIFY(finished.wait(120000));
    // Progress within each video, window by window, up to its last window.
    QVERIFY(windows.size() >= 2);
    QCOMPARE(windows.back().value(0).toInt(), 1);
    QCOMPARE(windows.back().value(1).toInt(), windows.back().value(2).toInt());
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.front().value(1).toString()));
    QCOMPARE(finished.front().value(0).toBool(), false);
    QCOMPARE(view.timeline().tracks()[0].energies.size(), size_t(250));
    QCOMPARE(view.timeline().tracks()[1].energies.size(), size_t(300));
    QVERIFY(!view.timeline().tracks()[0].judgeFrames.empty());
    QVERIFY(view.timeline().worstMomentUs().has_value());
    // "What the judge saw": one thumbnail per frame the judge's windows held; a click goes there.
    const std::vector<int64_t>& seen = view.timeline().tracks()[0].judgeFrames;
    QCOMPARE(view.judgeStrip()->thumbnailCount(), static_cast<int>(seen.size()));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    actualPixels(view);
    QTest::mouseClick(view.judgeStrip()->thumbnail(5), Qt::LeftButton);
    checkAligned(view);
    QCOMPARE(view.shownFrame(0), seen[5]);
    // Hovering the plot shades the latent frame under the mouse and names it.
    const double at = static_cast<double>(view.timeline().timeOf(0, seen[6])) / 1e6 + 0.01;
    QMouseEvent move(QEvent::MouseMove, QPointF(view.energyPlot()->canvasPoint(at)), QPointF(), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(view.energyPlot()->canvas(), &move);
    QVERIFY(view.energyPlot()->latentSpanShown());
    QVERIFY2(view.energyPlot()->describe(static_cast<int64_t>(at * 1e6), 0).contains(QStringLiteral("latent frame 2")),
             qPrintable(view.energyPlot()->describe(static_cast<int64_t>(at * 1e6), 0)));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(view.energyPlot()->canvas(), &leave);
    QVERIFY(!view.energyPlot()->latentSpanShown());
}

void ComparisonViewTest::closingWhileScoringNeitherHangsNorCrashes() {
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    // A fresh score workspace: nothing kept from an earlier run answers for the judge.
    settings.setValue(QStringLiteral("judge/scoreWorkspace"), m_dir.filePath(QStringLiteral("closing.svjw")));
    auto window = std::make_unique<MainWindow>(settings);
    window->comparisonView()->scoreJob().setProgram(qEnvironmentVariable("SVJ_BINARY"));
    window->show();
    QVERIFY(window->openVideos({m_clip25, m_clip30}));
    QTRY_VERIFY_WITH_TIMEOUT(window->comparisonView()->scoreJob().isRunning(), 5000);
    QElapsedTimer timer;
    timer.start();
    window->close();
    window.reset();
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

namespace {

// Every curve of `view` once `job` finished, and whether each came back from kept scores.
struct Scoring {
    std::vector<std::vector<float>> curves;
    std::vector<bool> cached;
    bool childStarted = false;
};

Scoring scoreAndWait(ComparisonView& view, const std::function<void()>& start) {
    Scoring result;
    QSignalSpy finished(&view.scoreJob(), &ScoreJob::finished);
    QSignalSpy scored(&view.scoreJob(), &ScoreJob::scored);
    QSignalSpy failed(&view.scoreJob(), &ScoreJob::failed);
    start();
    result.childStarted = view.scoreJob().isRunning();
    if (finished.isEmpty() && !finished.wait(120000)) {
        qWarning("scoring did not finish");
        return result;
    }
    if (!failed.isEmpty()) {
        qWarning("%s", qPrintable(failed.front().value(1).toString()));
    }
    for (const QList<QVariant>& call : scored) {
        result.cached.push_back(call.value(1).value<ScoredCurve>().cached);
    }
    for (const VideoTrack& track : view.timeline().tracks()) {
        result.curves.push_back(track.energies);
    }
    return result;
}

} // namespace

// Scores are kept in a workspace per video and checkpoint: the same judge again is read back without a child
// process (from memory in this view, from the workspace in a new one); another checkpoint clears the curves and draws
// its own; a checkpoint written again is scored again.
void ComparisonViewTest::scoresAreKeptPerCheckpointAndSwitchingRedraws() {
    const QString program = qEnvironmentVariable("SVJ_BINARY");
    // A second judge: a tiny one pre-trained here for two steps on two small clips.
    const QString videos = m_dir.filePath(QStringLiteral("train"));
    QVERIFY(QDir().mkpath(videos));
    for (const QString& source : {QStringLiteral("testsrc2"), QStringLiteral("mandelbrot")}) {
        QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                      source + QStringLiteral("=size=96x64:rate=24"), QStringLiteral("-t"),
                                      QStringLiteral("3"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                                      QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
                                      QStringLiteral("%1/%2.mp4").arg(videos, source)}));
    }
    const QString tiny = m_dir.filePath(QStringLiteral("tiny.safetensors"));
    QProcess pretrain;
    pretrain.start(program, {QStringLiteral("pretrain"),
                             QStringLiteral("--videos"),
                             videos,
                             QStringLiteral("--preset"),
                             QStringLiteral("tiny"),
                             QStringLiteral("--size"),
                             QStringLiteral("32"),
                             QStringLiteral("--frames"),
                             QStringLiteral("9"),
                             QStringLiteral("--layers"),
                             QStringLiteral("1"),
                             QStringLiteral("--region"),
                             QStringLiteral("64"),
                             QStringLiteral("--steps"),
                             QStringLiteral("2"),
                             QStringLiteral("--batch"),
                             QStringLiteral("2"),
                             QStringLiteral("--no-final-check"),
                             QStringLiteral("--threads"),
                             QStringLiteral("1"),
                             QStringLiteral("--out"),
                             tiny,
                             QStringLiteral("--progress"),
                             QStringLiteral("none")});
    QVERIFY(pretrain.waitForFinished(120000));
    QVERIFY2(pretrain.exitCode() == 0, pretrain.readAllStandardError().constData());

    const QString workspace = m_dir.filePath(QStringLiteral("scores.svjw"));
    QCOMPARE(ScoreJob::prepareScoreWorkspace(workspace), QString());
    ComparisonView view;
    view.scoreJob().setProgram(program);
    view.scoreJob().setScoreWorkspace(workspace);
    QCOMPARE(view.openVideos({m_clip25, m_clip30}), QString());
    const Scoring shipped = scoreAndWait(view, [&] { view.scoreVideos(); });
    QCOMPARE(shipped.cached, std::vector<bool>({false, false}));
    QCOMPARE(shipped.curves[0].size(), size_t(250));

    // Another judge: the old curves go at once, the new ones differ.
    const Scoring other = scoreAndWait(view, [&] {
        view.setCheckpoint(tiny);
        QVERIFY(view.timeline().tracks()[0].energies.empty());
    });
    QCOMPARE(view.judgeChoice()->currentText(), QStringLiteral("tiny.safetensors"));
    QCOMPARE(other.cached, std::vector<bool>({false, false}));
    QCOMPARE(other.curves[0].size(), size_t(250));
    QVERIFY(other.curves[0] != shipped.curves[0]);

    // Back to the shipped judge: redrawn from memory, no child process.
    const Scoring again = scoreAndWait(view, [&] { view.setCheckpoint({}); });
    QVERIFY(!again.childStarted);
    QCOMPARE(again.cached, std::vector<bool>({true, true}));
    QCOMPARE(again.curves, shipped.curves);

    // A new view (nothing in memory) reads the tiny judge's scores back from the workspace.
    ComparisonView fresh;
    fresh.scoreJob().setProgram(program);
    fresh.scoreJob().setScoreWorkspace(workspace);
    QCOMPARE(fresh.openVideos({m_clip25, m_clip30}), QString());
    const Scoring kept = scoreAndWait(fresh, [&] { fresh.setCheckpoint(tiny); });
    QVERIFY(!kept.childStarted); // read in the window, the judge not started
    QCOMPARE(kept.cached, std::vector<bool>({true, true}));
    QCOMPARE(kept.curves.size(), other.curves.size());
    for (size_t video = 0; video < kept.curves.size(); ++video) {
        QCOMPARE(kept.curves[video].size(), other.curves[video].size());
        for (size_t i = 0; i < kept.curves[video].size(); ++i) {
            QVERIFY(std::abs(kept.curves[video][i] - other.curves[video][i]) < 1e-5f);
        }
    }

    // The checkpoint written again (here: touched) is not trusted any more, in memory or in the workspace.
    QFile file(tiny);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
    file.close();
    const Scoring rewritten = scoreAndWait(fresh, [&] { fresh.scoreVideos(); });
    QVERIFY(rewritten.childStarted);
    QCOMPARE(rewritten.cached, std::vector<bool>({false, false}));
}

// Which source frames one latent frame of a judge window stands for (pure Timeline logic).
void ComparisonViewTest::latentSpansFollowTheJudgeWindows() {
    VideoTrack track;
    for (int64_t frame = 0; frame < 30; ++frame) {
        track.ptsUs.push_back(frame * 40000);
    }
    track.durationUs = 30 * 40000;
    Timeline timeline;
    timeline.setTracks({track});
    QVERIFY(!timeline.latentSpanAt(0, 0).has_value()); // not scored
    // Two windows of 9 sampled frames: 0, 2, .., 16 and 13, 15, .., 29 (the last moved to end at the end).
    track.judgeFrames = {0, 2, 4, 6, 8, 10, 12, 14, 16, 13, 15, 17, 19, 21, 23, 25, 27, 29};
    track.windowSizes = {9, 9};
    track.offsetUs = 1000000;
    timeline.setTracks({track});
    const auto span = [&](int64_t frame) { return timeline.latentSpanAt(0, timeline.timeOf(0, frame)); };
    QCOMPARE(span(0)->latent, 0);
    QCOMPARE(span(1)->lastFrame, 1);
    QCOMPARE(span(0)->sampled, std::vector<int64_t>({0}));
    QCOMPARE(span(0)->endUs, 1000000 + 80000);
    QCOMPARE(span(5)->latent, 1);
    QCOMPARE(span(5)->firstFrame, 2);
    QCOMPARE(span(5)->lastFrame, 9);
    QCOMPARE(span(5)->sampled, std::vector<int64_t>({2, 4, 6, 8}));
    QCOMPARE(span(5)->startUs, 1000000 + 80000);
    QCOMPARE(span(16)->window, 0);
    QCOMPARE(span(16)->lastFrame, 16);
    QCOMPARE(span(16)->endUs, 1000000 + 17 * 40000);
    QCOMPARE(span(18)->window, 1);
    QCOMPARE(span(18)->sampled, std::vector<int64_t>({15, 17, 19, 21}));
    QCOMPARE(span(18)->firstFrame, 15);
    QCOMPARE(span(18)->lastFrame, 22);
    QCOMPARE(span(29)->latent, 2);
    QCOMPARE(span(29)->lastFrame, 29);
    QCOMPARE(span(29)->endUs, 1000000 + 30 * 40000);
    QCOMPARE(timeline.latentSpanAt(0, 0)->latent, 0); // before the video starts its first frame is shown
}

SVJ_REGISTER_TEST(ComparisonViewTest)
#include "comparison_view_tests.moc"
