// Statements on a database over a plain connection, outside any Workspace: for tools, benchmarks and tests
// that build what a Workspace would refuse to (older schemas, foreign tables, bare baseline tables).
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QSqlDatabase;

namespace svj::annotation {

// Opens `location` (a file or a postgresql:// URL, see WorkspaceLocation), runs `statements` unprepared in
// order, then `more` with the open connection; closes it. Throws WorkspaceError naming the location and the
// first statement that failed.
void runOnPlainConnection(const QString& location, const QStringList& statements,
                          const std::function<void(QSqlDatabase&)>& more = {});

} // namespace svj::annotation
