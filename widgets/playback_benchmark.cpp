#include "widgets/playback_benchmark.h"

#include "media/video_reader.h"
#include "widgets/comparison_view.h"
#include "widgets/frame_loader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace svj::widgets {
namespace {

// Runs the event loop until `done` holds or `timeoutMs` passes.
template <typename Done>
void spin(Done done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

} // namespace

int runPlaybackBenchmark(ComparisonView& view, int steps) {
    const int count = view.videoCount();
    if (count == 0) {
        std::fprintf(stderr, "bench-playback: no videos open\n");
        return 1;
    }
    spin([&] { return view.window()->windowHandle() && view.window()->windowHandle()->isExposed(); }, 5000);
    const Timeline& timeline = view.timeline();
    std::printf("| video | size | fps | frames |\n|---|---|---|---|\n");
    for (const VideoTrack& track : timeline.tracks()) {
        std::printf("| %s | %dx%d | %.3f | %zu |\n", qPrintable(track.name), track.width, track.height, track.fps,
                    track.ptsUs.size());
    }
    // Baseline: every frame of every stream decoded and converted flat out, one stream after the other.
    double baselineFps = 0.0;
    {
        int64_t frames = 0;
        QElapsedTimer timer;
        timer.start();
        for (const VideoTrack& track : timeline.tracks()) {
            media::VideoReader reader(track.path.toStdString());
            media::VideoFrame frame;
            for (int64_t i = 0; i < reader.frameCount(); ++i) {
                reader.readFrame(i, frame);
                ++frames;
            }
        }
        baselineFps = static_cast<double>(frames) / (static_cast<double>(timer.nsecsElapsed()) / 1e9);
    }

    // Playback at 1× from the start; wait until the first frames are up, as a viewer would.
    view.toStart();
    spin([&] { return view.shownFrame(0) == view.wantedFrame(0); }, 10000);
    std::vector<int64_t> decodedBefore;
    std::vector<int64_t> decodeNsBefore;
    for (int video = 0; video < count; ++video) {
        view.view(video)->resetStats();
        decodedBefore.push_back(view.loader(video)->decodedFrames());
        decodeNsBefore.push_back(view.loader(video)->decodeNs());
    }
    QElapsedTimer wall;
    wall.start();
    view.play();
    spin([&] { return !view.isPlaying(); }, static_cast<int>(timeline.endUs() / 1000) * 3 + 10000);
    const double seconds = static_cast<double>(wall.nsecsElapsed()) / 1e9;

    std::printf("\n| video | frames due | shown | dropped | decode ms/frame | paint ms/paint |\n"
                "|---|---|---|---|---|---|\n");
    int64_t due = 0;
    int64_t shown = 0;
    for (int video = 0; video < count; ++video) {
        const VideoTrack& track = timeline.tracks()[static_cast<size_t>(video)];
        // Every frame starts inside the played span; the first one was up before the clock started.
        const int64_t videoDue = static_cast<int64_t>(track.ptsUs.size()) - 1;
        const int64_t videoShown = std::min(videoDue, view.view(video)->stats().framesShown);
        const int64_t decoded = view.loader(video)->decodedFrames() - decodedBefore[static_cast<size_t>(video)];
        const double decodeMs =
            decoded > 0
                ? static_cast<double>(view.loader(video)->decodeNs() - decodeNsBefore[static_cast<size_t>(video)]) /
                      1e6 / static_cast<double>(decoded)
                : 0.0;
        const VideoView::Stats& stats = view.view(video)->stats();
        const double paintMs =
            stats.paints > 0 ? static_cast<double>(stats.paintNs) / 1e6 / static_cast<double>(stats.paints) : 0.0;
        std::printf("| %s | %lld | %lld | %.2f %% | %.2f | %.2f |\n", qPrintable(track.name),
                    static_cast<long long>(videoDue), static_cast<long long>(videoShown),
                    100.0 * static_cast<double>(videoDue - videoShown) /
                        static_cast<double>(std::max<int64_t>(1, videoDue)),
                    decodeMs, paintMs);
        due += videoDue;
        shown += videoShown;
    }
    const double neededFps = static_cast<double>(due) / (static_cast<double>(timeline.endUs()) / 1e6);
    std::printf("\nplayed %.2f s of timeline in %.2f s; dropped %.2f %% of %lld frames\n",
                static_cast<double>(timeline.endUs()) / 1e6, seconds,
                100.0 * static_cast<double>(due - shown) / static_cast<double>(std::max<int64_t>(1, due)),
                static_cast<long long>(due));
    std::printf("baseline: decoding flat out, one stream at a time: %.1f frames/s = %.2fx the %.1f frames/s "
                "playback needs\n",
                baselineFps, baselineFps / neededFps, neededFps);

    // Frame-step latency: from the step to every view showing its frame.
    view.toStart();
    spin([&] { return view.shownFrame(0) == view.wantedFrame(0); }, 10000);
    std::vector<double> stepMs;
    for (int i = 0; i < steps; ++i) {
        bool shownAll = false;
        const QMetaObject::Connection connection =
            QObject::connect(&view, &ComparisonView::framesShown, [&] { shownAll = true; });
        QElapsedTimer timer;
        timer.start();
        view.step(i % 10 == 9 ? -3 : 1); // mostly forward, now and then back
        spin([&] { return shownAll; }, 5000);
        if (!shownAll) {
            for (int video = 0; video < count; ++video) {
                std::fprintf(stderr, "step %d timed out: video %d shows %lld, wants %lld\n", i, video,
                             static_cast<long long>(view.shownFrame(video)),
                             static_cast<long long>(view.wantedFrame(video)));
            }
        }
        stepMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        QObject::disconnect(connection);
        QCoreApplication::processEvents(); // the paint of the frame just shown
    }
    std::printf("frame step (%d steps, every view): p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", steps,
                percentile(stepMs, 0.5), percentile(stepMs, 0.95), percentile(stepMs, 1.0));
    std::fflush(stdout);
    return 0;
}

} // namespace svj::widgets
