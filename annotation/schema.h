// The label store's tables as SQL, one migration per schema version (docs/label-store.md, "Tables": the names are the
// contract), written once for SQLite and PostgreSQL (placeholders filled by SqlDialect::schemaStatement).
#pragma once

#include <QStringList>

namespace svj::annotation {

// The statements that take a workspace from `version - 1` to `version` (version 1 creates everything).
QStringList migrationTo(int version);
// The tables the latest schema has.
QStringList schemaTables();
// The newest version this build knows.
int latestSchemaVersion();

} // namespace svj::annotation
