// The ways the comparison view shows two videos in one pane, one row each: the action's object name, the
// command-line name, the menu label and the shortcut. Adding a mode is one row here and its picture in
// composeCompare (which the pane paints and the frame export saves).
#pragma once

#include <QImage>
#include <QString>
#include <QStringView>

#include <optional>
#include <span>

namespace svj::widgets {

enum class CompareMode { SideBySide, Wipe, Flicker, Difference };

struct CompareModeRow {
    CompareMode mode;
    const char* objectName; // the QAction's, for tests and scripts ("modeWipe")
    const char* cliName;    // svj-workbench --compare NAME
    const char* label;      // the menu label, translated in ComparisonView's context (compareModeLabel)
    int shortcut;           // a Qt::Key
};

std::span<const CompareModeRow> compareModes();
const CompareModeRow& compareModeRow(CompareMode mode);
QString compareModeLabel(CompareMode mode);
// The mode a command line names ("side", "wipe", ...), or nothing for a name no mode has.
std::optional<CompareMode> compareModeNamed(QStringView cliName);
// "side, wipe, flicker or difference": for help texts and errors.
QString compareModeNames();

// What a pane shows of `image` in `mode` with `other` (the second video's frame, scaled to `image`'s size), at
// `image`'s own size: the pane paints it and the frame export saves it, so both show the same picture.
struct CompareInputs {
    double wipe = 0.5;         // the split, as a fraction of the width (Wipe)
    bool flickerOther = false; // Flicker: the other video's frame is up
    double gain = 4.0;         // Difference
};
QImage composeCompare(CompareMode mode, const QImage& image, const QImage& other, const CompareInputs& inputs);

} // namespace svj::widgets
