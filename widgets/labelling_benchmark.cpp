#include "widgets/labelling_benchmark.h"

#include "widgets/comparison_view.h"
#include "widgets/labelling_panel.h"
#include "widgets/main_window.h"

#include <QAction>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace svj::widgets {
namespace {

template <typename Done>
bool spin(Done done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    return done();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5)];
}

} // namespace

int runLabellingBenchmark(MainWindow& window) {
    LabellingPanel* panel = window.labellingPanel();
    ComparisonView* view = window.comparisonView();
    if (!panel || panel->shownPair() == 0) {
        std::fprintf(stderr, "bench-labelling: no workspace open, or nothing to label in it\n");
        return 1;
    }
    spin([&] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 5000);
    panel->setMustWatch(false);
    const auto onScreen = [&] {
        for (int video = 0; video < view->videoCount(); ++video) {
            if (view->shownFrame(video) != view->wantedFrame(video)) {
                return false;
            }
        }
        return view->videoCount() > 0;
    };
    spin(onScreen, 5000);
    const int items = panel->session().remaining();
    const int baselineItems = items / 2;
    std::vector<double> baseline;
    std::vector<double> preloaded;
    QAction* vote = panel->action(QStringLiteral("voteLeft"));
    for (int item = 0; item + 1 < items; ++item) {
        const bool preload = item >= baselineItems;
        panel->setPreload(preload);
        if (item == baselineItems) {
            // The pair after this one is probed now, as it would have been while this one was watched.
            QAction* skip = panel->action(QStringLiteral("skip"));
            skip->trigger();
            spin(onScreen, 5000);
            ++item;
        }
        // The annotator watches before voting (here a moment: long enough for a probe ahead to finish).
        QElapsedTimer watching;
        watching.start();
        spin([&] { return watching.elapsed() >= 300; }, 1000);
        const qint64 before = panel->shownPair();
        QElapsedTimer timer;
        timer.start();
        vote->trigger();
        if (!spin([&] { return panel->shownPair() != before && onScreen(); }, 10000)) {
            std::fprintf(stderr, "bench-labelling: the next pair did not appear within 10 s\n");
            return 1;
        }
        (preload ? preloaded : baseline).push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("| verdict key to next pair on screen | items | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n");
    const auto row = [](const char* name, const std::vector<double>& values) {
        std::printf("| %s | %zu | %.1f | %.1f | %.1f |\n", name, values.size(), percentile(values, 0.5),
                    percentile(values, 0.95), values.empty() ? 0.0 : *std::max_element(values.begin(), values.end()));
    };
    row("baseline: next pair probed on demand", baseline);
    row("as the panel works: next pair probed ahead", preloaded);
    if (!baseline.empty() && !preloaded.empty()) {
        std::printf("\np95 ratio (baseline / preloaded): %.2f×; target p95 < 100 ms\n",
                    percentile(baseline, 0.95) / std::max(1e-3, percentile(preloaded, 0.95)));
    }
    return 0;
}

} // namespace svj::widgets
