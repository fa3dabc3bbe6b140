// Writing CSV cells that any spreadsheet or CSV reader takes back as they were: quoted and escaped where
// RFC 4180 needs it, and text that a spreadsheet would run as a formula (= + - @ first) neutralised.
#pragma once

#include <QString>

namespace svj::annotation {

// A text cell: quoted when it holds a comma, quote or line break (quotes doubled); a leading = + - @, tab
// or carriage return gets a ' in front (OWASP's advice against formula injection), numbers excepted.
QString csvCell(const QString& value);

// The inverse of the neutralisation, for our own files read back: "'=x" -> "=x".
QString csvCellText(const QString& cell);

} // namespace svj::annotation
