#include "widgets/compare_modes.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace svj::widgets {
namespace {

// The labels keep ComparisonView's translation context, where the .ts files have them.
const std::array<CompareModeRow, 4> kModes{{
    {CompareMode::SideBySide, "modeSideBySide", "side",
     QT_TRANSLATE_NOOP("svj::widgets::ComparisonView", "Side by Side"), Qt::Key_F2},
    {CompareMode::Wipe, "modeWipe", "wipe", QT_TRANSLATE_NOOP("svj::widgets::ComparisonView", "Wipe (drag the line)"),
     Qt::Key_F3},
    {CompareMode::Flicker, "modeFlicker", "flicker", QT_TRANSLATE_NOOP("svj::widgets::ComparisonView", "Flicker A/B"),
     Qt::Key_F4},
    {CompareMode::Difference, "modeDifference", "difference",
     QT_TRANSLATE_NOOP("svj::widgets::ComparisonView", "Difference |A − B|"), Qt::Key_F5},
}};

QImage differenceImage(const QImage& a, const QImage& b, double gain) {
    if (a.isNull() || b.isNull()) {
        return {};
    }
    const QImage first = a.convertToFormat(QImage::Format_RGB888);
    QImage second = b.size() == a.size() ? b : b.scaled(a.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    second = second.convertToFormat(QImage::Format_RGB888);
    QImage out(first.size(), QImage::Format_RGB888);
    const int bytes = first.width() * 3;
    for (int y = 0; y < first.height(); ++y) {
        const uchar* p = first.constScanLine(y);
        const uchar* q = second.constScanLine(y);
        uchar* o = out.scanLine(y);
        for (int x = 0; x < bytes; ++x) {
            const double value = std::abs(static_cast<int>(p[x]) - static_cast<int>(q[x])) * gain;
            o[x] = static_cast<uchar>(std::min(255.0, value));
        }
    }
    return out;
}

} // namespace

std::span<const CompareModeRow> compareModes() {
    return kModes;
}

const CompareModeRow& compareModeRow(CompareMode mode) {
    for (const CompareModeRow& row : kModes) {
        if (row.mode == mode) {
            return row;
        }
    }
    throw std::logic_error("a compare mode without its row in compare_modes.cpp");
}

QString compareModeLabel(CompareMode mode) {
    return QCoreApplication::translate("svj::widgets::ComparisonView", compareModeRow(mode).label);
}

std::optional<CompareMode> compareModeNamed(QStringView cliName) {
    for (const CompareModeRow& row : kModes) {
        if (cliName == QLatin1String(row.cliName)) {
            return row.mode;
        }
    }
    return std::nullopt;
}

QString compareModeNames() {
    QString names;
    for (size_t i = 0; i < kModes.size(); ++i) {
        names += (i == 0                   ? QString()
                  : i + 1 == kModes.size() ? QStringLiteral(" or ")
                                           : QStringLiteral(", ")) +
                 QLatin1String(kModes[i].cliName);
    }
    return names;
}

QImage composeCompare(CompareMode mode, const QImage& image, const QImage& other, const CompareInputs& inputs) {
    if (image.isNull() || other.isNull()) {
        return image;
    }
    switch (mode) {
    case CompareMode::SideBySide:
        return image;
    case CompareMode::Flicker:
        return !inputs.flickerOther ? image
               : other.size() == image.size()
                   ? other
                   : other.scaled(image.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    case CompareMode::Difference:
        return differenceImage(image, other, std::max(inputs.gain, 0.0));
    case CompareMode::Wipe: {
        QImage out = image.convertToFormat(QImage::Format_RGB888);
        QPainter painter(&out);
        const int split = static_cast<int>(std::lround(std::clamp(inputs.wipe, 0.0, 1.0) * out.width()));
        painter.setClipRect(split, 0, out.width() - split, out.height());
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(out.rect(), other);
        return out;
    }
    }
    return image;
}

} // namespace svj::widgets
