// Where a test's workspace lives: a file in the test's folder, or, when SVJ_TEST_POSTGRES holds a server's admin
// URL, a fresh database on that server, so the one annotation suite checks both engines.
#pragma once

#include <QString>
#include <QStringList>

namespace svj::test {

// Whether this run's workspaces are on PostgreSQL.
bool onPostgres();
// A location for a new workspace called `name`: `dir/name`, or a new, empty database on the server.
QString newWorkspaceLocation(const QString& dir, const QString& name);
// Runs `statements` on the database at `location` over a plain connection (no Workspace): to build databases a
// Workspace would refuse to (old schemas, foreign tables, tampered versions).
void runRaw(const QString& location, const QStringList& statements);

} // namespace svj::test
