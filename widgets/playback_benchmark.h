// `svj-workbench --bench-playback VIDEO...`: plays the videos in the comparison view at 1× from start to end and
// reports what a viewer missed (dropped frames), decode and paint times and the frame-step latency, beside the
// baseline of decoding the same streams flat out, one after the other, with the same reader and conversion.
#pragma once

#include <QString>

namespace svj::widgets {

class ComparisonView;

// Runs the benchmark on `view` (videos open, window shown); prints a Markdown table on stdout. Returns the
// process exit code (0, or 1 when the view has no videos).
int runPlaybackBenchmark(ComparisonView& view, int steps = 100);

} // namespace svj::widgets
