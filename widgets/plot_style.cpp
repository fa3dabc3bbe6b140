#include "widgets/plot_style.h"

#include <QPalette>
#include <qcustomplot.h>

namespace svj::widgets {

void applyPlotPalette(QCustomPlot* plot, const QPalette& palette) {
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    plot->setBackground(base);
    plot->legend->setBrush(base);
    plot->legend->setTextColor(text);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(QColor(text.red(), text.green(), text.blue(), 40), 1, Qt::DotLine));
    }
}

void putLegendAbove(QCustomPlot* plot) {
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, plot->legend);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->plotLayout()->setRowStretchFactor(0, 0.001);
}

} // namespace svj::widgets
