// The SQL engines the label store runs on, as found at run time (Qt's SQL plugins and their libraries).
#pragma once

#include <QString>
#include <QStringList>

namespace svj::annotation {

// The SQLite library version behind Qt's QSQLITE driver ("3.40.1"), asked from SQLite itself.
// Throws std::runtime_error when the QSQLITE plugin is missing.
QString sqliteVersion();

// Qt SQL drivers this installation can load ("QSQLITE", "QPSQL", ...).
QStringList sqlDrivers();

} // namespace svj::annotation
