// Reading CSV as the preference benchmarks write it (RFC 4180: quoted fields with commas, doubled quotes and
// line breaks inside quotes; CRLF or LF), with the line each record starts on for error messages.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace svj::annotation {

struct CsvRecord {
    int line = 0; // 1-based line where the record starts
    QStringList fields;
};

// Parses the whole text. Throws ImportError("PATH:LINE: ...") on a quote left open at the end.
QVector<CsvRecord> parseCsv(const QString& text, const QString& path);

} // namespace svj::annotation
