#include "annotation/csv_writer.h"

namespace svj::annotation {
namespace {

bool startsAFormula(const QString& value) {
    if (value.isEmpty()) {
        return false;
    }
    const QChar first = value.front();
    if (first != QLatin1Char('=') && first != QLatin1Char('+') && first != QLatin1Char('-') &&
        first != QLatin1Char('@') && first != QLatin1Char('\t') && first != QLatin1Char('\r')) {
        return false;
    }
    // "-0.25" is a number a spreadsheet should keep as one.
    bool number = false;
    value.toDouble(&number);
    return !number;
}

} // namespace

QString csvCell(const QString& value) {
    const QString text = startsAFormula(value) ? QLatin1Char('\'') + value : value;
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n')) ||
        text.contains(QLatin1Char('\r'))) {
        QString quoted = text;
        quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return text;
}

QString csvCellText(const QString& cell) {
    if (cell.size() >= 2 && cell.front() == QLatin1Char('\'') && startsAFormula(cell.mid(1))) {
        return cell.mid(1);
    }
    return cell;
}

} // namespace svj::annotation
