#include "annotation/csv_reader.h"

#include "annotation/import_error.h"

namespace svj::annotation {

QVector<CsvRecord> parseCsv(const QString& text, const QString& path) {
    QVector<CsvRecord> records;
    CsvRecord record;
    QString field;
    bool quoted = false;      // inside a quoted field
    bool fieldQuoted = false; // the current field was quoted (an empty quoted field is still a field)
    int line = 1;
    int quoteLine = 0;
    record.line = 1;
    auto endField = [&] {
        record.fields.append(field);
        field.clear();
        fieldQuoted = false;
    };
    auto endRecord = [&] {
        endField();
        // A blank line is no record.
        if (!(record.fields.size() == 1 && record.fields.front().isEmpty())) {
            records.append(record);
        }
        record = CsvRecord{};
        record.line = line;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(QLatin1Char('"'));
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n')) {
                    ++line;
                }
                field.append(c);
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty() && !fieldQuoted) {
            quoted = true;
            fieldQuoted = true;
            quoteLine = line;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\r')) {
            // CRLF: the LF ends the record.
        } else if (c == QLatin1Char('\n')) {
            ++line;
            endRecord();
        } else {
            field.append(c);
        }
    }
    if (quoted) {
        throw ImportError(path, quoteLine, QStringLiteral("a quoted field is never closed"));
    }
    if (!field.isEmpty() || !record.fields.isEmpty() || fieldQuoted) {
        endRecord();
    }
    return records;
}

} // namespace svj::annotation
