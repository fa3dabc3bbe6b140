// How the workbench's QCustomPlot plots look: the application palette's colours (light or dark theme) and the
// legend in a row of its own above the plot, so curves keep the whole width.
#pragma once

class QCustomPlot;
class QPalette;

namespace svj::widgets {

// Background, axes, ticks, grid and legend in `palette`'s colours (every axis, the right one included).
void applyPlotPalette(QCustomPlot* plot, const QPalette& palette);
// Moves the legend into a row above the axis rect, laid out left to right, without a frame.
void putLegendAbove(QCustomPlot* plot);

} // namespace svj::widgets
