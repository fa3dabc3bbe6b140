// `svj-workbench --bench-labelling WORKSPACE`: votes through the annotator's queue by the verdict key's action
// and times each from the key to the next pair on screen (both views showing the frame the clock wants). The
// first half runs without probing the next pair ahead (the baseline), the second half as the panel works.
#pragma once

namespace svj::widgets {

class MainWindow;

// Runs on `window` (a workspace open, its queue not empty); prints a Markdown table on stdout. Returns the
// process exit code (0, or 1 when there is nothing to label).
int runLabellingBenchmark(MainWindow& window);

} // namespace svj::widgets
